/**
 * Validation of the in-order model against analytic expectations (docs/timing.md, "Validation").
 * Each loop is warmed up first, then measured over many iterations; the tolerance says how far the
 * model may be from the formula (loop overhead the formula leaves out, rounding).
 */
import { describe, expect, it } from 'vitest';
import { ROCKET } from '../../src/timing/config.js';
import { Ev } from '../../src/timing/stats.js';
import { Asm, bench, cyclesFor, near, w64 } from './helpers.js';

const T0 = 5, A0 = 10, A1 = 11, A2 = 12, A3 = 13, T1 = 6, T2 = 7;

describe('multiplier: a dependent chain of N multiplies costs N x latency', () => {
  const UNROLL = 16;
  const asm = new Asm()
    .li(A0, 3).li(A1, 0x12345).li(T0, 1000)
    .label('loop');
  for (let i = 0; i < UNROLL; i++) asm.op('mul', { rd: A0, rs1: A0, rs2: A1 });
  asm.op('addi', { rd: T0, rs1: T0, imm: -1 }).to('bne', 'loop', { rs1: T0, rs2: 0 });
  const body = UNROLL + 2;
  const prologue = asm.indexOf('loop');

  it('64-bit MUL: latency = mulOverhead + 64 / mulUnroll (Rocket MulDiv, mulUnroll 8)', () => {
    const b = bench(asm);
    cyclesFor(b, prologue + 10 * body);
    const iters = 200;
    const cycles = cyclesFor(b, iters * body);
    const lat = ROCKET.latency.mulOverhead + 64 / ROCKET.latency.mulUnroll;
    // The addi/bne issue under the last multiply's latency: the formula is exact to 2%.
    expect(near(cycles, iters * UNROLL * lat, 0.02), `${cycles} vs ${iters * UNROLL * lat}`).toBe(true);
  });

  it('the latency follows the config (mulUnroll 4 doubles the iterations)', () => {
    const b = bench(asm, { latency: { mulUnroll: 4 } });
    cyclesFor(b, prologue + 10 * body);
    const cycles = cyclesFor(b, 200 * body);
    const lat = ROCKET.latency.mulOverhead + 64 / 4;
    expect(near(cycles, 200 * UNROLL * lat, 0.02), `${cycles}`).toBe(true);
  });

  it('independent multiplies still wait for the one iterative unit', () => {
    const a = new Asm().li(A1, 7).li(T0, 1000).label('loop');
    for (let i = 0; i < UNROLL; i++) a.op('mul', { rd: 14 + (i % 4), rs1: A1, rs2: A1 });
    a.op('addi', { rd: T0, rs1: T0, imm: -1 }).to('bne', 'loop', { rs1: T0, rs2: 0 });
    const b = bench(a);
    cyclesFor(b, a.indexOf('loop') + 10 * body);
    const cycles = cyclesFor(b, 200 * body);
    const lat = ROCKET.latency.mulOverhead + 64 / ROCKET.latency.mulUnroll;
    expect(near(cycles, 200 * UNROLL * lat, 0.03), `${cycles}`).toBe(true);
  });
});

describe('divider: data-dependent latency (one quotient bit per cycle, leading zeros skipped)', () => {
  function divLoop(dividend: number, divisor: number) {
    const a = new Asm().li(A0, dividend).li(A1, divisor).li(T0, 1000).label('loop');
    for (let i = 0; i < 8; i++) a.op('divu', { rd: A2, rs1: A0, rs2: A1 });
    a.op('addi', { rd: T0, rs1: T0, imm: -1 }).to('bne', 'loop', { rs1: T0, rs2: 0 });
    const b = bench(a);
    cyclesFor(b, a.indexOf('loop') + 10 * 10);
    return cyclesFor(b, 100 * 10) / 800;
  }

  it('a 30-bit quotient costs ~overhead + 30 cycles; a 1-bit quotient ~overhead + 1', () => {
    const big = divLoop(0x7fffffff, 3); // 31-bit dividend / 2-bit divisor: 30 quotient steps
    const small = divLoop(5, 4); // 3 bits / 3 bits: one step
    expect(near(big, ROCKET.latency.divOverhead + 30, 0.05), `${big}`).toBe(true);
    expect(near(small, ROCKET.latency.divOverhead + 1, 0.1), `${small}`).toBe(true);
  });
});

