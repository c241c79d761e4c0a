/** Shared pieces of the paging/PMP tests: a small machine, PTE writers, CSR writes, trap capture. */
import { val } from '../../src/csr/csr-file.js';
import { Machine, RAM_BASE } from '../../src/machine.js';
import { Access } from '../../src/rv64/mmu.js';
import { TRAP } from '../../src/rv64/trap.js';

export { Access, RAM_BASE };

export const MEM = 1 << 20;

/** PTE flag bits. */
export const V = 1n,
  R = 2n,
  W = 4n,
  X = 8n,
  U = 16n,
  G = 32n,
  A = 64n,
  D = 128n;

export const MSTATUS = 0x300;
export const SATP = 0x180;
export const PMPCFG0 = 0x3a0;
export const PMPCFG2 = 0x3a2;
export const PMPADDR0 = 0x3b0;

export const MPRV = 1n << 17n;
export const SUM = 1n << 18n;
export const MXR = 1n << 19n;

export function machine(): Machine {
  return new Machine({ memSize: MEM, isa: 'rv64imac_zicsr_zifencei' });
}

export function halves(v: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))];
}

export function csrWrite(m: Machine, addr: number, v: bigint): void {
  const e = m.csr.table[addr];
  if (e === undefined || e.write === undefined) throw new Error(`CSR 0x${addr.toString(16)} not writable`);
  const [lo, hi] = halves(v);
  e.write(m.hart, lo, hi);
}

/** Reads a CSR through its table entry (the value comes back in the CSR file's shared `val`). */
export function csrRead(m: Machine, addr: number): bigint {
  const e = m.csr.table[addr];
  if (e === undefined) throw new Error(`CSR 0x${addr.toString(16)} undefined`);
  e.read(m.hart);
  return BigInt.asUintN(64, (BigInt(val[1]) << 32n) | BigInt(val[0] >>> 0));
}

export function w64(m: Machine, pa: bigint, v: bigint): void {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  m.mmu.writePhys(Number(pa), b);
}

export function w32(m: Machine, pa: bigint, v: number): void {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  m.mmu.writePhys(Number(pa), b);
}

/** A PTE for physical page number `ppn` with `flags`. */
export function pte(ppn: bigint, flags: bigint): bigint {
  return (ppn << 10n) | flags;
}

export const ppnOf = (pa: bigint): bigint => pa >> 12n;

/** Opens PMP entry 0 over the whole address space with R/W/X (what firmware does for S/U). */
export function openPmp(m: Machine): void {
  csrWrite(m, PMPADDR0, (1n << 54n) - 1n);
  csrWrite(m, PMPCFG0, 0x1fn); // NAPOT | X | W | R
}

export function satp(mode: bigint, rootPa: bigint): bigint {
  return (mode << 60n) | (rootPa >> 12n);
}

export interface Caught {
  cause: number;
  tval: bigint;
}

/** Runs `f`; returns the trap it raised (cause, tval) or null. */
export function trapOf(f: () => unknown): Caught | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e !== TRAP) throw e;
    return { cause: TRAP.cause, tval: BigInt.asUintN(64, (BigInt(TRAP.tvalHi) << 32n) | BigInt(TRAP.tvalLo >>> 0)) };
  }
}

/** Loads a 32-bit word at virtual address `va` through the MMU. */
export function load32(m: Machine, va: bigint): number {
  const [lo, hi] = halves(va);
  return m.mmu.load32(lo, hi);
}

export function store32(m: Machine, va: bigint, v: number): void {
  const [lo, hi] = halves(va);
  m.mmu.store32(lo, hi, v);
}

export function fetch16(m: Machine, va: bigint): number {
  const [lo, hi] = halves(va);
  return m.mmu.fetch16(lo, hi);
}

/** The translate function called directly (no TLB): the physical address or a trap. */
export function translate(m: Machine, va: bigint, access: Access, size = 1): number {
  const [lo, hi] = halves(va);
  return (m.mmu.translate as (lo: number, hi: number, a: Access, size?: number) => number)(lo, hi, access, size);
}
