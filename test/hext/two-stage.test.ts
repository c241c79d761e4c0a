/**
 * Two-stage address translation (privileged spec v20240411, 21.5 "Two-Stage Address Translation":
 * 21.5.1 guest physical address translation (Sv39x4/Sv48x4), 21.5.2 guest-page faults, 21.5.3
 * memory-management fences; 21.6.3 transformed instructions in htinst/mtinst; 21.3.2 HLV/HLVX/HSV).
 */
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../src/machine.js';
import { TRAP } from '../../src/rv64/trap.js';
import { A, Access, D, R, U, V, W, X, halves, pte, ppnOf, translate, w32, w64 } from '../privileged/helpers.js';
import { CSR, HLV, HS, HSV, MS, Priv, RAM_BASE, csrRead, csrWrite, enter, exec, hlv, hmachine, hsv, landed } from './helpers.js';

const BASE = BigInt(RAM_BASE);
/** G-stage (Sv39x4): a 16 KiB root, then one L1 and one L0 table mapping GPA page i to host BASE + i * 4 KiB. */
const GROOT = BASE + 0x10000n;
const GL1 = BASE + 0x14000n;
const GL0 = BASE + 0x15000n;
/** VS-stage (Sv39) tables and data, as guest physical addresses (host = BASE + gpa). */
const VROOT = 0x20000n;
const VL1 = 0x21000n;
const VL0 = 0x22000n;
const DATA = 0x30000n;
/** The guest virtual address: VPN[2] = 1, VPN[1] = 0, VPN[0] = 0. */
const GVA = 0x40000000n;
const RWXAD = R | W | X | A | D;

/** Sets the G-stage leaf for guest physical page `gpa`. */
function gleaf(m: Machine, gpa: bigint, flags: bigint): void {
  w64(m, GL0 + (gpa >> 12n) * 8n, pte(ppnOf(BASE + gpa), flags));
}

/** A machine with both stages on: GVA -> DATA (VS leaf `vsFlags`), GPA pages 0..511 -> host (G leaves `gFlags`). */
function twoStage(vsFlags = RWXAD | V, gFlags = RWXAD | U | V): Machine {
  const m = hmachine();
  w64(m, GROOT, pte(ppnOf(GL1), V));
  w64(m, GL1, pte(ppnOf(GL0), V));
  for (let p = 0n; p < 512n; p++) gleaf(m, p << 12n, RWXAD | U | V);
  gleaf(m, DATA, gFlags);
  w64(m, BASE + VROOT + 1n * 8n, pte(ppnOf(VL1), V));
  w64(m, BASE + VL1, pte(ppnOf(VL0), V));
  w64(m, BASE + VL0, pte(ppnOf(DATA), vsFlags));
  w32(m, BASE + DATA + 0x10n, 0x12345678);
  csrWrite(m, CSR.hgatp, (8n << 60n) | ppnOf(GROOT));
  csrWrite(m, CSR.vsatp, (8n << 60n) | ppnOf(VROOT));
  return m;
}

interface Fault {
  cause: number;
  tval: bigint;
  tval2: bigint;
  tinst: number;
  gva: boolean;
}

function faultOf(f: () => unknown): Fault | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e !== TRAP) throw e;
    const tval = BigInt.asUintN(64, (BigInt(TRAP.tvalHi) << 32n) | BigInt(TRAP.tvalLo >>> 0));
    return { cause: TRAP.cause, tval, tval2: BigInt(TRAP.tval2), tinst: TRAP.tinst, gva: TRAP.gva };
  }
}

function inGuest(m: Machine, priv: Priv = Priv.S): Machine {
  enter(m, priv, 1);
  return m;
}

