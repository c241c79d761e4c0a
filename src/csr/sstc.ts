/**
 * Sstc, the supervisor timer compare extension (privileged spec, chapter "Sstc" (v1.12+)):
 * the stimecmp CSR (0x14d) and menvcfg.STCE (bit 63).
 *
 *  - With STCE = 1, mip.STIP is driven by the comparison time >= stimecmp (unsigned 64-bit) and is
 *    read-only to software (machine-csrs.ts masks it out of mip writes).
 *  - With STCE = 0, stimecmp has no effect on STIP, and S-mode accesses to stimecmp are illegal;
 *    they are also illegal from S-mode when mcounteren.TM = 0. M-mode may always access it.
 *
 * It is a TimedDevice: the machine ends each execution slice at the simulated time stimecmp is
 * reached, so the interrupt arrives at the same instruction on every run.
 */
import type { TimedDevice } from '../machine.js';
import type { IrqSink } from '../platform/irq.js';
import { type Hart, Priv } from '../rv64/hart.js';
import { Cause } from '../rv64/trap.js';
import { type CsrFile, MENVCFG_STCE_HI, val } from './csr-file.js';

export const CSR_STIMECMP = 0x14d;
const TWO32 = 0x100000000;
/** Values at or above 2^53 (high word >= 2^21) are never reached by a time below 2^53. */
const SAFE_HI = 0x200000;
/** mcounteren.TM: bit 1. */
const TM = 2;
/** mip.STIP's bit number. */
const STIP = 5;

export class Sstc implements TimedDevice {
  /** stimecmp as unsigned 32-bit halves. The spec leaves the reset value unspecified: all ones, so
   * setting STCE before programming stimecmp raises nothing. */
  cmpLo = 0xffffffff;
  cmpHi = 0xffffffff;
  private level = false;

  constructor(
    private readonly csr: CsrFile,
    /** The `time` CSR's current value (the CLINT's mtime), below 2^53. */
    private readonly time: () => number,
    /** The machine's time base (what nextEventTime is measured in). */
    private readonly now: () => number,
    private readonly sink: IrqSink,
  ) {}

  private cmp(): number {
    return this.cmpHi >= SAFE_HI ? Infinity : this.cmpHi * TWO32 + this.cmpLo;
  }

  update(): void {
    const level = this.csr.stce() && this.time() >= this.cmp();
    if (level !== this.level) {
      this.level = level;
      this.sink.setIrq(STIP, level);
    }
  }

  nextEventTime(): number {
    if (!this.csr.stce() || this.level) return Infinity;
    const delta = this.cmp() - this.time();
    return delta === Infinity ? Infinity : this.now() + Math.max(0, delta);
  }

  write(lo: number, hi: number): void {
    this.cmpLo = lo >>> 0;
    this.cmpHi = hi >>> 0;
    this.update();
  }
}

/** Defines stimecmp and makes menvcfg.STCE writable. */
export function defineSstc(c: CsrFile, sstc: Sstc): void {
  c.menvcfgHiWritable |= MENVCFG_STCE_HI;
  c.onMenvcfgWrite = () => sstc.update();
  c.define(CSR_STIMECMP, {
    name: 'stimecmp',
    check: (h: Hart) => {
      if (h.priv === Priv.M) return 0;
      const m = h.csr;
      return (m.mcounteren & TM) === 0 || !m.stce() ? Cause.IllegalInsn : 0;
    },
    read: () => {
      val[0] = sstc.cmpLo | 0;
      val[1] = sstc.cmpHi | 0;
    },
    write: (h, lo, hi) => {
      sstc.write(lo, hi);
      // The next slice must end at the new compare time.
      h.endSlice();
    },
  });
}
