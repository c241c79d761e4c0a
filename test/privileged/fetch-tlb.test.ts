/**
 * The fetch TLB (src/rv64/mmu.ts `codePage`, docs/tlb.md): per translation context, virtual code
 * page -> RAM page of the decoded page. Guest programs run on the CPU here (S- and U-mode code
 * under Sv39, an M-mode trap handler that reports through HTIF), so every fence is the guest's own
 * instruction. What must hold:
 *
 * - after SFENCE.VMA a remapped code page executes its new code, and a page made non-executable
 *   faults (privileged spec 12.2.1 SFENCE.VMA: the fence orders the PTE store before later
 *   implicit references, fetches included). Without the fence a stale fetch is allowed, so that
 *   case is not tested;
 * - FENCE.I after a store to code executes the new code (unprivileged spec, Zifencei), even when
 *   the fetch TLB still maps the page: the decoded page comes from the decode cache on every hit;
 * - entries never cross contexts: U and S with different satp (ASIDs), U and S with the same satp
 *   (U may not execute an S page: 12.3.1 U bit), and M-mode fetches under MPRV=1 (fetches ignore
 *   MPRV: 3.1.6.3) do not use the S context the data accesses use;
 * - and the TLB is used: a loop calling into another page translates each page once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Machine, RunResult } from '../../src/machine.js';
import { Priv } from '../../src/rv64/hart.js';
import { Access } from '../../src/rv64/mmu.js';
import { CSR, ECALL, enter, hmachine, MS, MTVEC, sfenceVma, SRET } from '../hext/helpers.js';
import { A, csrRead, csrWrite, D, R, RAM_BASE, U, V, W, w32, w64, X } from './helpers.js';

// ---- encoders (RV64I / Zicsr / Zifencei)
const I = (op: number, f3: number, rd: number, rs1: number, imm: number): number =>
  ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
const addi = (rd: number, rs1: number, imm: number) => I(0x13, 0, rd, rs1, imm);
const slli = (rd: number, rs1: number, sh: number) => I(0x13, 1, rd, rs1, sh);
const ori = (rd: number, rs1: number, imm: number) => I(0x13, 6, rd, rs1, imm);
const or = (rd: number, rs1: number, rs2: number) => (rs2 << 20) | (rs1 << 15) | (6 << 12) | (rd << 7) | 0x33;
const jalr = (rd: number, rs1: number, imm = 0) => I(0x67, 0, rd, rs1, imm);
const store = (f3: number, rs2: number, rs1: number, imm: number) =>
  (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | 0x23;
const sw = (rs2: number, rs1: number, imm = 0) => store(2, rs2, rs1, imm);
const sd = (rs2: number, rs1: number, imm = 0) => store(3, rs2, rs1, imm);
const bne = (rs1: number, rs2: number, imm: number) =>
  (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (1 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63;
const csrrw = (rd: number, csr: number, rs1: number) => (csr << 20) | (rs1 << 15) | (1 << 12) | (rd << 7) | 0x73;
const csrrs = (rd: number, csr: number, rs1: number) => (csr << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x73;
const csrrc = (rd: number, csr: number, rs1: number) => (csr << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x73;
const FENCE_I = 0x0000100f;
const J_SELF = 0x0000006f;

const ra = 1, t0 = 5, t6 = 31, a0 = 10, s1 = 9, s2 = 18, s3 = 19, s4 = 20, s5 = 21, s6 = 22;

// ---- memory layout (1 MiB machine at RAM_BASE)
const BASE = BigInt(RAM_BASE);
const TOHOST = BASE + 0x3000n;
const C_PA = BASE + 0x10000n; // the S-mode program
const P1 = BASE + 0x11000n;
const P2 = BASE + 0x12000n;
const C_VA = 0x40000000n;
const T_VA = 0x40001000n; // the called page, mapped to P1 or P2
const PTE_VA = 0x40100000n; // an alias of a leaf PTE's page, so the guest can remap
const SV39 = 8n << 60n;
const CODE = V | R | X | A;
const satpOf = (asid: bigint, root: bigint) => SV39 | (asid << 44n) | (root >> 12n);
const pteOf = (pa: bigint, flags: bigint) => ((pa >> 12n) << 10n) | flags;

let m: Machine;
let next: bigint;

function page(): bigint {
  const a = next;
  next += 0x1000n;
  return a;
}

/** Maps va -> pa (4 KiB) in the Sv39 table at `root`; returns the leaf PTE's physical address. */
function map(root: bigint, va: bigint, pa: bigint, flags: bigint): bigint {
  let t = root;
  for (let lvl = 2; lvl > 0; lvl--) {
    const e = t + ((va >> (12n + 9n * BigInt(lvl))) & 0x1ffn) * 8n;
    const b = m.mmu.readPhys(Number(e), 8);
    const cur = new DataView(b.buffer).getBigUint64(0, true);
    if ((cur & V) !== 0n) t = (cur >> 10n) << 12n;
    else {
      const n = page();
      w64(m, e, pteOf(n, V));
      t = n;
    }
  }
  const leaf = t + ((va >> 12n) & 0x1ffn) * 8n;
  w64(m, leaf, pteOf(pa, flags));
  return leaf;
}

