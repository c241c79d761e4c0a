/**
 * A regression guard for optimisations of the timing model: small workloads covering every class
 * of instruction and every structure of the model (caches with and without the L2, TLBs and page
 * walks single- and two-stage, branch predictor and RAS, the iterative units, the Konata trace),
 * with their exact modelled cycles, CPI stack and event counts pinned.
 *
 * The pinned numbers are NOT derived from the specification: they are what the model computed
 * when they were recorded (before the speed work of issue 7). Their only purpose is to prove that
 * a change meant to make the model faster changes no cycle count. A change that is meant to alter
 * the model's timing must re-record them (GOLDEN_PRINT=1 npx vitest run test/timing/cycles-golden
 * prints the current figures) and say why in its commit. The analytic checks of the model live in
 * microbench.test.ts and pagewalk.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Priv } from '../../src/rv64/hart.js';
import { KonataWriter } from '../../src/timing/konata.js';
import { A, D, R, SATP, U, V, W, X, csrWrite, openPmp, pte, ppnOf, satp, w64 as w64n } from '../privileged/helpers.js';
import { Asm, type Bench, bench, cyclesFor, w64 } from './helpers.js';

const BUF = 0x80100000;
const T0 = 5, T1 = 6, T2 = 7, A0 = 10, A1 = 11, A2 = 12, A3 = 13, RA = 1;

/** Everything the model counts, as one comparable line. */
function summary(b: Bench): string {
  const stack = Array.from(b.model.cpiStack()).join(',');
  const ev = Array.from(b.model.ev).join(',');
  return `cycles=${b.m.cycles()} t=${b.model.cycles} instret=${b.m.hart.instret} stack=${stack} ev=${ev}`;
}

/** FNV-1a of a string (to pin a Konata trace without pinning its text). */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** model.test.ts's loop: loads that miss, a multiply, a divide, a data-dependent branch, a store. */
function mixed(): Asm {
  return new Asm().la(10, BUF).li(11, 0x2545f491).li(5, 1 << 20).label('loop')
    .op('slli', { rd: 6, rs1: 11, imm: 13 }).op('xor', { rd: 11, rs1: 11, rs2: 6 })
    .op('srli', { rd: 6, rs1: 11, imm: 7 }).op('xor', { rd: 11, rs1: 11, rs2: 6 })
    .op('andi', { rd: 7, rs1: 11, imm: 0x7ff })
    .op('slli', { rd: 7, rs1: 7, imm: 6 })
    .op('add', { rd: 28, rs1: 10, rs2: 7 })
    .op('ld', { rd: 29, rs1: 28, imm: 0 })
    .op('mul', { rd: 30, rs1: 29, rs2: 11 })
    .op('divu', { rd: 31, rs1: 30, rs2: 11 })
    .op('andi', { rd: 7, rs1: 11, imm: 1 })
    .to('beq', 'skip', { rs1: 7, rs2: 0 })
    .op('sd', { rs1: 28, rs2: 31, imm: 8 })
    .label('skip')
    .op('addi', { rd: 5, rs1: 5, imm: -1 })
    .to('bne', 'loop', { rs1: 5, rs2: 0 });
}

function mulDiv(): Asm {
  const a = new Asm().li(A0, 3).li(A1, 0x12345).li(A2, -7).li(A3, 0x7fffffff).li(T0, 1 << 20).label('loop');
  for (let i = 0; i < 4; i++) a.op('mul', { rd: A0, rs1: A0, rs2: A1 });
  a.op('mulw', { rd: 14, rs1: A0, rs2: A1 }).op('mulh', { rd: 15, rs1: A0, rs2: A2 })
    .op('divu', { rd: 16, rs1: A3, rs2: A1 }).op('div', { rd: 17, rs1: A2, rs2: A1 })
    .op('divw', { rd: 16, rs1: A2, rs2: A3 }).op('remu', { rd: 17, rs1: A0, rs2: A2 })
    .op('rem', { rd: 16, rs1: A0, rs2: 0 }).op('add', { rd: 18, rs1: 16, rs2: 17 })
    .op('addi', { rd: T0, rs1: T0, imm: -1 }).to('bne', 'loop', { rs1: T0, rs2: 0 });
  return a;
}

