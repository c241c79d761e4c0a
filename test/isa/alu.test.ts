/**
 * Semantics of the register-only RV64I and RV64M instructions against BigInt references written
 * here from the unprivileged spec (RV64I chapter "RV64I Base Integer Instruction Set", and "M"
 * Extension for Integer Multiplication and Division, including its table of division special cases).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode } from '../../src/rv64/isa/encoder.js';
import { TRAP, Trap } from '../../src/rv64/trap.js';
import { aluHart, edge64, RUNS, rowNamed, s32, s64, u64, xreg } from './helpers.js';

const MIN = -(1n << 63n);
const lo32 = (v: bigint): bigint => v & 0xffffffffn;

type Ref = (a: bigint, b: bigint) => bigint;

/** Register-register instructions: a = x[rs1], b = x[rs2], both signed 64-bit. */
const rType: Record<string, Ref> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  sll: (a, b) => a << (b & 63n),
  slt: (a, b) => (a < b ? 1n : 0n),
  sltu: (a, b) => (u64(a) < u64(b) ? 1n : 0n),
  xor: (a, b) => a ^ b,
  srl: (a, b) => u64(a) >> (b & 63n),
  sra: (a, b) => a >> (b & 63n),
  or: (a, b) => a | b,
  and: (a, b) => a & b,
  addw: (a, b) => s32(a + b),
  subw: (a, b) => s32(a - b),
  sllw: (a, b) => s32(a << (b & 31n)),
  srlw: (a, b) => s32(lo32(a) >> (b & 31n)),
  sraw: (a, b) => s32(a) >> (b & 31n),
  mul: (a, b) => a * b,
  mulh: (a, b) => (a * b) >> 64n,
  mulhsu: (a, b) => (a * u64(b)) >> 64n,
  mulhu: (a, b) => (u64(a) * u64(b)) >> 64n,
  // Division by zero: quotient all ones, remainder the dividend; MIN / -1 overflows to MIN, rem 0.
  div: (a, b) => (b === 0n ? -1n : a === MIN && b === -1n ? MIN : a / b),
  divu: (a, b) => (b === 0n ? -1n : u64(a) / u64(b)),
  rem: (a, b) => (b === 0n ? a : a === MIN && b === -1n ? 0n : a % b),
  remu: (a, b) => (b === 0n ? a : u64(a) % u64(b)),
  mulw: (a, b) => s32(a * b),
  divw: (a, b) => {
    const x = s32(a), y = s32(b);
    return y === 0n ? -1n : x === -(1n << 31n) && y === -1n ? x : s32(x / y);
  },
  divuw: (a, b) => (lo32(b) === 0n ? -1n : s32(lo32(a) / lo32(b))),
  remw: (a, b) => {
    const x = s32(a), y = s32(b);
    return y === 0n ? x : x === -(1n << 31n) && y === -1n ? 0n : s32(x % y);
  },
  remuw: (a, b) => (lo32(b) === 0n ? s32(a) : s32(lo32(a) % lo32(b))),
};

/** Register-immediate instructions: imm is the sign-extended 12-bit immediate (or the shamt). */
const iType: Record<string, Ref> = {
  addi: (a, i) => a + i,
  slti: (a, i) => (a < i ? 1n : 0n),
  sltiu: (a, i) => (u64(a) < u64(i) ? 1n : 0n),
  xori: (a, i) => a ^ i,
  ori: (a, i) => a | i,
  andi: (a, i) => a & i,
  addiw: (a, i) => s32(a + i),
};
const shiftImm: Record<string, [number, Ref]> = {
  slli: [63, (a, s) => a << s],
  srli: [63, (a, s) => u64(a) >> s],
  srai: [63, (a, s) => a >> s],
  slliw: [31, (a, s) => s32(a << s)],
  srliw: [31, (a, s) => s32(lo32(a) >> s)],
  sraiw: [31, (a, s) => s32(a) >> s],
};

const rd1 = fc.integer({ min: 1, max: 31 });
const GARBAGE = 0x5a5a5a5a_a5a5a5a5n;

describe('R-type ALU and M instructions match the BigInt reference', () => {
  for (const [name, f] of Object.entries(rType)) {
    it(name, () => {
      const row = rowNamed(name);
      fc.assert(
        fc.property(edge64, edge64, rd1, xreg, xreg, (va, vb, rd, rs1, rs2) => {
          const h = aluHart();
          h.setX(rs1, va);
          h.setX(rs2, vb);
          // Read back: rs1 = rs2 aliases, and x0 reads as zero.
          const a = h.getX(rs1);
          const b = h.getX(rs2);
          if (rd !== rs1 && rd !== rs2) h.setX(rd, s64(GARBAGE));
          row.exec(h, encode(row, { rd, rs1, rs2 }));
          expect(h.getX(rd)).toBe(s64(f(a, b)));
        }),
        RUNS,
      );
    });
  }
});