describe('D-cache: a pointer chase over a buffer larger than the L1 costs N x miss latency', () => {
  const BUF = 0x80100000;
  const LINES = 1024; // 64 KiB: four times the 16 KiB L1, well inside the 512 KiB L2

  function chase(over: unknown) {
    const a = new Asm().la(A0, BUF).li(T0, 1 << 20).label('loop')
      .op('ld', { rd: A0, rs1: A0, imm: 0 })
      .op('addi', { rd: T0, rs1: T0, imm: -1 })
      .to('bne', 'loop', { rs1: T0, rs2: 0 });
    const b = bench(a, over);
    // A cyclic chain visiting every line once, in an order that defeats any spatial locality.
    const STEP = 337; // odd, so coprime with 1024: the walk visits every line
    for (let i = 0; i < LINES; i++) w64(b.m, BUF + ((i * STEP) % LINES) * 64, BUF + (((i + 1) * STEP) % LINES) * 64);
    cyclesFor(b, a.indexOf('loop') + 3 * 2 * LINES); // two passes: the L2 now holds the buffer
    const n = 3 * LINES;
    const cycles = cyclesFor(b, 3 * n);
    return { cycles, n, b };
  }

  it('with the L2: each load costs load latency + L2 hit latency', () => {
    const { cycles, n, b } = chase({});
    const expected = n * (ROCKET.latency.load + ROCKET.l2!.hitLatency);
    expect(near(cycles, expected, 0.03), `${cycles} vs ${expected}`).toBe(true);
    expect(b.model.ev[Ev.DCacheMiss]).toBeGreaterThan(0.95 * 5 * LINES);
  });

  it('without an L2: each load costs load latency + memory latency', () => {
    const { cycles, n } = chase({ l2: null });
    const expected = n * (ROCKET.latency.load + ROCKET.memoryLatency);
    expect(near(cycles, expected, 0.03), `${cycles} vs ${expected}`).toBe(true);
  });

  it('a buffer that fits the L1 costs only the load-use latency per hop', () => {
    const a = new Asm().la(A0, BUF).li(T0, 1 << 20).label('loop')
      .op('ld', { rd: A0, rs1: A0, imm: 0 })
      .op('addi', { rd: T0, rs1: T0, imm: -1 })
      .to('bne', 'loop', { rs1: T0, rs2: 0 });
    const b = bench(a);
    for (let i = 0; i < 64; i++) w64(b.m, BUF + i * 64, BUF + ((i + 1) % 64) * 64);
    cyclesFor(b, a.indexOf('loop') + 3 * 200);
    const cycles = cyclesFor(b, 3 * 6400);
    // ld (2-cycle latency) -> addi, bne fill the bubble: 3 cycles per hop.
    expect(near(cycles, 6400 * 3, 0.02), `${cycles}`).toBe(true);
  });
});

describe('branch prediction: a pseudo-random branch pays the mispredict penalty', () => {
  // xorshift64 in a1; the branch tests (a1 & a2): a2 = 1 gives a coin flip, a2 = 0 never branches.
  function run(mask: number) {
    const a = new Asm().li(A1, 0x2545f491).li(A2, mask).li(T0, 1 << 20).label('loop')
      .op('slli', { rd: T1, rs1: A1, imm: 13 }).op('xor', { rd: A1, rs1: A1, rs2: T1 })
      .op('srli', { rd: T1, rs1: A1, imm: 7 }).op('xor', { rd: A1, rs1: A1, rs2: T1 })
      .op('slli', { rd: T1, rs1: A1, imm: 17 }).op('xor', { rd: A1, rs1: A1, rs2: T1 })
      .op('and', { rd: T2, rs1: A1, rs2: A2 })
      .to('beq', 'skip', { rs1: T2, rs2: 0 })
      .op('addi', { rd: A3, rs1: A3, imm: 1 })
      .label('skip')
      .op('addi', { rd: T0, rs1: T0, imm: -1 })
      .to('bne', 'loop', { rs1: T0, rs2: 0 });
    const b = bench(a);
    const ITERS = 4000;
    // Run whole iterations: count them by the loop counter.
    const loops = (n: number) => {
      const before = b.m.hart.getX(T0);
      let insns = 0;
      const c0 = b.m.cycles();
      const i0 = b.m.hart.instret;
      while (before - b.m.hart.getX(T0) < BigInt(n)) b.m.run(1);
      insns = b.m.hart.instret - i0;
      return { cycles: b.m.cycles() - c0, insns };
    };
    b.m.run(a.indexOf('loop'));
    loops(200);
    const m0 = b.model.ev[Ev.Mispredict];
    const r = loops(ITERS);
    return { ...r, mispredicts: b.model.ev[Ev.Mispredict] - m0, iters: ITERS };
  }

  it('the predictable loop has (almost) no mispredicts; the random one about one per two iterations', () => {
    const p = run(0);
    const r = run(1);
    expect(p.mispredicts).toBeLessThan(0.01 * p.iters);
    expect(r.mispredicts / r.iters).toBeGreaterThan(0.35);
    expect(r.mispredicts / r.iters).toBeLessThan(0.65);
    // Every extra cycle is a mispredict penalty or an extra (1-cycle) instruction, to 2%.
    const explained = (r.mispredicts - p.mispredicts) * ROCKET.branch.mispredictPenalty + (r.insns - p.insns);
    expect(near(r.cycles - p.cycles, explained, 0.02), `${r.cycles - p.cycles} vs ${explained}`).toBe(true);
  });
});
