/** What the machine needs from a timing model (the in-order model implements it). */
import type { RetireObserver } from '../rv64/cpu.js';

export interface TimingModel extends RetireObserver {
  readonly name: string;
  /** Modelled cycles so far, WFI idle time excluded (the machine adds it). */
  readonly cycles: number;
  /** The model ends the current slice (Hart.endSlice) once its cycles reach this. */
  deadline: number;
  /** The count behind an mhpmevent selector. */
  event(selector: number): number;
}