describe('I-type ALU instructions match the BigInt reference', () => {
  for (const [name, f] of Object.entries(iType)) {
    it(name, () => {
      const row = rowNamed(name);
      fc.assert(
        fc.property(edge64, fc.integer({ min: -2048, max: 2047 }), rd1, xreg, (va, imm, rd, rs1) => {
          const h = aluHart();
          h.setX(rs1, va);
          const a = h.getX(rs1);
          row.exec(h, encode(row, { rd, rs1, imm }));
          expect(h.getX(rd)).toBe(s64(f(a, BigInt(imm))));
        }),
        RUNS,
      );
    });
  }
  for (const [name, [max, f]] of Object.entries(shiftImm)) {
    it(`${name} (shamt 0..${max})`, () => {
      const row = rowNamed(name);
      const shamt = fc.oneof(fc.integer({ min: 0, max }), fc.constantFrom(0, 1, 31, max));
      fc.assert(
        fc.property(edge64, shamt, rd1, xreg, (va, sh, rd, rs1) => {
          const h = aluHart();
          h.setX(rs1, va);
          const a = h.getX(rs1);
          row.exec(h, encode(row, { rd, rs1, imm: sh }));
          expect(h.getX(rd)).toBe(s64(f(a, BigInt(sh))));
        }),
        RUNS,
      );
    });
  }
});

describe('division special cases (M chapter, table of division by zero and overflow)', () => {
  const run = (name: string, a: bigint, b: bigint): bigint => {
    const h = aluHart();
    const row = rowNamed(name);
    h.setX(1, a);
    h.setX(2, b);
    row.exec(h, encode(row, { rd: 3, rs1: 1, rs2: 2 }));
    return h.getX(3);
  };
  it('by zero', () => {
    expect(run('div', 7n, 0n)).toBe(-1n);
    expect(run('divu', 7n, 0n)).toBe(-1n);
    expect(run('rem', -7n, 0n)).toBe(-7n);
    expect(run('remu', -7n, 0n)).toBe(-7n);
    expect(run('divw', 0x1_0000_0007n, 0x1_0000_0000n)).toBe(-1n); // only the low words count
    expect(run('divuw', 7n, 0n)).toBe(-1n);
    expect(run('remw', 0x1_8000_0000n, 0n)).toBe(-(1n << 31n));
    expect(run('remuw', 0xffff_ffffn, 0n)).toBe(-1n); // 32-bit result sign-extended
  });
  it('overflow', () => {
    expect(run('div', MIN, -1n)).toBe(MIN);
    expect(run('rem', MIN, -1n)).toBe(0n);
    expect(run('divw', -(1n << 31n), -1n)).toBe(-(1n << 31n));
    expect(run('remw', -(1n << 31n), -1n)).toBe(0n);
  });
  it('signs of quotient and remainder follow the dividend', () => {
    expect(run('div', -7n, 2n)).toBe(-3n);
    expect(run('rem', -7n, 2n)).toBe(-1n);
    expect(run('rem', 7n, -2n)).toBe(1n);
    expect(run('divu', -1n, 2n)).toBe((1n << 63n) - 1n);
  });
});

describe('LUI, AUIPC', () => {
  it('lui sign-extends the 32-bit value; auipc adds it to pc', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xfffff }), edge64, rd1, (imm, pc, rd) => {
        const h = aluHart();
        h.pc = u64(pc) & ~1n;
        const v = s32(BigInt(imm) << 12n);
        rowNamed('lui').exec(h, encode(rowNamed('lui'), { rd, imm }));
        expect(h.getX(rd)).toBe(v);
        rowNamed('auipc').exec(h, encode(rowNamed('auipc'), { rd, imm }));
        expect(h.getX(rd)).toBe(s64(h.pc + v));
      }),
      RUNS,
    );
  });
});

/** Sets pc and the fall-through npc = pc + 4 as the CPU loop does before executing. */
function atPc(h: ReturnType<typeof aluHart>, pc: bigint): void {
  h.pc = pc;
  const n = u64(pc + 4n);
  h.npcLo = Number(BigInt.asIntN(32, n));
  h.npcHi = Number(BigInt.asIntN(32, n >> 32n));
}
const npc = (h: ReturnType<typeof aluHart>): bigint => (BigInt(h.npcHi >>> 0) << 32n) | BigInt(h.npcLo >>> 0);
const pcArb = edge64.map((v) => u64(v) & ~3n);

