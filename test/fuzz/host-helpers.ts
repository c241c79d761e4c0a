/**
 * Shared pieces of the host-robustness properties: a small bare machine loaded with code at the
 * RAM base and a trap handler that steps over the faulting parcel, and a guard that turns a trap
 * storm (slices that retire nothing, forever) into an exception instead of a hung test.
 */
import { Machine, RAM_BASE } from '../../src/machine.js';
import { encode } from '../../src/rv64/isa/encoder.js';
import { allRows } from '../../src/rv64/isa/index.js';

export const MEM = 1 << 20;
/** Where the trap handler sits (inside RAM, away from the random code at the base). */
export const HANDLER = RAM_BASE + 0xf0000;

const row = (n: string) => allRows.find((r) => r.name === n)!;

/** mepc += 2; mret — the handler steps over one parcel, so execution always moves on. */
export const HANDLER_CODE = [
  encode(row('csrrs'), { rd: 31, csr: 0x341, rs1: 0 }),
  encode(row('addi'), { rd: 31, rs1: 31, imm: 2 }),
  encode(row('csrrw'), { rd: 0, csr: 0x341, rs1: 31 }),
  encode(row('mret')),
];

export class TrapStorm extends Error {
  constructor(readonly slices: number) {
    super(`trap storm: ${slices} slices in a row retired nothing`);
  }
}

/**
 * Makes Machine.run throw TrapStorm after `limit` consecutive slices that retired no instruction
 * (each such slice took a trap whose handler traps again). Wraps the fast-path runSlice, so the
 * machine still runs its normal loop.
 */
export function guardTrapStorm(m: Machine, limit = 10_000): void {
  const cpu = m.cpu;
  const orig = cpu.runSlice.bind(cpu);
  let idle = 0;
  cpu.runSlice = (n: number): void => {
    const before = m.hart.instret;
    orig(n);
    idle = m.hart.instret === before ? idle + 1 : 0;
    if (idle >= limit) throw new TrapStorm(idle);
  };
}

/** A bare machine with `code` (little-endian bytes) at the RAM base, pc there, mtvec at the handler. */
export function machineWith(code: Uint8Array, isa?: string): Machine {
  const m = new Machine({ memSize: MEM, isa, output: () => {} });
  m.mmu.writePhys(RAM_BASE, code);
  const h = new Uint8Array(HANDLER_CODE.length * 4);
  const dv = new DataView(h.buffer);
  HANDLER_CODE.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  m.mmu.writePhys(HANDLER, h);
  m.hart.pc = BigInt(RAM_BASE);
  m.csr.mtvecLo = HANDLER | 0;
  m.csr.mtvecHi = 0;
  return m;
}

export function wordsToBytes(words: readonly number[]): Uint8Array {
  const b = new Uint8Array(words.length * 4);
  const dv = new DataView(b.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  return b;
}

export function halvesToBytes(halves: readonly number[]): Uint8Array {
  const b = new Uint8Array(halves.length * 2);
  const dv = new DataView(b.buffer);
  halves.forEach((w, i) => dv.setUint16(i * 2, w & 0xffff, true));
  return b;
}
