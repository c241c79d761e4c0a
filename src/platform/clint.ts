import { HostError } from '../rv64/trap.js';
import type { Device } from './device.js';
import { MipBit, type IrqSink, type TimeSource } from './irq.js';

export const CLINT_BASE = 0x2000000;
export const CLINT_SIZE = 0x10000;

const MSIP_BASE = 0x0;
const MTIMECMP_BASE = 0x4000;
const MTIME = 0xbff8;
const TWO32 = 0x100000000;
/** now() values stay below 2^53 = 2^21 * 2^32. */
const MAX_HI_FOR_SAFE = 0x200000;

export interface ClintState {
  msip: number[];
  /** mtimecmp per hart as [lo, hi] unsigned 32-bit halves. */
  mtimecmp: [number, number][];
  /** mtime - now() modulo 2^64, as [lo, hi]. */
  offset: [number, number];
}

/**
 * The SiFive CLINT as QEMU's virt machine has it (ACLINT MSWI + MTIMER at the SiFive offsets):
 * msip[h] at 0x0 + 4h, mtimecmp[h] at 0x4000 + 8h, mtime at 0xbff8.
 *
 * mtime is not stored: it is the machine's time source plus an offset (mtime writes change the
 * offset), so it advances exactly with simulated time. 64-bit registers are held as unsigned 32-bit
 * halves in plain numbers because software writes all-ones to mtimecmp to disable the timer.
 *
 * Like QEMU, only aligned 32-bit accesses do anything (the bus splits 64-bit ones, low word first);
 * QEMU faults on narrower ones, our Device interface has no fault path, so they read 0 and are
 * ignored.
 */
export class Clint implements Device {
  readonly name = 'clint';
  readonly size = CLINT_SIZE;
  private readonly msip: Uint8Array;
  private readonly cmpLo: Float64Array;
  private readonly cmpHi: Float64Array;
  private offLo = 0;
  private offHi = 0;
  /** The MTIP level last driven into each hart, so sinks only hear about changes. */
  private readonly mtip: Uint8Array;
  // Result of the last mtime computation (unsigned halves); avoids allocating a pair.
  private tLo = 0;
  private tHi = 0;

  /** `harts[h]` receives hart h's MSIP and MTIP. */
  constructor(
    private readonly time: TimeSource,
    private readonly harts: readonly IrqSink[],
  ) {
    if (harts.length < 1 || harts.length > 4095) throw new Error(`clint: bad hart count ${harts.length}`);
    const n = harts.length;
    this.msip = new Uint8Array(n);
    this.mtip = new Uint8Array(n);
    // mtimecmp resets to all-ones in QEMU (no timer interrupt until software programs it).
    this.cmpLo = new Float64Array(n).fill(0xffffffff);
    this.cmpHi = new Float64Array(n).fill(0xffffffff);
  }