function code(pa: bigint, words: number[]): void {
  words.forEach((w, i) => w32(m, pa + BigInt(4 * i), w | 0));
}

function reg(r: number, v: bigint): void {
  m.hart.x[2 * r] = Number(BigInt.asIntN(32, v));
  m.hart.x[2 * r + 1] = Number(BigInt.asIntN(32, v >> 32n));
}

/** The M-mode handler's report: exit code (mcause << 12) | a0. */
const EXIT = [csrrs(t6, CSR.mscratch, 0), csrrs(t0, CSR.mcause, 0), slli(t0, t0, 12), or(a0, a0, t0), slli(a0, a0, 1), ori(a0, a0, 1), sd(a0, t6), J_SELF];
const report = (cause: number, a: number) => (cause << 12) | a;

/** Starts the S-mode program at C_VA under `satp` and runs it to its report. */
function runS(satp: bigint): RunResult {
  csrWrite(m, CSR.satp, satp);
  enter(m, Priv.S, 0);
  m.hart.pc = C_VA;
  return m.run(100_000);
}

beforeEach(() => {
  m = hmachine(); // PMP open, mtvec = MTVEC (bare M-mode)
  next = BASE + 0x40000n;
  m.attachHtif(Number(TOHOST), null);
  csrWrite(m, CSR.mscratch, TOHOST);
  code(MTVEC, EXIT);
  // P1 and P2: a leaf function returning 1 or 2 in a0.
  code(P1, [addi(a0, 0, 1), jalr(0, ra)]);
  code(P2, [addi(a0, 0, 2), jalr(0, ra)]);
});

describe('fetch TLB: fences', () => {
  /** Root with C (S code), T -> P1 with `tFlags`, and an alias of T's leaf PTE page; returns [root, T's leaf PTE VA]. */
  function tables(tFlags: bigint): [bigint, bigint] {
    const root = page();
    map(root, C_VA, C_PA, CODE);
    const leaf = map(root, T_VA, P1, tFlags);
    map(root, PTE_VA, leaf & ~0xfffn, V | R | W | A | D);
    return [root, PTE_VA + (leaf & 0xfffn)];
  }

  it('a code page remapped with SFENCE.VMA executes its new code', () => {
    const [root, pteVa] = tables(CODE);
    code(C_PA, [jalr(ra, s1), addi(s2, a0, 0), sd(s3, s4), sfenceVma(), jalr(ra, s1), slli(s2, s2, 4), or(a0, a0, s2), ECALL]);
    reg(s1, T_VA);
    reg(s3, pteOf(P2, CODE));
    reg(s4, pteVa);
    const r = runS(satpOf(1n, root));
    expect(r.reason).toBe('exit');
    expect(r.exitCode).toBe(report(9, 0x12)); // 1 from P1, then 2 from P2; ecall from S
  });

  it('a code page made non-executable with SFENCE.VMA faults', () => {
    const [root, pteVa] = tables(CODE);
    code(C_PA, [jalr(ra, s1), addi(s2, a0, 0), sd(s3, s4), sfenceVma(), jalr(ra, s1), ECALL]);
    reg(s1, T_VA);
    reg(s3, pteOf(P1, V | R | A));
    reg(s4, pteVa);
    const r = runS(satpOf(1n, root));
    expect(r.exitCode).toBe(report(12, 1)); // instruction page fault after the first call returned 1
    expect(csrRead(m, CSR.mepc)).toBe(T_VA);
    expect(csrRead(m, CSR.mtval)).toBe(T_VA);
  });

  it('FENCE.I after a store to code executes the new code, also through a kept fetch-TLB entry', () => {
    const root = page();
    map(root, C_VA, C_PA, CODE);
    map(root, T_VA, P1, CODE | W | D);
    // Call T (decoded); FENCE.I (decoded pages dropped, T's no longer code, so the next store may
    // take the write TLB); store; FENCE.I; call T; store again (T is code again); FENCE.I; call T.
    code(C_PA, [
      jalr(ra, s1), addi(s2, a0, 0),
      FENCE_I, sw(s3, s1), FENCE_I, jalr(ra, s1), slli(s2, s2, 4), or(s2, s2, a0),
      sw(s4, s1), FENCE_I, jalr(ra, s1), slli(s2, s2, 4), or(a0, a0, s2),
      ECALL,
    ]);
    reg(s1, T_VA);
    reg(s3, BigInt(addi(a0, 0, 2)));
    reg(s4, BigInt(addi(a0, 0, 3)));
    const r = runS(satpOf(1n, root));
    expect(r.exitCode).toBe(report(9, 0x123));
  });
});