/** A pointer chase over `lines` lines of 64 B in a scrambled order. */
function chase(b: Bench, lines: number): void {
  const STEP = 337;
  for (let i = 0; i < lines; i++) w64(b.m, BUF + ((i * STEP) % lines) * 64, BUF + (((i + 1) * STEP) % lines) * 64);
}
const chaseLoop = (): Asm =>
  new Asm().la(A0, BUF).li(T0, 1 << 20).label('loop')
    .op('ld', { rd: A0, rs1: A0, imm: 0 })
    .op('lbu', { rd: T1, rs1: A0, imm: 3 })
    .op('add', { rd: T2, rs1: T2, rs2: T1 })
    .op('addi', { rd: T0, rs1: T0, imm: -1 })
    .to('bne', 'loop', { rs1: T0, rs2: 0 });

/** xorshift-driven branches, calls and returns (RAS), an indirect jump through a register. */
function control(): Asm {
  return new Asm().li(A1, 0x2545f491).li(A2, 3).li(T0, 1 << 20).to('jal', 'loop', { rd: 0 })
    .label('leaf').op('addi', { rd: A3, rs1: A3, imm: 1 }).op('jalr', { rd: 0, rs1: RA, imm: 0 })
    .label('mid').op('addi', { rd: 31, rs1: RA, imm: 0 }).to('jal', 'leaf', { rd: RA })
    .op('addi', { rd: RA, rs1: 31, imm: 0 }).op('jalr', { rd: 0, rs1: RA, imm: 0 })
    .label('loop')
    .op('slli', { rd: T1, rs1: A1, imm: 13 }).op('xor', { rd: A1, rs1: A1, rs2: T1 })
    .op('srli', { rd: T1, rs1: A1, imm: 7 }).op('xor', { rd: A1, rs1: A1, rs2: T1 })
    .op('slli', { rd: T1, rs1: A1, imm: 17 }).op('xor', { rd: A1, rs1: A1, rs2: T1 })
    .op('and', { rd: T2, rs1: A1, rs2: A2 })
    .to('beq', 'skip', { rs1: T2, rs2: 0 })
    .to('jal', 'mid', { rd: RA })
    .label('skip')
    .to('jal', 'leaf', { rd: RA })
    .op('andi', { rd: T2, rs1: A1, imm: 4 })
    .to('bne', 'skip2', { rs1: T2, rs2: 0 })
    .op('addi', { rd: A3, rs1: A3, imm: 2 })
    .label('skip2')
    .op('addi', { rd: T0, rs1: T0, imm: -1 })
    .to('bne', 'loop', { rs1: T0, rs2: 0 });
}

/** FP: loads/stores, FMAs, divide/sqrt, conversions and moves (mstatus.FS turned on first). */
function fp(): Asm {
  return new Asm().li(T0, 0x6000).op('csrrs', { rd: 0, rs1: T0, csr: 0x300 })
    .la(A0, BUF).li(A1, 12345).op('fcvt_d_l', { rd: 1, rs1: A1 }).op('fcvt_s_l', { rd: 2, rs1: A1 })
    .li(T0, 1 << 20).label('loop')
    .op('fmadd_d', { rd: 3, rs1: 1, rs2: 1, rs3: 3 })
    .op('fmul_s', { rd: 4, rs1: 2, rs2: 2 })
    .op('fdiv_s', { rd: 5, rs1: 4, rs2: 2 })
    .op('fsqrt_d', { rd: 6, rs1: 3 })
    .op('fdiv_d', { rd: 7, rs1: 6, rs2: 1 })
    .op('fsqrt_s', { rd: 8, rs1: 5 })
    .op('fsgnj_d', { rd: 9, rs1: 7, rs2: 1 })
    .op('fsd', { rs1: A0, rs2: 9, imm: 16 })
    .op('fld', { rd: 10, rs1: A0, imm: 16 })
    .op('flw', { rd: 11, rs1: A0, imm: 20 })
    .op('feq_d', { rd: A2, rs1: 10, rs2: 9 })
    .op('fmv_x_d', { rd: A3, rs1: 10 })
    .op('fmv_d_x', { rd: 12, rs1: A3 })
    .op('fcvt_l_d', { rd: 14, rs1: 12 })
    .op('fsw', { rs1: A0, rs2: 11, imm: 24 })
    .op('addi', { rd: T0, rs1: T0, imm: -1 })
    .to('bne', 'loop', { rs1: T0, rs2: 0 });
}

