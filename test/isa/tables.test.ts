/**
 * Structural checks of the instruction tables: 32-bit rows do not overlap, and every 16-bit parcel
 * is accepted by at most one compressed row, which expands it exactly as an independent reference
 * (written here from the RVC listings of the unprivileged spec, chapter "C" Standard Extension,
 * "RVC Instruction Set Listings") says.
 */
import { describe, expect, it } from 'vitest';
import { Decoder } from '../../src/rv64/decoder.js';
import { allCRows, allRows } from '../../src/rv64/isa/index.js';
import type { CInsnRow, InsnRow } from '../../src/rv64/isa/types.js';
import { fullDecoder } from './helpers.js';

const accepts32 = (r: InsnRow, w: number): boolean => (w & r.mask) === (r.match | 0) && (r.valid?.(w) ?? true);
const acceptsC = (r: CInsnRow, c: number): boolean => (c & r.mask) === r.match && (r.valid?.(c) ?? true);

describe('32-bit rows', () => {
  it('have consistent mask/match, 32-bit opcodes and unique names', () => {
    const names = new Set<string>();
    for (const r of allRows) {
      expect((r.match & ~r.mask) >>> 0, r.name).toBe(0);
      expect(r.match & 3, r.name).toBe(3);
      expect(r.mask & 0x7f, r.name).toBe(0x7f);
      expect(names.has(r.name), r.name).toBe(false);
      names.add(r.name);
    }
  });

  it('no two rows can match the same word', () => {
    const clashes: string[] = [];
    for (let i = 0; i < allRows.length; i++) {
      for (let j = i + 1; j < allRows.length; j++) {
        const a = allRows[i];
        const b = allRows[j];
        // Two rows overlap when no bit fixed by both masks tells their matches apart.
        if ((a.mask & b.mask & (a.match ^ b.match)) === 0) clashes.push(`${a.name}/${b.name}`);
      }
    }
    expect(clashes).toEqual([]);
  });
});

// ---- independent reference of the RV64C expansion ----