describe('fetch TLB: contexts', () => {
  it('U with another satp (ASID) does not use S-mode entries for the same virtual page', () => {
    const rootA = page();
    map(rootA, C_VA, C_PA, CODE);
    map(rootA, T_VA, P1, CODE);
    const rootB = page();
    map(rootB, C_VA, C_PA, CODE);
    map(rootB, T_VA, P2, CODE | U);
    code(P2, [addi(a0, a0, 0x20), ECALL]); // U's T: adds to S's result and calls M
    // S: call T (P1: a0 = 1), switch to satp B (ASID 2: no fence needed), sret to U at T.
    code(C_PA, [jalr(ra, s1), csrrw(0, CSR.satp, s5), csrrw(0, CSR.sepc, s1), SRET]);
    reg(s1, T_VA);
    reg(s5, satpOf(2n, rootB));
    const r = runS(satpOf(1n, rootA));
    expect(r.exitCode).toBe(report(8, 0x21)); // ecall from U after P2's code
  });

  it('U with the same satp cannot execute the S page that S just executed', () => {
    const root = page();
    map(root, C_VA, C_PA, CODE);
    map(root, T_VA, P1, CODE);
    code(C_PA, [jalr(ra, s1), csrrw(0, CSR.sepc, s1), SRET]);
    reg(s1, T_VA);
    const r = runS(satpOf(1n, root));
    expect(r.exitCode).toBe(report(12, 1));
    expect(csrRead(m, CSR.mepc)).toBe(T_VA); // the fault is U's fetch of T itself
    expect(csrRead(m, CSR.mtval)).toBe(T_VA);
    expect(m.hart.priv).toBe(Priv.M);
  });

  it('M-mode fetches with MPRV=1 are not translated, though data accesses use the S context', () => {
    // T's virtual address is P1's physical one; S maps it to P2.
    const root = page();
    map(root, C_VA, C_PA, CODE);
    map(root, P1, P2, CODE);
    code(C_PA, [jalr(ra, s1), ECALL]);
    code(P1, [addi(a0, a0, 0x10), jalr(0, ra)]);
    // M handler: MPRV on (MPP = S after the ecall), call physical P1, MPRV off, report.
    code(MTVEC, [csrrs(0, CSR.mstatus, s6), jalr(ra, s1), csrrc(0, CSR.mstatus, s6), ...EXIT]);
    reg(s1, P1);
    reg(s6, MS.MPRV);
    const r = runS(satpOf(1n, root));
    expect(r.exitCode).toBe(report(9, 0x12)); // S ran P2 (2), M ran P1 (+0x10)
  });
});

describe('fetch TLB: use', () => {
  it('a loop calling into another page translates each code page once', () => {
    const root = page();
    map(root, C_VA, C_PA, CODE);
    map(root, T_VA, P1, CODE);
    code(C_PA, [addi(s2, 0, 100), jalr(ra, s1), addi(s2, s2, -1), bne(s2, 0, -8), ECALL]);
    reg(s1, T_VA);
    const translate = m.mmu.translate;
    let fetches = 0;
    m.mmu.translate = (lo, hi, access, size) => {
      if (access === Access.Fetch) fetches++;
      return translate(lo, hi, access, size);
    };
    const r = runS(satpOf(1n, root));
    expect(r.exitCode).toBe(report(9, 1));
    // C, T and the M handler's page: 201 page changes without the fetch TLB.
    expect(fetches).toBeGreaterThanOrEqual(2);
    expect(fetches).toBeLessThanOrEqual(4);
  });
});