/** AMOs, LR/SC, CSR reads, FENCE, FENCE.I, sub-word loads and stores. */
function misc(): Asm {
  return new Asm().la(A0, BUF).li(A1, 5).li(T0, 1 << 20).label('loop')
    .op('amoadd_w', { rd: T1, rs1: A0, rs2: A1 })
    .op('amoswap_d', { rd: T2, rs1: A0, rs2: T1 })
    .op('lr_d', { rd: A2, rs1: A0 })
    .op('sc_d', { rd: A3, rs1: A0, rs2: A2 })
    .op('csrrs', { rd: 14, rs1: 0, csr: 0xb00 })
    .op('andi', { rd: 14, rs1: 14, imm: 0x3c0 })
    .op('add', { rd: 15, rs1: A0, rs2: 14 })
    .op('lb', { rd: 16, rs1: 15, imm: 1 })
    .op('lh', { rd: 17, rs1: 15, imm: 2 })
    .op('lwu', { rd: 18, rs1: 15, imm: 4 })
    .op('sb', { rs1: 15, rs2: 16, imm: 0x401 })
    .op('sh', { rs1: 15, rs2: 17, imm: 0x402 })
    .op('sw', { rs1: 15, rs2: 18, imm: 0x604 })
    .op('andi', { rd: 19, rs1: T0, imm: 63 })
    .to('bne', 'nofence', { rs1: 19, rs2: 0 })
    .op('fence', { pred: 15, succ: 15 })
    .op('fence_i')
    .label('nofence')
    .op('addi', { rd: T0, rs1: T0, imm: -1 })
    .to('bne', 'loop', { rs1: T0, rs2: 0 });
}

const STRESS = {
  icache: { size: 1024, ways: 2 }, dcache: { size: 1024, ways: 2 }, l2: { size: 16384, ways: 4 },
  branch: { btbEntries: 8, rasEntries: 2, bhtEntries: 64, historyBits: 3 },
};

// pagewalk.test.ts's set-up: 64 pages round-robin, Bare, Sv39, or Sv39 over Sv39x4.
const ROOT = 0x80200000, L1 = 0x80201000, L0 = 0x80202000, DATA = 0x80300000, GROOT = 0x80210000;
const VBASE = 0x40000000 + (9 << 21);
const PAGES = 64;
function pageWalk(mode: 'bare' | 'sv39' | 'two-stage', over: unknown): Bench {
  const sv39 = mode !== 'bare';
  const a = new Asm().la(10, sv39 ? VBASE : DATA).label('outer')
    .op('addi', { rd: 6, rs1: 10, imm: 0 }).op('addi', { rd: 7, rs1: 0, imm: PAGES })
    .label('inner').op('ld', { rd: 28, rs1: 6, imm: 0 }).li(29, 4096 + 64)
    .op('add', { rd: 6, rs1: 6, rs2: 29 }).op('addi', { rd: 7, rs1: 7, imm: -1 })
    .to('bne', 'inner', { rs1: 7, rs2: 0 }).to('jal', 'outer', { rd: 0 });
  const b = bench(a, over, 16 << 20, 'rv64imafdch_zicsr_zifencei');
  if (sv39) {
    const m = b.m;
    openPmp(m);
    w64n(m, BigInt(ROOT + 2 * 8), pte(ppnOf(0x80000000n), R | W | X | A | D | V));
    w64n(m, BigInt(ROOT + 1 * 8), pte(ppnOf(BigInt(L1)), V));
    w64n(m, BigInt(L1 + 9 * 8), pte(ppnOf(BigInt(L0)), V));
    for (let i = 0; i < PAGES + 1; i++) w64n(m, BigInt(L0 + i * 8), pte(ppnOf(BigInt(DATA + i * 4096)), R | W | A | D | V));
    if (mode === 'sv39') csrWrite(m, SATP, satp(8n, BigInt(ROOT)));
    else {
      w64n(m, BigInt(GROOT + 2 * 8), pte(ppnOf(0x80000000n), R | W | X | U | A | D | V));
      csrWrite(m, 0x280, satp(8n, BigInt(ROOT)));
      csrWrite(m, 0x680, satp(8n, BigInt(GROOT)));
      m.hart.virt = 1;
    }
    m.hart.priv = Priv.S;
  }
  return b;
}

