/**
 * htinst/mtinst for guest-page faults of explicit memory accesses (privileged spec v20240411, H
 * extension 21.6.3 "Transformed Instruction or Pseudoinstruction for mtinst or htinst"):
 *  - loads (LB..LD, FLW, FLD): bits 31:20 zero, Addr. Offset in 19:15, funct3, rd, opcode kept;
 *  - stores (SB..SD, FSW, FSD): rs2, funct3, opcode kept, Addr. Offset in 19:15, the rest zero;
 *  - AMO/LR/SC and HLV/HLVX/HSV: every field kept but rs1, replaced by the Addr. Offset;
 *  - a compressed instruction: expanded to its 32-bit equivalent, transformed, bit 1 cleared;
 *  - Addr. Offset = faulting virtual address (tval) - the access's address: 0 unless misaligned;
 *  - an instruction guest-page fault writes 0 ("only zero or a pseudoinstruction value").
 * The expectations are built with the 32-bit rows' encoder (rs1 = 0, imm = 0), never with the
 * simulator's transformation code.
 */
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/machine.js';
import { encode, encodeC, type Operands } from '../../src/rv64/isa/encoder.js';
import { allCRows, allRows } from '../../src/rv64/isa/index.js';
import { A, D, R, U, V, W, X, pte, ppnOf, w64 } from '../privileged/helpers.js';
import { CODE, CSR, HS, MS, Priv, RAM_BASE, csrRead, csrWrite, enter, exec, hmachine } from './helpers.js';

const BASE = BigInt(RAM_BASE);
/** G-stage Sv39x4: root (16 KiB) -> L1 -> L0 mapping the guest's RAM pages 1:1, except one hole. */
const GROOT = BASE + 0x40000n;
const GL1 = BASE + 0x44000n;
const GL0 = BASE + 0x45000n;
/** The unmapped guest-physical page (where a hypervisor would put an emulated device). */
const HOLE = BASE + 0x10000n;
const GUEST = R | W | X | A | D | U | V;

const row = (name: string) => {
  const r = allRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no row ${name}`);
  return r;
};
const crow = (name: string) => {
  const r = allCRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no row ${name}`);
  return r;
};

/** vsatp Bare, so guest virtual = guest physical; G-stage maps the 1 MiB of RAM but HOLE. */
function guestMachine(): Machine {
  const m = hmachine();
  w64(m, GROOT + 2n * 8n, pte(ppnOf(GL1), V)); // GPA bits 40:30 = 2: 0x80000000..
  w64(m, GL1, pte(ppnOf(GL0), V));
  for (let p = 0n; p < 256n; p++) {
    const gpa = BASE + (p << 12n);
    if (gpa !== HOLE) w64(m, GL0 + p * 8n, pte(ppnOf(gpa), GUEST));
  }
  csrWrite(m, CSR.hgatp, (8n << 60n) | ppnOf(GROOT));
  // FP on at both levels, for the FP loads and stores.
  csrWrite(m, CSR.mstatus, MS.FS & (1n << 13n));
  csrWrite(m, CSR.vsstatus, MS.FS & (1n << 13n));
  csrWrite(m, CSR.hstatus, HS.SPVP); // HLV/HSV act as VS-mode accesses
  return m;
}

interface Case {
  name: string;
  /** The instruction word (a 16-bit parcel for compressed ones). */
  insn: number;
  /** The expected transformed value, from the spec's formats. */
  want: number;
  /** Base register and immediate: the base is set so that the access hits HOLE + `at`. */
  base: number;
  imm: number;
  cause: 21 | 23;
  /** Executed from HS (HLV/HSV) instead of VS. */
  hyp?: boolean;
}

/** A 32-bit load/store/AMO row: the instruction, and its transformation (rs1 and imm zeroed). */
function full(name: string, cause: 21 | 23, ops: Operands, hyp = false): Case {
  const r = row(name);
  return {
    name,
    insn: encode(r, ops),
    want: encode(r, { ...ops, rs1: 0, imm: 0 }) >>> 0,
    base: ops.rs1!,
    imm: ops.imm ?? 0,
    cause,
    hyp,
  };
}

