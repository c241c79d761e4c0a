/**
 * How platform interrupt controllers reach a hart: they raise and lower bits of its mip register.
 * The hart implements this; the CLINT and the PLIC hold one sink per hart.
 */
export interface IrqSink {
  /** Drive mip bit `bit` (one of the MipBit values) to `level`. Called only when the level changes. */
  setIrq(bit: number, level: boolean): void;
}

/** The mip bits the platform drives (privileged spec §3.1.9, "Machine Interrupt Registers"). */
export const MipBit = {
  MSIP: 3,
  MTIP: 7,
  SEIP: 9,
  MEIP: 11,
} as const;

/** A level-triggered interrupt line from a device to an interrupt controller. */
export type IrqLine = (level: boolean) => void;

/**
 * Simulated time as the machine counts it: timebase ticks derived from retired instructions /
 * modelled cycles, never the wall clock. Always a non-negative integer below 2^53.
 */
export interface TimeSource {
  now(): number;
}