type Case = [name: string, run: () => string];

const CASES: Case[] = [
  ['mixed', () => { const b = bench(mixed()); cyclesFor(b, 50_000); return summary(b); }],
  ['mixed, no L2', () => { const b = bench(mixed(), { l2: null }); cyclesFor(b, 50_000); return summary(b); }],
  ['mixed, small structures', () => { const b = bench(mixed(), STRESS); cyclesFor(b, 50_000); return summary(b); }],
  ['mixed, Konata window', () => {
    const b = bench(mixed());
    const pv = new KonataWriter('/dev/null', 100, 50);
    b.model.pipeview = pv;
    cyclesFor(b, 400);
    return `${summary(b)} konata=${fnv(pv.render())}`;
  }],
  ['mul/div', () => { const b = bench(mulDiv()); cyclesFor(b, 20_000); return summary(b); }],
  ['mul/div, mulUnroll 4, divUnroll 2, no early out', () => {
    const b = bench(mulDiv(), { latency: { mulUnroll: 4, divUnroll: 2, divEarlyOut: false } });
    cyclesFor(b, 20_000);
    return summary(b);
  }],
  ['chase 1024 lines', () => { const b = bench(chaseLoop()); chase(b, 1024); cyclesFor(b, 30_000); return summary(b); }],
  ['chase 1024 lines, no L2', () => { const b = bench(chaseLoop(), { l2: null }); chase(b, 1024); cyclesFor(b, 30_000); return summary(b); }],
  ['chase 64 lines', () => { const b = bench(chaseLoop()); chase(b, 64); cyclesFor(b, 30_000); return summary(b); }],
  ['control flow', () => { const b = bench(control()); cyclesFor(b, 40_000); return summary(b); }],
  ['control flow, small structures', () => { const b = bench(control(), STRESS); cyclesFor(b, 40_000); return summary(b); }],
  ['fp', () => { const b = bench(fp()); cyclesFor(b, 20_000); return summary(b); }],
  ['amo, csr, fences, sub-word', () => { const b = bench(misc()); cyclesFor(b, 30_000); return summary(b); }],
  ['page walks, bare', () => { const b = pageWalk('bare', { l2tlb: null }); cyclesFor(b, 20_000); return summary(b); }],
  ['page walks, sv39', () => { const b = pageWalk('sv39', { l2tlb: null }); cyclesFor(b, 20_000); return summary(b); }],
  ['page walks, sv39, L2 TLB', () => { const b = pageWalk('sv39', {}); cyclesFor(b, 20_000); return summary(b); }],
  ['page walks, two-stage', () => { const b = pageWalk('two-stage', { l2tlb: null }); cyclesFor(b, 20_000); return summary(b); }],
  ['page walks, two-stage, small TLBs', () => {
    const b = pageWalk('two-stage', { itlb: { entries: 2, ways: 2 }, dtlb: { entries: 4, ways: 2 }, l2tlb: { entries: 16, ways: 1 } });
    cyclesFor(b, 20_000);
    return summary(b);
  }],
];