  read(offset: number, size: 1 | 2 | 4): number {
    if (size !== 4 || (offset & 3) !== 0) return 0;
    const n = this.harts.length;
    if (offset < MSIP_BASE + 4 * n) return this.msip[offset >>> 2];
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8 * n) {
      const h = (offset - MTIMECMP_BASE) >>> 3;
      return (offset & 4) === 0 ? this.cmpLo[h] : this.cmpHi[h];
    }
    if (offset === MTIME || offset === MTIME + 4) {
      this.computeMtime();
      return offset === MTIME ? this.tLo : this.tHi;
    }
    return 0;
  }

  write(offset: number, size: 1 | 2 | 4, value: number): void {
    if (size !== 4 || (offset & 3) !== 0) return;
    const n = this.harts.length;
    const v = value >>> 0;
    if (offset < MSIP_BASE + 4 * n) {
      const h = offset >>> 2;
      const bit = v & 1;
      if (bit !== this.msip[h]) {
        this.msip[h] = bit;
        this.harts[h].setIrq(MipBit.MSIP, bit === 1);
      }
      return;
    }
    if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8 * n) {
      const h = (offset - MTIMECMP_BASE) >>> 3;
      if ((offset & 4) === 0) this.cmpLo[h] = v;
      else this.cmpHi[h] = v;
      this.update();
      return;
    }
    if (offset === MTIME || offset === MTIME + 4) {
      this.computeMtime();
      if (offset === MTIME) this.setMtime(v, this.tHi);
      else this.setMtime(this.tLo, v);
      this.update();
    }
  }

  /** Re-evaluate every hart's MTIP against the current time (call after time has advanced). */
  update(): void {
    this.computeMtime();
    const lo = this.tLo;
    const hi = this.tHi;
    for (let h = 0; h < this.harts.length; h++) {
      const ch = this.cmpHi[h];
      const level = hi > ch || (hi === ch && lo >= this.cmpLo[h]) ? 1 : 0;
      if (level !== this.mtip[h]) {
        this.mtip[h] = level;
        this.harts[h].setIrq(MipBit.MTIP, level === 1);
      }
    }
  }

  tick(_now: number): void {
    this.update();
  }

  /**
   * The earliest time-source value (`now()`) at which some hart's MTIP will rise, or Infinity if
   * none will before 2^53 (MTIP already set, or mtimecmp out of reach). Time passing never lowers
   * MTIP (only register writes do), so this is the next time-driven change. With no mtime write
   * the offset is 0 and this is also the mtime value.
   */
  nextEventTime(): number {
    const now = this.time.now();
    this.computeMtimeAt(now);
    const lo = this.tLo;
    const hi = this.tHi;
    let best = Infinity;
    for (let h = 0; h < this.harts.length; h++) {
      const cLo = this.cmpLo[h];
      const cHi = this.cmpHi[h];
      if (hi > cHi || (hi === cHi && lo >= cLo)) continue;
      // delta = mtimecmp - mtime > 0
      let dLo = cLo - lo;
      let dHi = cHi - hi;
      if (dLo < 0) {
        dLo += TWO32;
        dHi -= 1;
      }
      if (dHi >= MAX_HI_FOR_SAFE) continue;
      const t = now + dHi * TWO32 + dLo;
      if (t < best && t < Number.MAX_SAFE_INTEGER) best = t;
    }
    return best;
  }

  /** The current mtime (the `time` CSR's value) into dst[0] (low) and dst[1] (high), as int32s. */
  readMtime(dst: Int32Array): void {
    this.computeMtime();
    dst[0] = this.tLo | 0;
    dst[1] = this.tHi | 0;
  }

  getState(): ClintState {
    const n = this.harts.length;
    const mtimecmp: [number, number][] = [];
    for (let h = 0; h < n; h++) mtimecmp.push([this.cmpLo[h], this.cmpHi[h]]);
    return { msip: Array.from(this.msip), mtimecmp, offset: [this.offLo, this.offHi] };
  }

  setState(state: unknown): void {
    const s = state as ClintState;
    const n = this.harts.length;
    if (!s || s.msip?.length !== n || s.mtimecmp?.length !== n || s.offset?.length !== 2) {
      throw new HostError('clint: snapshot does not match this machine');
    }
    for (let h = 0; h < n; h++) {
      this.msip[h] = s.msip[h] & 1;
      this.cmpLo[h] = s.mtimecmp[h][0] >>> 0;
      this.cmpHi[h] = s.mtimecmp[h][1] >>> 0;
      this.harts[h].setIrq(MipBit.MSIP, this.msip[h] === 1);
      // Force MTIP to be driven again from the restored registers.
      this.mtip[h] = 2;
    }
    this.offLo = s.offset[0] >>> 0;
    this.offHi = s.offset[1] >>> 0;
    this.update();
  }

  private computeMtime(): void {
    this.computeMtimeAt(this.time.now());
  }

  /** (now + offset) mod 2^64 into tLo/tHi. */
  private computeMtimeAt(now: number): void {
    const nowHi = Math.floor(now / TWO32);
    let lo = now - nowHi * TWO32 + this.offLo;
    let carry = 0;
    if (lo >= TWO32) {
      lo -= TWO32;
      carry = 1;
    }
    this.tLo = lo;
    this.tHi = (nowHi + this.offHi + carry) % TWO32;
  }

  /** Make mtime read (lo, hi) now: offset = value - now() mod 2^64. */
  private setMtime(lo: number, hi: number): void {
    const now = this.time.now();
    const nowHi = Math.floor(now / TWO32);
    let dLo = lo - (now - nowHi * TWO32);
    let borrow = 0;
    if (dLo < 0) {
      dLo += TWO32;
      borrow = 1;
    }
    let dHi = hi - nowHi - borrow;
    dHi = ((dHi % TWO32) + TWO32) % TWO32;
    this.offLo = dLo;
    this.offHi = dHi;
  }
}
