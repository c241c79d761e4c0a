/**
 * The timing model's plumbing: determinism, the CPI stack adding up, mcycle/time/hpm counters
 * driven by modelled cycles (privileged spec 3.1.11 and 3.1.10), the Konata trace format, and the
 * typed config rejecting bad overrides.
 */
import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../src/timing/config.js';
import { KonataWriter, STAGES } from '../../src/timing/konata.js';
import { Ev, Stack } from '../../src/timing/stats.js';
import { CYCLES_PER_TICK, Machine } from '../../src/machine.js';
import { csrRead, csrWrite } from '../privileged/helpers.js';
import { Asm, bench, cyclesFor, w64 } from './helpers.js';

const BUF = 0x80100000;

/** A loop mixing loads that miss, multiplies, divides and a data-dependent branch. */
function mixed(): Asm {
  return new Asm().la(10, BUF).li(11, 0x2545f491).li(5, 1 << 20).label('loop')
    .op('slli', { rd: 6, rs1: 11, imm: 13 }).op('xor', { rd: 11, rs1: 11, rs2: 6 })
    .op('srli', { rd: 6, rs1: 11, imm: 7 }).op('xor', { rd: 11, rs1: 11, rs2: 6 })
    .op('andi', { rd: 7, rs1: 11, imm: 0x7ff })
    .op('slli', { rd: 7, rs1: 7, imm: 6 }) // one of 2048 lines: 128 KiB, eight times the L1
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

describe('determinism and accounting', () => {
  it('the same program twice gives the same cycle count', () => {
    const a = bench(mixed());
    const b = bench(mixed());
    expect(cyclesFor(a, 50_000)).toBe(cyclesFor(b, 50_000));
    expect(Array.from(a.model.ev)).toEqual(Array.from(b.model.ev));
  });

  it('the CPI stack sums to the modelled cycles, and base counts one per instruction', () => {
    const b = bench(mixed());
    cyclesFor(b, 50_000);
    const stack = b.model.cpiStack();
    const sum = stack.reduce((s, v) => s + v, 0);
    expect(sum).toBe(b.model.cycles);
    expect(stack[Stack.Base]).toBe(50_000);
    expect(b.model.stack[Stack.DCache]).toBeGreaterThan(0);
    expect(b.model.stack[Stack.Branch]).toBeGreaterThan(0);
    expect(b.model.stack[Stack.Hazard]).toBeGreaterThan(0);
  });

  it('the model never changes architectural results', () => {
    const plain = new Machine({ memSize: 8 << 20, isa: 'rv64imafdc_zicsr_zifencei' });
    const timed = bench(mixed());
    const words = mixed().words();
    const bytes = new Uint8Array(words.length * 4);
    words.forEach((w, i) => new DataView(bytes.buffer).setUint32(i * 4, w >>> 0, true));
    plain.mmu.writePhys(0x80000000, bytes);
    plain.hart.pc = 0x80000000n;
    plain.run(30_000);
    timed.m.run(30_000);
    expect(Array.from(timed.m.hart.x)).toEqual(Array.from(plain.hart.x));
    expect(timed.m.mmu.readPhys(BUF, 0x20000)).toEqual(plain.mmu.readPhys(BUF, 0x20000));
  });
});

describe('counters driven by the model', () => {
  it('mcycle reads the modelled cycles and time advances one tick per 100 cycles (3.1.11)', () => {
    const b = bench(mixed());
    cyclesFor(b, 20_000);
    const cycles = b.m.cycles();
    expect(cycles).toBeGreaterThan(20_000);
    expect(csrRead(b.m, 0xb00)).toBe(BigInt(cycles));
    expect(csrRead(b.m, 0xc01)).toBe(BigInt(Math.floor(cycles / CYCLES_PER_TICK)));
    expect(csrRead(b.m, 0xb02)).toBe(20_000n);
  });

  it('mhpmcounter3 counts the event mhpmevent3 selects; a write sets it (3.1.10)', () => {
    const b = bench(mixed());
    for (let i = 0; i < 256; i++) w64(b.m, BUF + i * 64, i);
    csrWrite(b.m, 0x323, BigInt(Ev.DCacheMiss));
    csrWrite(b.m, 0x324, BigInt(Ev.Mispredict));
    expect(csrRead(b.m, 0x323)).toBe(BigInt(Ev.DCacheMiss));
    cyclesFor(b, 20_000);
    expect(csrRead(b.m, 0xb03)).toBe(BigInt(b.model.ev[Ev.DCacheMiss]));
    expect(csrRead(b.m, 0xb04)).toBe(BigInt(b.model.ev[Ev.Mispredict]));
    expect(b.model.ev[Ev.Mispredict]).toBeGreaterThan(0);
    csrWrite(b.m, 0xb03, 1000n);
    expect(csrRead(b.m, 0xb03)).toBe(1000n);
    // Unknown selectors read back as 0 (WARL) and count nothing.
    csrWrite(b.m, 0x325, 12345n);
    expect(csrRead(b.m, 0x325)).toBe(0n);
    expect(csrRead(b.m, 0xb05)).toBe(0n);
  });

  it('without a timing model the hpm counters stay read-only zero', () => {
    const m = new Machine({ memSize: 1 << 20 });
    csrWrite(m, 0x323, 2n);
    csrWrite(m, 0xb03, 77n);
    expect(csrRead(m, 0x323)).toBe(0n);
    expect(csrRead(m, 0xb03)).toBe(0n);
  });
});

describe('Konata pipeline trace', () => {
  it('writes a Kanata 0004 log: every instruction created, labelled, through F D X M W in cycle order, retired', () => {
    const b = bench(mixed());
    const pv = new KonataWriter('/dev/null', 100, 50);
    b.model.pipeview = pv;
    cyclesFor(b, 400);
    const lines = pv.render().trimEnd().split('\n');
    expect(lines[0]).toBe('Kanata\t0004');
    expect(lines[1]).toMatch(/^C=\t\d+$/);
    let cycle = Number(lines[1].split('\t')[1]);
    const stage = new Map<number, number>();
    const started = new Map<number, number[]>();
    const retired = new Set<number>();
    for (const l of lines.slice(2)) {
      const f = l.split('\t');
      switch (f[0]) {
        case 'C':
          expect(Number(f[1])).toBeGreaterThan(0);
          cycle += Number(f[1]);
          break;
        case 'I':
          expect(f).toHaveLength(4);
          stage.set(Number(f[1]), -1);
          started.set(Number(f[1]), []);
          break;
        case 'L':
          expect(stage.has(Number(f[1]))).toBe(true);
          expect(f[2]).toBe('0');
          expect(f[3]).toMatch(/^[0-9a-f]{16}: \S+/);
          break;
        case 'S': {
          const id = Number(f[1]);
          const next = stage.get(id)! + 1;
          expect(f[3]).toBe(STAGES[next]);
          stage.set(id, next);
          started.get(id)!.push(cycle);
          break;
        }
        case 'E':
          expect(STAGES).toContain(f[3]);
          break;
        case 'R':
          expect(stage.get(Number(f[1]))).toBe(STAGES.length - 1);
          retired.add(Number(f[1]));
          break;
        default:
          throw new Error(`unknown command ${l}`);
      }
    }
    expect(stage.size).toBe(50);
    expect(retired.size).toBe(50);
    // In order: each instruction enters X after the one before it.
    for (let id = 1; id < 50; id++) expect(started.get(id)![2]).toBeGreaterThan(started.get(id - 1)![2]);
  });
});

describe('config', () => {
  it('overrides merge into the defaults; unknown keys and wrong types are host errors', () => {
    expect(makeConfig({ latency: { load: 3 } }).latency.load).toBe(3);
    expect(makeConfig({ l2: null }).l2).toBeNull();
    expect(() => makeConfig({ latncy: {} })).toThrow(/latncy: unknown parameter/);
    expect(() => makeConfig({ latency: { load: 'x' } })).toThrow(/expected a number/);
    expect(() => makeConfig({ dcache: { ways: 3 } })).toThrow(/power of two/);
  });
});