describe('21.5.1 two-stage translation', () => {
  it('VS-stage Sv39 over G-stage Sv39x4 maps loads, stores and fetches to the host page', () => {
    const m = inGuest(twoStage());
    for (const a of [Access.Load, Access.Store, Access.Fetch]) expect(translate(m, GVA + 0x10n, a)).toBe(Number(BASE + DATA + 0x10n));
    const [lo, hi] = halves(GVA + 0x10n);
    expect(m.mmu.load32(lo, hi)).toBe(0x12345678);
  });

  it('the Sv39x4 root table is 16 KiB: GPA bits 40:39 index its upper entries', () => {
    const m = inGuest(twoStage());
    csrWrite(m, CSR.vsatp, 0n); // VS Bare: GPA = GVA
    w64(m, GROOT + 0x7ffn * 8n, pte(ppnOf(BASE), RWXAD | U | V)); // root[2047]: a 1 GiB leaf
    const gpa = (0x7ffn << 30n) | 0x1234n;
    expect(translate(m, gpa, Access.Load)).toBe(Number(BASE + 0x1234n));
  });

  it('guest physical address bits above 41 (Sv39x4) must be zero: else a guest-page fault', () => {
    const m = inGuest(twoStage());
    csrWrite(m, CSR.vsatp, 0n);
    const gpa = 1n << 41n;
    expect(faultOf(() => translate(m, gpa, Access.Load))).toEqual({ cause: 21, tval: gpa, tval2: gpa >> 2n, tinst: 0, gva: true });
    expect(faultOf(() => translate(m, gpa, Access.Fetch))?.cause).toBe(20);
  });

  it('21.5.2 a G-stage leaf without U is a guest-page fault: tval = GVA, tval2 = GPA >> 2', () => {
    const m = inGuest(twoStage(RWXAD | V, RWXAD | V));
    const f = { tval: GVA + 0x10n, tval2: (DATA + 0x10n) >> 2n, tinst: 0, gva: true };
    expect(faultOf(() => translate(m, GVA + 0x10n, Access.Load))).toEqual({ cause: 21, ...f });
    expect(faultOf(() => translate(m, GVA + 0x10n, Access.Store))).toEqual({ cause: 23, ...f });
    expect(faultOf(() => translate(m, GVA + 0x10n, Access.Fetch))).toEqual({ cause: 20, ...f });
  });

  it('a G-stage fault on a VS page-table read reports that PTE: tval2 = its GPA >> 2, tinst = 0x3000, cause of the original access', () => {
    const m = inGuest(twoStage());
    gleaf(m, VL0, 0n); // the VS L0 table's guest page is unmapped
    const pteGpa = VL0 + 0n * 8n;
    const f = { tval: GVA + 8n, tval2: pteGpa >> 2n, tinst: 0x3000, gva: true };
    expect(faultOf(() => translate(m, GVA + 8n, Access.Load))).toEqual({ cause: 21, ...f });
    expect(faultOf(() => translate(m, GVA + 8n, Access.Store))).toEqual({ cause: 23, ...f });
    expect(faultOf(() => translate(m, GVA + 8n, Access.Fetch))).toEqual({ cause: 20, ...f });
  });

  it('VS page-table reads are G-stage loads: a read-only G mapping of the table is enough, an X-only one is not', () => {
    const m = inGuest(twoStage());
    gleaf(m, VL0, R | A | D | U | V);
    expect(translate(m, GVA, Access.Store)).toBe(Number(BASE + DATA));
    gleaf(m, VL0, X | A | D | U | V);
    m.mmu.flush();
    expect(faultOf(() => translate(m, GVA, Access.Load))?.cause).toBe(21);
  });

  it('a VS-stage fault is an ordinary page fault (12/13/15) with GVA set', () => {
    const m = inGuest(twoStage(0n));
    expect(faultOf(() => translate(m, GVA, Access.Load))).toEqual({ cause: 13, tval: GVA, tval2: 0n, tinst: 0, gva: true });
    expect(faultOf(() => translate(m, GVA, Access.Store))?.cause).toBe(15);
  });

  it('a G-stage store needs W; an AMO faults as a store (23), never as a load', () => {
    const m = inGuest(twoStage(RWXAD | V, R | A | D | U | V));
    expect(translate(m, GVA, Access.Load)).toBe(Number(BASE + DATA));
    expect(faultOf(() => translate(m, GVA, Access.Store))?.cause).toBe(23);
    const [lo, hi] = halves(GVA);
    expect(faultOf(() => m.mmu.amoOffset(lo, hi, 4))?.cause).toBe(23);
  });

  it('HS-level mstatus.MXR applies to both stages; vsstatus.MXR only to the VS-stage', () => {
    const m = inGuest(twoStage(X | A | D | V, X | A | D | U | V));
    expect(faultOf(() => translate(m, GVA, Access.Load))?.cause).toBe(13);
    csrWrite(m, CSR.vsstatus, MS.MXR);
    expect(faultOf(() => translate(m, GVA, Access.Load))?.cause).toBe(21); // VS passes, G does not
    csrWrite(m, CSR.vsstatus, 0n);
    csrWrite(m, CSR.mstatus, MS.MXR);
    expect(translate(m, GVA, Access.Load)).toBe(Number(BASE + DATA));
  });

  it('vsstatus.SUM lets VS-mode read VS-stage U pages; VU reads them without it', () => {
    const m = inGuest(twoStage(RWXAD | U | V));
    expect(faultOf(() => translate(m, GVA, Access.Load))?.cause).toBe(13);
    csrWrite(m, CSR.vsstatus, MS.SUM);
    expect(translate(m, GVA, Access.Load)).toBe(Number(BASE + DATA));
    inGuest(m, Priv.U);
    expect(translate(m, GVA, Access.Load)).toBe(Number(BASE + DATA));
  });

  it('3.1.6.3 M-mode MPRV with MPV = 1 and MPP = S translates through both stages (GVA set on faults)', () => {
    const m = twoStage();
    csrWrite(m, CSR.mstatus, MS.MPRV | (1n << 11n) | MS.MPV);
    enter(m, Priv.M, 0);
    expect(translate(m, GVA + 0x10n, Access.Load)).toBe(Number(BASE + DATA + 0x10n));
    gleaf(m, DATA, 0n);
    m.mmu.flush();
    expect(faultOf(() => translate(m, GVA + 0x10n, Access.Load))).toMatchObject({ cause: 21, gva: true });
    // MPV = 0: one stage (satp Bare): the address is physical.
    csrWrite(m, CSR.mstatus, MS.MPRV | (1n << 11n));
    expect(translate(m, BASE + 0x10n, Access.Load)).toBe(Number(BASE + 0x10n));
  });
});

