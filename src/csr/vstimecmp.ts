/**
 * Sstc with the H extension (privileged spec, chapter "Sstc", and H extension "Virtual Supervisor
 * Timer (vstimecmp) Register", "Hypervisor Environment Configuration Register (henvcfg)"):
 *
 *  - vstimecmp (0x24d) is an HS-level CSR. Below M it is illegal while menvcfg.STCE = 0 or
 *    mcounteren.TM = 0 (as Spike and QEMU; the spec names only stimecmp for STCE).
 *  - henvcfg.STCE (bit 63) is writable only while menvcfg.STCE = 1, else read-only zero.
 *  - With henvcfg.STCE = 1, the VS-level timer signal is (time + htimedelta) mod 2^64 >= vstimecmp,
 *    unsigned; hip.VSTIP is that signal OR hvip.VSTIP (the signal drives its own mip line, see
 *    CsrFile.mip). With STCE = 0, VSTIP is hvip.VSTIP alone.
 *  - From V=1, stimecmp (0x14d) names vstimecmp (csr-file.ts's lookup): illegal when HS could not
 *    access stimecmp; else, from VS, virtual-instruction unless henvcfg.STCE = 1 and
 *    hcounteren.TM = 1; from VU always virtual-instruction.
 *
 * A TimedDevice, like Sstc: the machine ends each slice when the guest's time reaches vstimecmp,
 * so the interrupt arrives at the same instruction on every run. Writes to vstimecmp, htimedelta,
 * henvcfg and menvcfg re-evaluate the line at once.
 */
import type { TimedDevice } from '../machine.js';
import type { IrqSink } from '../platform/irq.js';
import { type Hart, Priv } from '../rv64/hart.js';
import { Cause } from '../rv64/trap.js';
import { type CsrFile, MENVCFG_STCE_HI, val } from './csr-file.js';

export const CSR_VSTIMECMP = 0x24d;
const TWO32 = 0x100000000;
/** A distance in ticks at or above 2^53 (high word >= 2^21) is never reached. */
const SAFE_HI = 0x200000;
/** mcounteren.TM: bit 1. */
const TM = 2;
/** mip.VSTIP's bit number. */
const VSTIP = 6;

export class VsTimecmp implements TimedDevice {
  /** vstimecmp as unsigned 32-bit halves; all ones at reset (unspecified), so nothing fires early. */
  cmpLo = 0xffffffff;
  cmpHi = 0xffffffff;
  private level = false;
  // The guest's time (time + htimedelta, mod 2^64) as unsigned halves, set by `guestTime`.
  private sLo = 0;
  private sHi = 0;

  constructor(
    private readonly csr: CsrFile,
    /** The `time` CSR's current value (the CLINT's mtime), below 2^53. */
    private readonly time: () => number,
    /** The machine's time base (what nextEventTime is measured in). */
    private readonly now: () => number,
    private readonly sink: IrqSink,
  ) {}

  private guestTime(): void {
    const c = this.csr;
    const t = this.time();
    const lo = (t % TWO32) + (c.htimedeltaLo >>> 0);
    this.sLo = lo % TWO32;
    this.sHi = (Math.floor(t / TWO32) + (c.htimedeltaHi >>> 0) + (lo >= TWO32 ? 1 : 0)) % TWO32;
  }

  update(): void {
    let level = false;
    if (this.csr.vstce()) {
      this.guestTime();
      level = this.sHi > this.cmpHi || (this.sHi === this.cmpHi && this.sLo >= this.cmpLo);
    }
    if (level !== this.level) {
      this.level = level;
      this.sink.setIrq(VSTIP, level);
    }
  }

  nextEventTime(): number {
    if (!this.csr.vstce()) return Infinity;
    this.guestTime();
    // Below vstimecmp: the line rises when the guest's time reaches it. At or above: it falls
    // only when the 64-bit sum wraps to 0 (a large htimedelta is a negative offset).
    const d = this.level ? distance(0, 0, this.sLo, this.sHi) : distance(this.cmpLo, this.cmpHi, this.sLo, this.sHi);
    return d === Infinity ? Infinity : this.now() + d;
  }

  write(lo: number, hi: number): void {
    this.cmpLo = lo >>> 0;
    this.cmpHi = hi >>> 0;
    this.update();
  }
}

/**
 * Ticks from b up to a, (a - b) mod 2^64 of unsigned halves; Infinity when it is at or above 2^53
 * or 0 (the caller then means a full 2^64 away).
 */
function distance(aLo: number, aHi: number, bLo: number, bHi: number): number {
  const borrow = aLo < bLo ? 1 : 0;
  const lo = aLo - bLo + borrow * TWO32;
  const hi = (aHi - bHi - borrow + TWO32) % TWO32;
  if (hi >= SAFE_HI) return Infinity;
  const d = hi * TWO32 + lo;
  // a = b: the wrap is 2^64 ticks away (level case), never reached.
  return d === 0 ? Infinity : d;
}

/**
 * Defines vstimecmp and makes henvcfg.STCE live: henvcfg, htimedelta and menvcfg writes
 * re-evaluate the VS timer line. Call after defineSstc (menvcfg.STCE must be writable).
 */
export function defineVstimecmp(c: CsrFile, vst: VsTimecmp): void {
  c.henvcfgHiWritable |= MENVCFG_STCE_HI;
  c.onVsTimerChange = () => vst.update();
  const menvcfgWrite = c.onMenvcfgWrite;
  c.onMenvcfgWrite = () => {
    menvcfgWrite?.();
    vst.update();
  };
  c.define(CSR_VSTIMECMP, {
    name: 'vstimecmp',
    check: (h: Hart) => {
      if (h.priv === Priv.M) return 0;
      const m = h.csr;
      return (m.mcounteren & TM) === 0 || !m.stce() ? Cause.IllegalInsn : 0;
    },
    read: () => {
      val[0] = vst.cmpLo | 0;
      val[1] = vst.cmpHi | 0;
    },
    write: (h, lo, hi) => {
      vst.write(lo, hi);
      // The next slice must end at the new compare time.
      h.endSlice();
    },
  });
}