describe('JAL, JALR', () => {
  it('jal links pc + 4 and jumps pc-relative', () => {
    const off = fc.integer({ min: -(1 << 19), max: (1 << 19) - 1 }).map((v) => v * 2);
    fc.assert(
      fc.property(pcArb, off, xreg, (pc, o, rd) => {
        const h = aluHart();
        atPc(h, pc);
        rowNamed('jal').exec(h, encode(rowNamed('jal'), { rd, imm: o }));
        expect(npc(h)).toBe(u64(pc + BigInt(o)));
        if (rd !== 0) expect(h.getX(rd)).toBe(s64(pc + 4n));
      }),
      RUNS,
    );
  });
  it('jalr jumps to (rs1 + imm) & ~1, reading rs1 before writing rd', () => {
    fc.assert(
      fc.property(pcArb, edge64, fc.integer({ min: -2048, max: 2047 }), xreg, xreg, (pc, base, imm, rd, rs1) => {
        const h = aluHart();
        atPc(h, pc);
        h.setX(rs1, base);
        const a = h.getX(rs1);
        rowNamed('jalr').exec(h, encode(rowNamed('jalr'), { rd, rs1, imm }));
        expect(npc(h)).toBe(u64(a + BigInt(imm)) & ~1n);
        if (rd !== 0) expect(h.getX(rd)).toBe(s64(pc + 4n));
      }),
      RUNS,
    );
  });
  it('without C, a target that is not 4-byte aligned raises instruction-address-misaligned (tval = target), rd untouched', () => {
    const h = aluHart(false);
    atPc(h, 0x80000000n);
    h.setX(5, 77n);
    const jal = rowNamed('jal');
    expect(() => jal.exec(h, encode(jal, { rd: 5, imm: 6 }))).toThrow(Trap);
    expect(TRAP.cause).toBe(0);
    expect(TRAP.tvalLo >>> 0).toBe(0x80000006);
    expect(h.getX(5)).toBe(77n);
    h.setX(6, 0x80000102n);
    const jalr = rowNamed('jalr');
    expect(() => jalr.exec(h, encode(jalr, { rd: 5, rs1: 6, imm: 1 }))).toThrow(Trap); // 0x80000103 & ~1
    expect(TRAP.tvalLo >>> 0).toBe(0x80000102);
    expect(h.getX(5)).toBe(77n);
    // With C the same jumps are fine.
    const hc = aluHart(true);
    atPc(hc, 0x80000000n);
    jal.exec(hc, encode(jal, { rd: 5, imm: 6 }));
    expect(npc(hc)).toBe(0x80000006n);
  });
});

const branches: Record<string, (a: bigint, b: bigint) => boolean> = {
  beq: (a, b) => a === b,
  bne: (a, b) => a !== b,
  blt: (a, b) => a < b,
  bge: (a, b) => a >= b,
  bltu: (a, b) => u64(a) < u64(b),
  bgeu: (a, b) => u64(a) >= u64(b),
};

describe('branches', () => {
  for (const [name, taken] of Object.entries(branches)) {
    it(`${name} is taken exactly when the reference comparison holds`, () => {
      const row = rowNamed(name);
      const off = fc.integer({ min: -2048, max: 2047 }).map((v) => v * 2);
      // Equal operands are interesting for every comparison: draw them often.
      const pair = fc.oneof(fc.tuple(edge64, edge64), edge64.map((v) => [v, v] as [bigint, bigint]));
      fc.assert(
        fc.property(pcArb, pair, off, xreg, xreg, (pc, [va, vb], o, rs1, rs2) => {
          const h = aluHart();
          atPc(h, pc);
          h.setX(rs1, va);
          h.setX(rs2, vb);
          const t = taken(h.getX(rs1), h.getX(rs2));
          row.exec(h, encode(row, { rs1, rs2, imm: o }));
          expect(npc(h)).toBe(t ? u64(pc + BigInt(o)) : u64(pc + 4n));
        }),
        RUNS,
      );
    });
  }
  it('without C, only a taken branch to a misaligned target traps (unprivileged spec 2.5)', () => {
    const h = aluHart(false);
    const beq = rowNamed('beq');
    atPc(h, 0x80000000n);
    h.setX(1, 1n);
    beq.exec(h, encode(beq, { rs1: 1, rs2: 0, imm: 6 })); // not taken: no trap
    expect(npc(h)).toBe(0x80000004n);
    expect(() => beq.exec(h, encode(beq, { rs1: 0, rs2: 0, imm: 6 }))).toThrow(Trap);
    expect(TRAP.cause).toBe(0);
  });
});