describe('21.3.2 HLV, HLVX, HSV', () => {
  /** Runs `insn` in HS with x6 = GVA + off; returns [landed, x5]. */
  function hrun(m: Machine, insn: number, off = 0x10n): [string, bigint] {
    enter(m, Priv.S, 0);
    m.hart.setX(6, GVA + off);
    exec(m, insn);
    return [landed(m), BigInt.asUintN(64, m.hart.getX(5))];
  }

  it('HLV reads through both stages with hstatus.SPVP as the privilege; HSV writes', () => {
    const m = twoStage();
    csrWrite(m, CSR.hstatus, HS.SPVP);
    expect(hrun(m, hlv(HLV.w, 5, 6))).toEqual(['next', 0x12345678n]);
    expect(hrun(m, hlv(HLV.b, 5, 6))).toEqual(['next', 0x78n]);
    expect(hrun(m, hlv(HLV.h, 5, 6, ), 0x12n)).toEqual(['next', 0x1234n]);
    m.hart.setX(7, -2n);
    enter(m, Priv.S, 0);
    m.hart.setX(6, GVA + 0x20n);
    exec(m, hsv(HSV.d, 7, 6));
    expect(hrun(m, hlv(HLV.d, 5, 6), 0x20n)).toEqual(['next', BigInt.asUintN(64, -2n)]);
    expect(hrun(m, hlv(HLV.w, 5, 6), 0x20n)).toEqual(['next', BigInt.asUintN(64, -2n)]);
    expect(hrun(m, hlv(HLV.wu, 5, 6), 0x20n)).toEqual(['next', 0xfffffffen]);
    expect(hrun(m, hlv(HLV.bu, 5, 6), 0x20n)).toEqual(['next', 0xfen]);
    // SPVP = 0: a VU access, so the supervisor-only VS page faults.
    csrWrite(m, CSR.hstatus, 0n);
    expect(hrun(m, hlv(HLV.w, 5, 6))[0]).toBe('M');
    expect(csrRead(m, CSR.mcause)).toBe(13n);
  });

  it('HLVX needs X, not R, in both stages, and reports load faults', () => {
    const m = twoStage(X | A | D | V, X | A | D | U | V);
    csrWrite(m, CSR.hstatus, HS.SPVP);
    expect(hrun(m, hlv(HLV.hlvxwu, 5, 6))).toEqual(['next', 0x12345678n]);
    expect(hrun(m, hlv(HLV.hlvxhu, 5, 6), 0x12n)).toEqual(['next', 0x1234n]);
    expect(hrun(m, hlv(HLV.w, 5, 6))[0]).toBe('M'); // a plain HLV needs R
    expect(csrRead(m, CSR.mcause)).toBe(13n);
    const m2 = twoStage(RWXAD | V, R | A | D | U | V);
    csrWrite(m2, CSR.hstatus, HS.SPVP);
    expect(hrun(m2, hlv(HLV.hlvxwu, 5, 6))[0]).toBe('M');
    expect(csrRead(m2, CSR.mcause)).toBe(21n);
  });

  it('21.5.2/21.6.3 a guest-page fault in HS writes stval = GVA, htval = GPA >> 2, htinst, hstatus.GVA (SPV stays 0)', () => {
    const m = twoStage(RWXAD | V, RWXAD | V);
    csrWrite(m, CSR.hstatus, HS.SPVP);
    csrWrite(m, CSR.medeleg, 1n << 21n);
    expect(hrun(m, hlv(HLV.w, 5, 6))[0]).toBe('HS');
    expect(csrRead(m, CSR.scause)).toBe(21n);
    expect(csrRead(m, CSR.stval)).toBe(GVA + 0x10n);
    expect(csrRead(m, CSR.htval)).toBe((DATA + 0x10n) >> 2n);
    // The transformed HLV.W: every field kept but rs1, which becomes the Addr. Offset (0).
    expect(csrRead(m, CSR.htinst)).toBe(BigInt(hlv(HLV.w, 5, 0)));
    expect(csrRead(m, CSR.hstatus) & (HS.GVA | HS.SPV)).toBe(HS.GVA);
  });

  it('in M: mtval = GVA, mtval2 = PTE GPA >> 2 and mtinst = 0x3000 for an implicit VS page-table read; mstatus.GVA', () => {
    const m = twoStage();
    gleaf(m, VL1, 0n);
    csrWrite(m, CSR.hstatus, HS.SPVP);
    expect(hrun(m, hsv(HSV.w, 5, 6))[0]).toBe('M');
    expect(csrRead(m, CSR.mcause)).toBe(23n);
    expect(csrRead(m, CSR.mtval)).toBe(GVA + 0x10n);
    expect(csrRead(m, CSR.mtval2)).toBe(VL1 >> 2n);
    expect(csrRead(m, CSR.mtinst)).toBe(0x3000n);
    expect(csrRead(m, CSR.mstatus) & (MS.GVA | MS.MPV)).toBe(MS.GVA);
  });
});
