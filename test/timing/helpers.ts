/**
 * Microbenchmarks for the timing model: small programs assembled with our encoder into RAM, run
 * on a machine with the in-order model attached, and measured in modelled cycles between two
 * points (so cold-start misses stay out of the figure).
 */
import { Machine, RAM_BASE } from '../../src/machine.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { encode, type Operands } from '../../src/rv64/isa/encoder.js';
import { makeConfig, type TimingConfig } from '../../src/timing/config.js';
import { InOrderModel } from '../../src/timing/inorder.js';

export type Insn = [name: string, ops?: Operands];

/** A label's position, resolved when the program is assembled. */
export class Asm {
  readonly insns: (Insn | ((here: number) => Insn))[] = [];
  private readonly labels = new Map<string, number>();

  label(name: string): this {
    this.labels.set(name, this.insns.length);
    return this;
  }

  op(name: string, ops: Operands = {}): this {
    this.insns.push([name, ops]);
    return this;
  }

  /** A branch or jump to `label` (the offset is filled in at assembly). */
  to(name: string, label: string, ops: Operands = {}): this {
    this.insns.push((here) => {
      const at = this.labels.get(label);
      if (at === undefined) throw new Error(`no label ${label}`);
      return [name, { ...ops, imm: (at - here) * 4 }];
    });
    return this;
  }

  /** rd = a 32-bit constant (lui + addiw), sign-extended as li does. */
  li(rd: number, v: number): this {
    const lo = (v << 20) >> 20;
    const hi = ((v - lo) >>> 12) & 0xfffff;
    if (hi !== 0) this.op('lui', { rd, imm: hi }).op('addiw', { rd, rs1: rd, imm: lo });
    else this.op('addi', { rd, rs1: 0, imm: lo });
    return this;
  }

  /** rd = an unsigned 32-bit address (li, then zero-extended: RAM sits at 0x80000000). */
  la(rd: number, v: number): this {
    return this.li(rd, v | 0).op('slli', { rd, rs1: rd, imm: 32 }).op('srli', { rd, rs1: rd, imm: 32 });
  }

  words(): number[] {
    return this.insns.map((x, i) => {
      const [name, ops] = typeof x === 'function' ? x(i) : x;
      const row = allRows.find((r) => r.name === name);
      if (row === undefined) throw new Error(`no row ${name}`);
      return encode(row, ops);
    });
  }

  indexOf(label: string): number {
    const at = this.labels.get(label);
    if (at === undefined) throw new Error(`no label ${label}`);
    return at;
  }
}

export const CODE = RAM_BASE;

export interface Bench {
  m: Machine;
  model: InOrderModel;
}

/** A machine with `asm` at RAM_BASE and the in-order model (default parameters plus `over`). */
export function bench(asm: Asm, over: unknown = {}, memSize = 8 << 20, isa = 'rv64imafdc_zicsr_zifencei'): Bench {
  const m = new Machine({ memSize, isa });
  const words = asm.words();
  const bytes = new Uint8Array(words.length * 4);
  const dv = new DataView(bytes.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  m.mmu.writePhys(CODE, bytes);
  m.hart.pc = BigInt(CODE);
  const cfg: TimingConfig = makeConfig(over);
  const model = new InOrderModel(cfg, m.decoder, m.ram);
  m.attachTiming(model);
  // A microbenchmark never traps: one that does is broken (and would spin in its trap handler).
  model.trap = (_h, cause) => {
    throw new Error(`the microbenchmark trapped (cause ${cause}) at pc 0x${b16(m.hart.pc)}`);
  };
  return { m, model };
}

/** Runs exactly `n` more instructions; returns the modelled cycles they took. */
export function cyclesFor(b: Bench, n: number): number {
  const c0 = b.m.cycles();
  const i0 = b.m.hart.instret;
  const r = b.m.run(n);
  if (r.reason !== 'limit' || b.m.hart.instret - i0 !== n) throw new Error(`run stopped early: ${r.reason}`);
  return b.m.cycles() - c0;
}

const b16 = (v: bigint): string => v.toString(16);

export function w64(m: Machine, pa: number, v: number): void {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  m.mmu.writePhys(pa, b);
}

/** |actual / expected - 1| <= tol. */
export function near(actual: number, expected: number, tol: number): boolean {
  return Math.abs(actual / expected - 1) <= tol;
}