// Recorded from the model as it was before the speed work (see the header comment).
const PINNED: Record<string, string> = {
  "mixed":
    "cycles=312688 t=312688 instret=50000 stack=50000,27998,5427,359,228904,0,0,0,0,0 ev=0,2,3025,1657,0,0,0,1809,0,0,6895,5176,3027,0,0,0,6894,0,0,0",
  "mixed, no L2":
    "cycles=389148 t=389148 instret=50000 stack=50000,27998,5427,299,305424,0,0,0,0,0 ev=0,2,3025,0,0,0,0,1809,0,0,6895,5176,0,0,0,0,6894,0,0,0",
  "mixed, small structures":
    "cycles=457354 t=457354 instret=50000 stack=50000,27604,5313,359,374078,0,0,0,0,0 ev=0,2,3419,3026,0,0,0,1771,0,0,6895,5176,3421,0,0,0,6894,0,0,0",
  "mixed, Konata window":
    "cycles=4211 t=4211 instret=400 stack=400,216,90,359,3146,0,0,0,0,0 ev=0,2,27,29,0,0,0,30,0,0,54,42,29,0,0,0,53,0,0,0 konata=c449aa97",
  "mul/div":
    "cycles=117369 t=117369 instret=20000 stack=20000,97102,27,240,0,0,0,0,0,0 ev=0,2,0,2,0,0,0,9,0,0,2856,0,2,0,0,0,1428,0,0,0",
  "mul/div, mulUnroll 4, divUnroll 2, no early out":
    "cycles=358670 t=358670 instret=20000 stack=20000,338403,27,240,0,0,0,0,0,0 ev=0,2,0,2,0,0,0,9,0,0,2856,0,2,0,0,0,1428,0,0,0",
  "chase 1024 lines":
    "cycles=270544 t=270544 instret=30000 stack=30000,5998,27,120,234399,0,0,0,0,0 ev=0,1,6000,1025,0,0,0,9,0,0,1,11998,6001,0,0,0,5998,0,0,0",
  "chase 1024 lines, no L2":
    "cycles=648124 t=648124 instret=30000 stack=30000,5998,27,100,611999,0,0,0,0,0 ev=0,1,6000,0,0,0,0,9,0,0,1,11998,0,0,0,0,5998,0,0,0",
  "chase 64 lines":
    "cycles=55824 t=55824 instret=30000 stack=30000,17870,27,120,7807,0,0,0,0,0 ev=0,1,64,65,0,0,0,9,0,0,1,11998,65,0,0,0,5998,0,0,0",
  "control flow":
    "cycles=45426 t=45426 instret=40000 stack=40000,0,5186,240,0,0,0,0,0,0 ev=0,2,0,2,0,0,0,1730,0,0,10606,0,2,0,0,0,15437,0,0,0",
  "control flow, small structures":
    "cycles=44889 t=44889 instret=40000 stack=40000,0,4649,240,0,0,0,0,0,0 ev=0,2,0,2,0,0,0,1551,0,0,10606,0,2,0,0,0,15437,0,0,0",
  "fp":
    "cycles=195428 t=195428 instret=20000 stack=20000,175161,27,240,0,0,0,0,0,0 ev=0,2,1,3,0,0,0,9,0,0,2352,4703,3,0,0,0,1175,0,0,0",
  "amo, csr, fences, sub-word":
    "cycles=42402 t=42402 instret=30000 stack=30000,7044,129,1478,3555,0,0,0,0,196 ev=0,58,40,42,0,0,0,43,0,0,3550,17610,98,0,0,0,3522,0,0,0",
  "page walks, bare":
    "cycles=20323 t=20323 instret=20000 stack=20000,0,203,120,0,0,0,0,0,0 ev=0,1,64,65,0,0,0,68,0,0,1,3307,65,0,0,0,3357,0,0,0",
  "page walks, sv39":
    "cycles=57163 t=57163 instret=20000 stack=20000,0,203,120,0,0,36840,0,0,0 ev=0,1,74,75,1,3307,0,68,36840,0,1,13229,75,1,3307,0,3357,3308,0,0",
  "page walks, sv39, L2 TLB":
    "cycles=37732 t=37732 instret=20000 stack=20000,0,203,120,0,9924,7485,0,0,0 ev=0,1,74,75,1,3307,65,68,7485,0,1,3500,75,1,3307,3308,3357,65,0,0",
  "page walks, two-stage":
    "cycles=96322 t=96322 instret=20000 stack=20000,0,203,120,0,0,36189,39810,0,0 ev=0,1,75,76,1,3307,0,68,75999,0,1,26459,76,1,3307,0,3357,3308,0,39810",
  "page walks, two-stage, small TLBs":
    "cycles=106078 t=106078 instret=20000 stack=20000,0,203,120,0,9924,36021,39810,0,0 ev=0,1,75,76,1,3307,3308,68,75831,0,1,26459,76,1,3307,3308,3357,3308,0,39810",
};

describe('timing model: pinned cycle counts (regression guard for speed work)', () => {
  if (process.env.GOLDEN_PRINT) {
    it('prints the current figures', () => {
      const lines = CASES.map(([name, run]) => {
        let got: string;
        try {
          got = run();
        } catch (e) {
          got = `error: ${(e as Error).message}`;
        }
        return `  ${JSON.stringify(name)}:\n    ${JSON.stringify(got)},`;
      });
      console.log(lines.join('\n'));
    });
    return;
  }
  for (const [name, run] of CASES) {
    it(name, () => {
      expect(run()).toBe(PINNED[name]);
    });
  }
});