/** A compressed row and its 32-bit equivalent: the transformation of that, with bit 1 cleared. */
function compressed(name: string, equiv: string, cause: 21 | 23, ops: Operands, base: number): Case {
  const wide = encode(row(equiv), { rd: ops.rd, rs2: ops.rs2, rs1: 0, imm: 0 });
  return { name, insn: encodeC(crow(name), ops), want: (wide & ~2) >>> 0, base, imm: ops.imm ?? 0, cause };
}

const CASES: Case[] = [
  full('lb', 21, { rd: 9, rs1: 10, imm: -3 }),
  full('lh', 21, { rd: 9, rs1: 10, imm: 0x7fe }),
  full('lw', 21, { rd: 31, rs1: 10, imm: 4 }),
  full('ld', 21, { rd: 1, rs1: 10, imm: -8 }),
  full('lbu', 21, { rd: 9, rs1: 10, imm: 1 }),
  full('lhu', 21, { rd: 9, rs1: 10, imm: 2 }),
  full('lwu', 21, { rd: 9, rs1: 10, imm: 12 }),
  full('sb', 23, { rs2: 11, rs1: 10, imm: -1 }),
  full('sh', 23, { rs2: 11, rs1: 10, imm: 0x7fe }),
  full('sw', 23, { rs2: 31, rs1: 10, imm: -2048 }),
  full('sd', 23, { rs2: 11, rs1: 10, imm: 8 }),
  full('flw', 21, { rd: 9, rs1: 10, imm: 4 }),
  full('fld', 21, { rd: 31, rs1: 10, imm: -8 }),
  full('fsw', 23, { rs2: 11, rs1: 10, imm: 4 }),
  full('fsd', 23, { rs2: 30, rs1: 10, imm: 16 }),
  compressed('c_lw', 'lw', 21, { rd: 9, rs1: 10, imm: 4 }, 10),
  compressed('c_ld', 'ld', 21, { rd: 15, rs1: 10, imm: 248 }, 10),
  compressed('c_sw', 'sw', 23, { rs2: 11, rs1: 10, imm: 8 }, 10),
  compressed('c_sd', 'sd', 23, { rs2: 8, rs1: 10, imm: 16 }, 10),
  compressed('c_lwsp', 'lw', 21, { rd: 5, imm: 12 }, 2),
  compressed('c_sdsp', 'sd', 23, { rs2: 7, imm: 24 }, 2),
  compressed('c_fld', 'fld', 21, { rd: 9, rs1: 10, imm: 8 }, 10),
  compressed('c_fsd', 'fsd', 23, { rs2: 12, rs1: 10, imm: 0 }, 10),
  full('amoadd_w', 23, { rd: 9, rs2: 11, rs1: 10, aq: true }),
  full('amoswap_d', 23, { rd: 9, rs2: 11, rs1: 10, rl: true }),
  // funct5 = 10000: bit 31 set, so htinst holds a value at and above 2^31 (not sign-extended).
  full('amomin_w', 23, { rd: 9, rs2: 11, rs1: 10, aq: true, rl: true }),
  full('lr_w', 21, { rd: 9, rs1: 10 }),
  full('sc_d', 23, { rd: 9, rs2: 11, rs1: 10 }),
  full('hlv_w', 21, { rd: 9, rs1: 10 }, true),
  full('hlvx_hu', 21, { rd: 9, rs1: 10 }, true),
  full('hsv_d', 23, { rs2: 11, rs1: 10 }, true),
];

/** Runs the case's instruction against HOLE + `at`; the trap goes to HS when medeleg says so, else M. */
function run(c: Case, to: 'HS' | 'M', at = 0n): Machine {
  const m = guestMachine();
  csrWrite(m, CSR.medeleg, to === 'HS' ? (1n << 21n) | (1n << 23n) : 0n);
  m.hart.setX(c.base, HOLE + at - BigInt(c.imm));
  if (c.hyp) enter(m, Priv.S, 0);
  else enter(m, Priv.S, 1);
  exec(m, c.insn);
  return m;
}

