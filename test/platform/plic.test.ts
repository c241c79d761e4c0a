import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Plic, PLIC_NDEV } from '../../src/platform/plic.js';
import { MipBit } from '../../src/platform/irq.js';
import { RecordingSink } from './irq-recorder.js';

const prio = (src: number) => 4 * src;
const pending = (word: number) => 0x1000 + 4 * word;
const enable = (ctx: number, word: number) => 0x2000 + 0x80 * ctx + 4 * word;
const threshold = (ctx: number) => 0x200000 + 0x1000 * ctx;
const claim = (ctx: number) => 0x200000 + 0x1000 * ctx + 4;

function setup() {
  const sink = new RecordingSink();
  const plic = new Plic([sink]);
  return { sink, plic };
}

function enableSrc(plic: Plic, ctx: number, src: number): void {
  const w = src >>> 5;
  plic.write(enable(ctx, w), 4, plic.read(enable(ctx, w), 4) | (1 << (src & 31)));
}

describe('PLIC', () => {
  it('has QEMU virt\'s 96 sources and 3-bit priorities; source 0 does not exist', () => {
    const { plic } = setup();
    expect(PLIC_NDEV).toBe(96);
    plic.write(prio(1), 4, 0xff);
    expect(plic.read(prio(1), 4)).toBe(7);
    plic.write(prio(0), 4, 5);
    expect(plic.read(prio(0), 4)).toBe(0);
    plic.write(prio(97), 4, 5);
    expect(plic.read(prio(97), 4)).toBe(0);
    // Enable bits: bit 0 (source 0) and bits above source 96 are hardwired to 0.
    plic.write(enable(0, 0), 4, 0xffffffff);
    expect(plic.read(enable(0, 0), 4)).toBe(0xfffffffe);
    plic.write(enable(0, 3), 4, 0xffffffff);
    expect(plic.read(enable(0, 3), 4)).toBe(1);
    plic.write(enable(1, 2), 4, 0xffffffff);
    expect(plic.read(enable(1, 2), 4)).toBe(0xffffffff);
    // There are only contexts 0 and 1 for one hart.
    plic.write(enable(2, 0), 4, 0xffffffff);
    expect(plic.read(enable(2, 0), 4)).toBe(0);
    expect(() => plic.setSource(97, true)).toThrow();
    expect(() => plic.setSource(0, true)).toThrow();
  });

  it('shows level-triggered pending bits, read-only', () => {
    const { plic } = setup();
    plic.setSource(10, true);
    plic.setSource(96, true);
    expect(plic.read(pending(0), 4)).toBe(1 << 10);
    expect(plic.read(pending(3), 4)).toBe(1);
    plic.write(pending(0), 4, 0);
    expect(plic.read(pending(0), 4)).toBe(1 << 10);
    plic.setSource(10, false);
    expect(plic.read(pending(0), 4)).toBe(0);
  });

  it('drives MEIP from context 0 and SEIP from context 1, gated by enable, priority and threshold', () => {
    const { plic, sink } = setup();
    plic.setSource(10, true);
    expect(sink.level(MipBit.MEIP)).toBe(false); // priority 0: never interrupts
    plic.write(prio(10), 4, 1);
    expect(sink.level(MipBit.MEIP)).toBe(false); // not enabled
    enableSrc(plic, 1, 10);
    expect(sink.level(MipBit.SEIP)).toBe(true);
    expect(sink.level(MipBit.MEIP)).toBe(false);
    // PLIC spec: only priorities strictly greater than the threshold interrupt.
    plic.write(threshold(1), 4, 1);
    expect(plic.read(threshold(1), 4)).toBe(1);
    expect(sink.level(MipBit.SEIP)).toBe(false);
    expect(plic.read(claim(1), 4)).toBe(0); // masked by the threshold: nothing to claim
    plic.write(threshold(1), 4, 8); // out of range: ignored, as QEMU
    expect(plic.read(threshold(1), 4)).toBe(1);
    plic.write(prio(10), 4, 2);
    expect(sink.level(MipBit.SEIP)).toBe(true);
    enableSrc(plic, 0, 10);
    expect(sink.level(MipBit.MEIP)).toBe(true);
  });

  it('claims the highest priority, ties to the lowest id, and does not re-pend a claimed source', () => {
    const { plic, sink } = setup();
    for (const s of [3, 5, 40, 41]) {
      enableSrc(plic, 1, s);
      plic.setSource(s, true);
    }
    plic.write(prio(3), 4, 2);
    plic.write(prio(5), 4, 6);
    plic.write(prio(40), 4, 6);
    plic.write(prio(41), 4, 7);
    expect(plic.read(claim(1), 4)).toBe(41);
    expect(plic.read(claim(1), 4)).toBe(5);
    expect(plic.read(claim(1), 4)).toBe(40);
    expect(sink.level(MipBit.SEIP)).toBe(true);
    expect(plic.read(claim(1), 4)).toBe(3);
    expect(sink.level(MipBit.SEIP)).toBe(false);
    expect(plic.read(claim(1), 4)).toBe(0);
    // Lines still high, but in service: not pending.
    expect(plic.isPending(41)).toBe(false);
    plic.setSource(41, false);
    plic.setSource(41, true);
    expect(plic.isPending(41)).toBe(false);
    // Completion of a line still high re-pends it (level-triggered gateway).
    plic.write(claim(1), 4, 41);
    expect(plic.isPending(41)).toBe(true);
    expect(sink.level(MipBit.SEIP)).toBe(true);
    expect(plic.read(claim(1), 4)).toBe(41);
    // A line lowered while in service stays quiet after completion.
    plic.setSource(5, false);
    plic.write(claim(1), 4, 5);
    expect(plic.isPending(5)).toBe(false);
  });

  // PLIC spec, "Interrupt Completion": an ID not enabled for the target is silently ignored.
  it('ignores completion from a context the source is not enabled for', () => {
    const { plic } = setup();
    plic.write(prio(7), 4, 1);
    enableSrc(plic, 1, 7);
    plic.setSource(7, true);
    expect(plic.read(claim(1), 4)).toBe(7);
    plic.write(claim(0), 4, 7);
    expect(plic.isPending(7)).toBe(false);
    plic.write(claim(1), 4, 7);
    expect(plic.isPending(7)).toBe(true);
  });

  it('claim matches a reference model for random configurations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 97, maxLength: 97 }),
        fc.array(fc.boolean(), { minLength: 97, maxLength: 97 }),
        fc.array(fc.boolean(), { minLength: 97, maxLength: 97 }),
        fc.integer({ min: 0, max: 7 }),
        (prios, levels, enables, thr) => {
          const { plic, sink } = setup();
          for (let s = 1; s <= 96; s++) {
            plic.write(prio(s), 4, prios[s]);
            if (enables[s]) enableSrc(plic, 0, s);
            if (levels[s]) plic.setSource(s, true);
          }
          plic.write(threshold(0), 4, thr);
          let best = 0;
          for (let s = 1; s <= 96; s++) {
            if (levels[s] && enables[s] && prios[s] > thr && (best === 0 || prios[s] > prios[best])) best = s;
          }
          expect(sink.level(MipBit.MEIP)).toBe(best !== 0);
          expect(plic.read(claim(0), 4)).toBe(best);
        },
      ),
    );
  });

  it('ignores non-32-bit accesses and snapshots round-trip', () => {
    const { plic } = setup();
    plic.write(prio(2), 1, 3);
    expect(plic.read(prio(2), 4)).toBe(0);
    plic.write(prio(2), 4, 3);
    enableSrc(plic, 0, 2);
    plic.setSource(2, true);
    const state = JSON.parse(JSON.stringify(plic.getState()));
    const b = setup();
    b.plic.setState(state);
    expect(b.sink.level(MipBit.MEIP)).toBe(true);
    expect(b.plic.read(claim(0), 4)).toBe(2);
  });
});