const bits = (c: number, hi: number, lo = hi): number => (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
const sext = (v: number, n: number): number => (v << (32 - n)) >> (32 - n);
const I = (op: number, f3: number, rd: number, rs1: number, imm: number): number =>
  (op | (rd << 7) | (f3 << 12) | (rs1 << 15) | (imm << 20)) | 0;
const S = (op: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  (op | ((imm & 31) << 7) | (f3 << 12) | (rs1 << 15) | (rs2 << 20) | ((imm >> 5) << 25)) | 0;
const R = (op: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number =>
  (op | (rd << 7) | (f3 << 12) | (rs1 << 15) | (rs2 << 20) | (f7 << 25)) | 0;
const B = (f3: number, rs1: number, off: number): number =>
  (0x63 | (bits(off, 11) << 7) | (bits(off, 4, 1) << 8) | (f3 << 12) | (rs1 << 15) | (bits(off, 10, 5) << 25) | (bits(off, 12) << 31)) | 0;
const J = (rd: number, off: number): number =>
  (0x6f | (rd << 7) | (bits(off, 19, 12) << 12) | (bits(off, 11) << 20) | (bits(off, 10, 1) << 21) | (bits(off, 20) << 31)) | 0;

interface Ref {
  /** Compressed name (riscv-opcodes), 32-bit row name it expands to, and the expansion. */
  c: string;
  base: string;
  word: number;
}

/** The reference RV64C decoder: undefined for reserved (or non-C) parcels. */
function ref(c: number): Ref | undefined {
  const q = c & 3;
  const f3 = c >>> 13;
  const rdp = 8 + bits(c, 4, 2); // rd' / rs2'
  const rs1p = 8 + bits(c, 9, 7); // rs1' / rd'
  const rd = bits(c, 11, 7);
  const rs2 = bits(c, 6, 2);
  const imm6 = sext((bits(c, 12) << 5) | bits(c, 6, 2), 6);
  const uimm6 = (bits(c, 12) << 5) | bits(c, 6, 2);
  const clw = (bits(c, 12, 10) << 3) | (bits(c, 6) << 2) | (bits(c, 5) << 6);
  const cld = (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6);
  if (q === 0) {
    switch (f3) {
      case 0: {
        const nz = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bits(c, 6) << 2) | (bits(c, 5) << 3);
        return nz === 0 ? undefined : { c: 'c_addi4spn', base: 'addi', word: I(0x13, 0, rdp, 2, nz) };
      }
      case 1: return { c: 'c_fld', base: 'fld', word: I(0x07, 3, rdp, rs1p, cld) };
      case 2: return { c: 'c_lw', base: 'lw', word: I(0x03, 2, rdp, rs1p, clw) };
      case 3: return { c: 'c_ld', base: 'ld', word: I(0x03, 3, rdp, rs1p, cld) };
      case 4: return undefined; // reserved
      case 5: return { c: 'c_fsd', base: 'fsd', word: S(0x27, 3, rs1p, rdp, cld) };
      case 6: return { c: 'c_sw', base: 'sw', word: S(0x23, 2, rs1p, rdp, clw) };
      default: return { c: 'c_sd', base: 'sd', word: S(0x23, 3, rs1p, rdp, cld) };
    }
  }
  if (q === 1) {
    switch (f3) {
      case 0: return { c: rd === 0 ? 'c_nop' : 'c_addi', base: 'addi', word: I(0x13, 0, rd, rd, imm6 & 0xfff) };
      case 1: return rd === 0 ? undefined : { c: 'c_addiw', base: 'addiw', word: I(0x1b, 0, rd, rd, imm6 & 0xfff) };
      case 2: return { c: 'c_li', base: 'addi', word: I(0x13, 0, rd, 0, imm6 & 0xfff) };
      case 3: {
        if (rd === 2) {
          const nz = sext((bits(c, 12) << 9) | (bits(c, 4, 3) << 7) | (bits(c, 5) << 6) | (bits(c, 2) << 5) | (bits(c, 6) << 4), 10);
          return nz === 0 ? undefined : { c: 'c_addi16sp', base: 'addi', word: I(0x13, 0, 2, 2, nz & 0xfff) };
        }
        const nz = sext((bits(c, 12) << 17) | (bits(c, 6, 2) << 12), 18);
        return nz === 0 ? undefined : { c: 'c_lui', base: 'lui', word: (0x37 | (rd << 7) | (nz & 0xfffff000)) | 0 };
      }
      case 4: {
        const f2 = bits(c, 11, 10);
        if (f2 === 0) return { c: 'c_srli', base: 'srli', word: I(0x13, 5, rs1p, rs1p, uimm6) };
        if (f2 === 1) return { c: 'c_srai', base: 'srai', word: I(0x13, 5, rs1p, rs1p, uimm6 | 0x400) };
        if (f2 === 2) return { c: 'c_andi', base: 'andi', word: I(0x13, 7, rs1p, rs1p, imm6 & 0xfff) };
        const op = (bits(c, 12) << 2) | bits(c, 6, 5);
        const rr = (name: string, opc: number, fn3: number, f7: number): Ref => ({
          c: `c_${name}`, base: name, word: R(opc, fn3, f7, rs1p, rs1p, rdp),
        });
        return [rr('sub', 0x33, 0, 0x20), rr('xor', 0x33, 4, 0), rr('or', 0x33, 6, 0), rr('and', 0x33, 7, 0),
          rr('subw', 0x3b, 0, 0x20), rr('addw', 0x3b, 0, 0), undefined, undefined][op];
      }
      case 5: {
        const off = sext((bits(c, 12) << 11) | (bits(c, 11) << 4) | (bits(c, 10, 9) << 8) | (bits(c, 8) << 10) |
          (bits(c, 7) << 6) | (bits(c, 6) << 7) | (bits(c, 5, 3) << 1) | (bits(c, 2) << 5), 12);
        return { c: 'c_j', base: 'jal', word: J(0, off) };
      }
      default: {
        const off = sext((bits(c, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6) | (bits(c, 4, 3) << 1) | (bits(c, 2) << 5), 9);
        return f3 === 6 ? { c: 'c_beqz', base: 'beq', word: B(0, rs1p, off) } : { c: 'c_bnez', base: 'bne', word: B(1, rs1p, off) };
      }
    }
  }
  if (q === 2) {
    const lsp = (bits(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6);
    const ssp = (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6);
    switch (f3) {
      case 0: return { c: 'c_slli', base: 'slli', word: I(0x13, 1, rd, rd, uimm6) };
      case 1: return { c: 'c_fldsp', base: 'fld', word: I(0x07, 3, rd, 2, lsp) };
      case 2: {
        const off = (bits(c, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6);
        return rd === 0 ? undefined : { c: 'c_lwsp', base: 'lw', word: I(0x03, 2, rd, 2, off) };
      }
      case 3: return rd === 0 ? undefined : { c: 'c_ldsp', base: 'ld', word: I(0x03, 3, rd, 2, lsp) };
      case 4:
        if (bits(c, 12) === 0) {
          if (rs2 !== 0) return { c: 'c_mv', base: 'add', word: R(0x33, 0, 0, rd, 0, rs2) };
          return rd === 0 ? undefined : { c: 'c_jr', base: 'jalr', word: I(0x67, 0, 0, rd, 0) };
        }
        if (rs2 !== 0) return { c: 'c_add', base: 'add', word: R(0x33, 0, 0, rd, rd, rs2) };
        return rd === 0 ? { c: 'c_ebreak', base: 'ebreak', word: 0x00100073 } : { c: 'c_jalr', base: 'jalr', word: I(0x67, 0, 1, rd, 0) };
      case 5: return { c: 'c_fsdsp', base: 'fsd', word: S(0x27, 3, 2, rs2, ssp) };
      case 6: {
        const off = (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6);
        return { c: 'c_swsp', base: 'sw', word: S(0x23, 2, 2, rs2, off) };
      }
      default: return { c: 'c_sdsp', base: 'sd', word: S(0x23, 3, 2, rs2, ssp) };
    }
  }
  return undefined;
}

const EXPECTED_C = [
  'c_addi4spn', 'c_fld', 'c_lw', 'c_ld', 'c_fsd', 'c_sw', 'c_sd', 'c_nop', 'c_addi', 'c_addiw', 'c_li', 'c_addi16sp',
  'c_lui', 'c_srli', 'c_srai', 'c_andi', 'c_sub', 'c_xor', 'c_or', 'c_and', 'c_subw', 'c_addw', 'c_j', 'c_beqz',
  'c_bnez', 'c_slli', 'c_fldsp', 'c_lwsp', 'c_ldsp', 'c_jr', 'c_mv', 'c_ebreak', 'c_jalr', 'c_add', 'c_fsdsp',
  'c_swsp', 'c_sdsp',
];

describe('RV64C rows', () => {
  it('are exactly the RV64C instructions, with 16-bit encodings', () => {
    expect(allCRows.map((r) => r.name).sort()).toEqual([...EXPECTED_C].sort());
    for (const r of allCRows) {
      expect(r.match & ~r.mask, r.name).toBe(0);
      expect(r.match & 3, r.name).not.toBe(3);
      expect(r.mask >>> 16, r.name).toBe(0);
    }
  });

  it('accept each of the 65536 parcels at most once, exactly when the reference does, expanding as it does', () => {
    let legal = 0;
    const bad: string[] = [];
    for (let c = 0; c < 65536; c++) {
      if ((c & 3) === 3) continue;
      const hits = allCRows.filter((r) => acceptsC(r, c));
      const want = ref(c);
      if (hits.length > 1) bad.push(`0x${c.toString(16)}: ${hits.map((r) => r.name).join(', ')}`);
      else if (want === undefined && hits.length === 1) bad.push(`0x${c.toString(16)}: reserved but ${hits[0].name} accepts`);
      else if (want !== undefined && hits.length === 0) bad.push(`0x${c.toString(16)}: ${want.c} rejected`);
      else if (want !== undefined) {
        legal++;
        if (hits[0].name !== want.c) bad.push(`0x${c.toString(16)}: ${hits[0].name}, want ${want.c}`);
        const w = hits[0].expand(c);
        if (w !== want.word) bad.push(`0x${c.toString(16)}: ${want.c} expands to 0x${(w >>> 0).toString(16)}, want 0x${(want.word >>> 0).toString(16)}`);
      }
      if (bad.length > 20) break;
    }
    expect(bad).toEqual([]);
    // 3 quadrants x 8 slots x 8192, less the reserved slot (8192) and reserved code points.
    expect(legal).toBeGreaterThan(40000);
  });

  it('decode through the full decoder to the row of the same base name', () => {
    const d = fullDecoder();
    const have = new Set(allRows.map((r) => r.name));
    const bad: string[] = [];
    let checked = 0;
    for (let c = 0; c < 65536; c++) {
      if ((c & 3) === 3) continue;
      const want = ref(c);
      const w = d.expand(c);
      if (want === undefined || !have.has(want.base)) {
        // Reserved, or its 32-bit form (fld/fsd) is not in the tables: illegal.
        if (w !== 0) bad.push(`0x${c.toString(16)} should be illegal`);
        continue;
      }
      checked++;
      if (w !== want.word) bad.push(`0x${c.toString(16)}: decoder expands to 0x${(w >>> 0).toString(16)}`);
      else if (d.decode(w)?.name !== want.base) bad.push(`0x${c.toString(16)}: decodes as ${d.decode(w)?.name}, want ${want.base}`);
      if (d.cRow(c)?.name !== want.c) bad.push(`0x${c.toString(16)}: cRow ${d.cRow(c)?.name}`);
      if (bad.length > 20) break;
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(30000);
  });

  it("c.j expands to jal x0, c.jalr to jalr ra (the link register is implied)", () => {
    const d = fullDecoder();
    expect(d.expand(0xa001)).toBe(0x0000006f); // c.j . -> jal zero, 0
    expect(d.expand(0x9502)).toBe(0x000500e7); // c.jalr a0 -> jalr ra, 0(a0)
    expect(d.expand(0x8082)).toBe(0x00008067); // c.jr ra -> jalr zero, 0(ra)
    expect(d.expand(0x0000)).toBe(0); // the defined illegal instruction
  });

  it("C+D rows need both C and D; nothing compressed decodes without C", () => {
    const rows = allRows;
    const withCnoD = new Decoder(rows, allCRows, (e) => ['I', 'M', 'A', 'C', 'Zicsr', 'Zifencei', 'S'].includes(e));
    const noC = new Decoder(rows, allCRows, (e) => ['I', 'M', 'A', 'D', 'F', 'Zicsr', 'Zifencei', 'S'].includes(e));
    expect(withCnoD.expand(0x2502)).toBe(0); // c.fldsp fa0, 0(sp)
    expect(withCnoD.expand(0x6502)).not.toBe(0); // c.ldsp a0, 0(sp)
    for (let c = 0; c < 65536; c++) if ((c & 3) !== 3 && noC.expand(c) !== 0) throw new Error(`0x${c.toString(16)} decoded without C`);
  });
});

export { ref as referenceExpand };