describe('21.6.3 htinst/mtinst: the transformed instruction of an explicit access guest-page fault', () => {
  it.each(CASES)('$name: htinst when taken in HS', (c) => {
    const m = run(c, 'HS');
    expect(m.hart.pc).toBe(BigInt(RAM_BASE) + 0x3000n); // stvec
    expect(csrRead(m, CSR.scause)).toBe(BigInt(c.cause));
    expect(csrRead(m, CSR.htval)).toBe(HOLE >> 2n);
    expect(csrRead(m, CSR.htinst)).toBe(BigInt(c.want));
  });

  it.each(CASES)('$name: mtinst when taken in M', (c) => {
    const m = run(c, 'M');
    expect(m.hart.pc).toBe(BigInt(RAM_BASE) + 0x2000n); // mtvec
    expect(csrRead(m, CSR.mcause)).toBe(BigInt(c.cause));
    expect(csrRead(m, CSR.mtval2)).toBe(HOLE >> 2n);
    expect(csrRead(m, CSR.mtinst)).toBe(BigInt(c.want));
  });

  it('what a hypervisor decodes: a load gives rd and funct3 (width, sign), a store gives rs2 and width', () => {
    const lhu = run(full('lhu', 21, { rd: 17, rs1: 10, imm: 6 }), 'HS');
    const t = Number(csrRead(lhu, CSR.htinst));
    expect([t & 0x7f, (t >>> 7) & 31, (t >>> 12) & 7, t >>> 15]).toEqual([0x03, 17, 5, 0]);
    const sb = run(full('sb', 23, { rs2: 23, rs1: 10, imm: -7 }), 'HS');
    const s = Number(csrRead(sb, CSR.htinst));
    expect([s & 0x7f, (s >>> 20) & 31, (s >>> 12) & 7, (s >>> 7) & 31, s >>> 25]).toEqual([0x23, 23, 0, 0, 0]);
  });

  it('misaligned across into the hole: Addr. Offset = stval - the access address (the part that faulted)', () => {
    for (const [c, size] of [
      [full('lw', 21, { rd: 9, rs1: 10, imm: 0 }), 4],
      [full('sd', 23, { rs2: 11, rs1: 10, imm: 0 }), 8],
    ] as const) {
      const m = run(c, 'HS', -2n); // the access starts 2 bytes below HOLE
      expect(csrRead(m, CSR.scause)).toBe(BigInt(c.cause));
      const off = csrRead(m, CSR.stval) - (HOLE - 2n);
      expect(off >= 2n && off < BigInt(size)).toBe(true); // a byte in the hole
      expect(csrRead(m, CSR.htinst)).toBe(BigInt(c.want) | (off << 15n));
    }
  });

  it('an instruction that straddles two pages (fetched parcel by parcel) is transformed the same way', () => {
    const c = full('ld', 21, { rd: 9, rs1: 10, imm: 16 });
    const m = guestMachine();
    csrWrite(m, CSR.medeleg, 1n << 21n);
    m.hart.setX(10, HOLE - 16n);
    enter(m, Priv.S, 1);
    exec(m, c.insn, CODE + 0xffen);
    expect(csrRead(m, CSR.scause)).toBe(21n);
    expect(csrRead(m, CSR.htinst)).toBe(BigInt(c.want));
  });

  it('an instruction guest-page fault writes 0 (no instruction was fetched)', () => {
    const m = guestMachine();
    csrWrite(m, CSR.medeleg, 1n << 20n);
    enter(m, Priv.S, 1);
    m.hart.pc = HOLE;
    m.cpu.runSlice(1);
    expect(csrRead(m, CSR.scause)).toBe(20n);
    expect(csrRead(m, CSR.htval)).toBe(HOLE >> 2n);
    expect(csrRead(m, CSR.htinst)).toBe(0n);
  });

  it('a page fault or access fault of an explicit access writes 0 (allowed; what Spike does)', () => {
    const c = full('lw', 21, { rd: 9, rs1: 10, imm: 0 });
    const m = guestMachine();
    // A guest page mapped by the G-stage onto a host address with no device: a load access fault.
    w64(m, GL0 + 0xffn * 8n, pte(0x100n, GUEST)); // GPA BASE + 0xff000 -> PA 0x100000: no RAM, no device
    m.hart.setX(10, BASE + 0xff000n);
    enter(m, Priv.S, 1);
    exec(m, c.insn);
    expect(csrRead(m, CSR.mcause)).toBe(5n);
    expect(csrRead(m, CSR.mtinst)).toBe(0n);
  });
});
