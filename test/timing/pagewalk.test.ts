/**
 * The page-walk cost made visible: the same loop touching more pages than the DTLB holds, run in
 * M-mode (Bare, privileged spec 3.1.6.3: M-mode is never translated) and in S-mode under Sv39
 * (12.4), over the same physical lines. With no L2 TLB every load misses the 32-entry DTLB
 * (64 pages visited round-robin defeat LRU) and walks three levels (12.3.2), each PTE read a
 * D-cache access that hits once the loop is warm. Under two-stage translation (H extension,
 * privileged spec 19.5: VS-stage Sv39 over G-stage Sv39x4) each of the three VS-stage PTE addresses
 * and the final guest-physical address go through a G-stage walk too.
 */
import { describe, expect, it } from 'vitest';
import { Priv } from '../../src/rv64/hart.js';
import { ROCKET } from '../../src/timing/config.js';
import { Ev, Stack } from '../../src/timing/stats.js';
import { A, D, R, SATP, U, V, W, X, csrWrite, openPmp, pte, ppnOf, satp, w64 } from '../privileged/helpers.js';
import { Asm, type Bench, bench, cyclesFor, near } from './helpers.js';

const VSATP = 0x280;
const HGATP = 0x680;

const ROOT = 0x80200000;
const L1 = 0x80201000;
const L0 = 0x80202000;
const DATA = 0x80300000;
// VPN[2] = 1, VPN[1] = 9: the PTEs a walk reads spread over D-cache sets 0 and 1 (with the data
// lines of pages 0 and 1, and the G-stage root) without overflowing their four ways.
const VBASE = 0x40000000 + (9 << 21);
const PAGES = 64;
const STRIDE = 4096 + 64; // a new page and a new cache set every load

function pageLoop(base: number) {
  const a = new Asm()
    .la(10, base)
    .label('outer')
    .op('addi', { rd: 6, rs1: 10, imm: 0 })
    .op('addi', { rd: 7, rs1: 0, imm: PAGES })
    .label('inner')
    .op('ld', { rd: 28, rs1: 6, imm: 0 })
    .li(29, STRIDE)
    .op('add', { rd: 6, rs1: 6, rs2: 29 })
    .op('addi', { rd: 7, rs1: 7, imm: -1 })
    .to('bne', 'inner', { rs1: 7, rs2: 0 })
    .to('jal', 'outer', { rd: 0 });
  return a;
}

/** Cycles per load over `passes` warm passes, plus the bench for its counters. */
const GROOT = 0x80210000; // Sv39x4's root table is 16 KiB, 16 KiB aligned

/** G-stage (Sv39x4) identity map of the 1 GiB at 0x80000000 with one level-2 leaf (U set: 19.5.1). */
function gStage(m: Bench['m']): void {
  w64(m, BigInt(GROOT + 2 * 8), pte(ppnOf(0x80000000n), R | W | X | U | A | D | V));
}

type Mode = 'bare' | 'sv39' | 'two-stage';

function measure(mode: Mode) {
  const sv39 = mode !== 'bare';
  const a = pageLoop(sv39 ? VBASE : DATA);
  const b = bench(a, { l2tlb: null, dtlb: { entries: 32, ways: 32 } }, 16 << 20, 'rv64imafdch_zicsr_zifencei');
  if (sv39) {
    const m = b.m;
    openPmp(m);
    // Code: a 1 GiB identity leaf over RAM (VPN[2] = 2). Data: 4 KiB pages at VBASE.
    w64(m, BigInt(ROOT + 2 * 8), pte(ppnOf(0x80000000n), R | W | X | A | D | V));
    w64(m, BigInt(ROOT + 1 * 8), pte(ppnOf(BigInt(L1)), V));
    w64(m, BigInt(L1 + 9 * 8), pte(ppnOf(BigInt(L0)), V));
    for (let i = 0; i < PAGES + 1; i++) w64(m, BigInt(L0 + i * 8), pte(ppnOf(BigInt(DATA + i * 4096)), R | W | A | D | V));
    if (mode === 'sv39') {
      csrWrite(m, SATP, satp(8n, BigInt(ROOT)));
    } else {
      gStage(m);
      csrWrite(m, VSATP, satp(8n, BigInt(ROOT)));
      csrWrite(m, HGATP, satp(8n, BigInt(GROOT)));
      m.hart.virt = 1;
    }
    m.hart.priv = Priv.S;
  }
  const perPass = 2 + PAGES * (4 + 2) + 1; // outer setup, inner body (li is lui+addiw), the jal
  cyclesFor(b, a.indexOf('outer') + 3 * perPass);
  const walks0 = b.model.ev[Ev.Walks];
  const passes = 20;
  const cycles = cyclesFor(b, passes * perPass);
  return {
    perLoad: cycles / (passes * PAGES),
    walks: b.model.ev[Ev.Walks] - walks0,
    loads: passes * PAGES,
    gCycles: b.model.cpiStack()[Stack.WalkG],
  };
}

describe('page walks: bare vs Sv39', () => {
  it('every load walks three levels under Sv39; the difference is 3 x (PTE load + walker step)', () => {
    const bare = measure('bare');
    const sv = measure('sv39');
    expect(bare.walks).toBe(0);
    expect(sv.walks).toBe(sv.loads);
    const walk = 3 * (ROCKET.latency.load + ROCKET.ptwPerLevel);
    expect(near(sv.perLoad - bare.perLoad, walk, 0.05), `${sv.perLoad} - ${bare.perLoad} vs ${walk}`).toBe(true);
    expect(sv.gCycles).toBe(0);
  });

  it('two-stage: each VS-stage PTE read and the final address add a G-stage walk (19.5)', () => {
    const sv = measure('sv39');
    const two = measure('two-stage');
    expect(two.walks).toBe(two.loads);
    // Three VS-stage PTE addresses plus the final guest-physical address, each a one-level G-stage
    // walk (a 1 GiB leaf): four more PTE reads per load than Sv39 alone.
    const extra = 4 * (ROCKET.latency.load + ROCKET.ptwPerLevel);
    expect(near(two.perLoad - sv.perLoad, extra, 0.05), `${two.perLoad} - ${sv.perLoad} vs ${extra}`).toBe(true);
    expect(two.gCycles).toBeGreaterThan(0);
  });
});
