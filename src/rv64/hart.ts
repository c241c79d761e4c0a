import type { CsrFile } from '../csr/csr-file.js';
import type { Mmu } from './mmu.js';

/** Privilege levels as encoded in mstatus.MPP. */
export const enum Priv {
  U = 0,
  S = 1,
  M = 3,
}

/** misa extension bits (bit = letter - 'A'). */
export const enum Ext {
  A = 1 << 0,
  C = 1 << 2,
  D = 1 << 3,
  F = 1 << 5,
  H = 1 << 7,
  I = 1 << 8,
  M = 1 << 12,
  S = 1 << 18,
  U = 1 << 20,
}

/**
 * Architectural state of one hart. 64-bit registers live as 32-bit halves: x[2r] is the low word
 * of register r, x[2r+1] the high word (the same for f). x0 is re-zeroed after every instruction,
 * so handlers may write rd without testing for x0.
 */
export class Hart {
  /** x0..x31 as (lo, hi) pairs, then pc and npc halves at 64..67 (one array keeps the hot state together). */
  readonly x = new Int32Array(72);
  readonly f = new Int32Array(64);
  /**
   * pc and npc halves live in the register array, not in object fields: V8 keeps integers outside
   * the 31-bit Smi range (every address at 0x80000000 and up) in fields as boxed doubles, which
   * made each pc update cost a conversion. The accessors below are inlined by the JIT.
   */
  get pcLo(): number {
    return this.x[64];
  }
  set pcLo(v: number) {
    this.x[64] = v;
  }
  get pcHi(): number {
    return this.x[65];
  }
  set pcHi(v: number) {
    this.x[65] = v;
  }
  /** Address of the next instruction; set by the loop to pc + length, overwritten by jumps and traps. */
  get npcLo(): number {
    return this.x[66];
  }
  set npcLo(v: number) {
    this.x[66] = v;
  }
  get npcHi(): number {
    return this.x[67];
  }
  set npcHi(v: number) {
    this.x[67] = v;
  }
  priv: number = Priv.M;
  /** Virtualization mode V (H extension). */
  virt = 0;
  /** fcsr fields. */
  fflags = 0;
  frm = 0;
  /** Instructions retired before the current execution slice. */
  instretBase = 0;
  /** Instructions retired in the current execution slice. */
  icount = 0;
  /** The slice ends once icount reaches limit; `endSlice()` sets it to 0 to stop after the current instruction. */
  limit = 0;
  /** LR/SC reservation: physical address of the reserved doubleword, or -1. */
  resAddr = -1;
  /** Waiting for an interrupt (WFI). */
  wfi = false;
  /** Enabled extensions (misa bits). */
  ext = 0;

  csr!: CsrFile;
  mmu!: Mmu;

  get instret(): number {
    return this.instretBase + this.icount;
  }

  /** Ends the current execution slice after the executing instruction. */
  endSlice(): void {
    this.limit = 0;
  }

  /** Reads x[r] as a BigInt (slow path: tests, tracing, host code only). */
  getX(r: number): bigint {
    return (BigInt(this.x[2 * r + 1]) << 32n) | BigInt(this.x[2 * r] >>> 0);
  }

  setX(r: number, v: bigint): void {
    if (r === 0) return;
    this.x[2 * r] = Number(BigInt.asIntN(32, v));
    this.x[2 * r + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }

  get pc(): bigint {
    return (BigInt(this.pcHi >>> 0) << 32n) | BigInt(this.pcLo >>> 0);
  }

  set pc(v: bigint) {
    this.pcLo = Number(BigInt.asIntN(32, v));
    this.pcHi = Number(BigInt.asIntN(32, v >> 32n));
  }
}
