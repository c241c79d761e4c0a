import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clint } from '../../src/platform/clint.js';
import { MipBit } from '../../src/platform/irq.js';
import { FakeTime, RecordingSink } from './irq-recorder.js';

const MSIP = 0x0;
const MTIMECMP = 0x4000;
const MTIME = 0xbff8;

function setup(harts = 1) {
  const time = new FakeTime();
  const sinks = Array.from({ length: harts }, () => new RecordingSink());
  const clint = new Clint(time, sinks);
  return { time, sinks, clint, sink: sinks[0] };
}

/** A 64-bit register write as the bus does it: low word first. */
function write64(clint: Clint, off: number, lo: number, hi: number): void {
  clint.write(off, 4, lo);
  clint.write(off + 4, 4, hi);
}

describe('CLINT', () => {
  it('mtime follows the time source and resets mtimecmp to all-ones (no timer interrupt)', () => {
    const { time, clint, sink } = setup();
    time.t = 12345;
    expect(clint.read(MTIME, 4)).toBe(12345);
    expect(clint.read(MTIME + 4, 4)).toBe(0);
    expect(clint.read(MTIMECMP, 4)).toBe(0xffffffff);
    expect(clint.read(MTIMECMP + 4, 4)).toBe(0xffffffff);
    clint.update();
    expect(sink.level(MipBit.MTIP)).toBe(false);
    time.t = 2 ** 40 + 7;
    expect(clint.read(MTIME, 4)).toBe(7);
    expect(clint.read(MTIME + 4, 4)).toBe(2 ** 8);
  });

  // Privileged spec §3.2.1: MTIP is pending while mtime >= mtimecmp (unsigned comparison).
  it('raises MTIP exactly when mtime reaches mtimecmp, and a later mtimecmp write lowers it', () => {
    const { time, clint, sink } = setup();
    write64(clint, MTIMECMP, 1000, 0);
    expect(clint.nextEventTime()).toBe(1000);
    time.t = 999;
    clint.update();
    expect(sink.level(MipBit.MTIP)).toBe(false);
    time.t = 1000;
    clint.update();
    expect(sink.level(MipBit.MTIP)).toBe(true);
    expect(clint.nextEventTime()).toBe(Infinity);
    write64(clint, MTIMECMP, 5000, 0);
    expect(sink.level(MipBit.MTIP)).toBe(false);
    expect(clint.nextEventTime()).toBe(5000);
    // Disabling the timer as OpenSBI does: all-ones.
    write64(clint, MTIMECMP, 0xffffffff, 0xffffffff);
    expect(clint.nextEventTime()).toBe(Infinity);
  });

  it('compares all 64 bits (a high word decides)', () => {
    const { time, clint, sink } = setup();
    time.t = 0x1_0000_0000 + 5; // mtime hi = 1, lo = 5
    write64(clint, MTIMECMP, 0x10, 0); // lo 0x10 > 5, but hi 0 < 1: already due
    expect(sink.level(MipBit.MTIP)).toBe(true);
    write64(clint, MTIMECMP, 0, 2);
    expect(sink.level(MipBit.MTIP)).toBe(false);
    expect(clint.nextEventTime()).toBe(2 * 2 ** 32);
  });

  it('only reports level changes to the sink', () => {
    const { time, clint, sink } = setup();
    write64(clint, MTIMECMP, 10, 0);
    time.t = 20;
    clint.update();
    clint.update();
    clint.tick(20);
    expect(sink.calls.filter(([b]) => b === MipBit.MTIP)).toEqual([[MipBit.MTIP, true]]);
  });

  it('mtime writes set an offset from the time source', () => {
    const { time, clint, sink } = setup();
    time.t = 100;
    write64(clint, MTIME, 1_000_000, 0);
    expect(clint.read(MTIME, 4)).toBe(1_000_000);
    time.t = 150;
    expect(clint.read(MTIME, 4)).toBe(1_000_050);
    write64(clint, MTIMECMP, 1_000_100, 0);
    // nextEventTime is in time-source units: mtime reaches 1_000_100 when now() = 200.
    expect(clint.nextEventTime()).toBe(200);
    time.t = 200;
    clint.update();
    expect(sink.level(MipBit.MTIP)).toBe(true);
    // Going backwards: mtime below now().
    write64(clint, MTIME, 3, 0);
    expect(clint.read(MTIME, 4)).toBe(3);
    expect(clint.read(MTIME + 4, 4)).toBe(0);
    const d = new Int32Array(2);
    time.t = 210;
    clint.readMtime(d);
    expect([d[0], d[1]]).toEqual([13, 0]);
  });

  it('mtime wraps modulo 2^64', () => {
    const { time, clint } = setup();
    write64(clint, MTIME, 0xfffffffe, 0xffffffff);
    time.t = 3;
    expect(clint.read(MTIME, 4)).toBe(1);
    expect(clint.read(MTIME + 4, 4)).toBe(0);
  });

  it('nextEventTime matches a BigInt model for random registers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.integer({ min: 0, max: 2 ** 50 }),
        (mtimeSet, cmp, now) => {
          const { time, clint, sink } = setup();
          write64(clint, MTIME, Number(mtimeSet & 0xffffffffn), Number(mtimeSet >> 32n));
          time.t = now;
          write64(clint, MTIMECMP, Number(cmp & 0xffffffffn), Number(cmp >> 32n));
          const mtime = (mtimeSet + BigInt(now)) & (2n ** 64n - 1n);
          expect(BigInt(clint.read(MTIME, 4)) | (BigInt(clint.read(MTIME + 4, 4)) << 32n)).toBe(mtime);
          expect(sink.level(MipBit.MTIP)).toBe(mtime >= cmp);
          const next = clint.nextEventTime();
          if (mtime >= cmp) {
            expect(next).toBe(Infinity);
          } else {
            const at = BigInt(now) + (cmp - mtime);
            expect(next).toBe(at < BigInt(Number.MAX_SAFE_INTEGER) ? Number(at) : Infinity);
          }
        },
      ),
    );
  });

  it('msip drives MSIP of its own hart; only bit 0 is writable', () => {
    const { clint, sinks } = setup(2);
    clint.write(MSIP + 4, 4, 0xffffffff);
    expect(clint.read(MSIP + 4, 4)).toBe(1);
    expect(sinks[1].level(MipBit.MSIP)).toBe(true);
    expect(sinks[0].level(MipBit.MSIP)).toBe(false);
    clint.write(MSIP + 4, 4, 2);
    expect(sinks[1].level(MipBit.MSIP)).toBe(false);
    // hart 1's mtimecmp is at 0x4008
    clint.write(MTIMECMP + 8, 4, 0);
    clint.write(MTIMECMP + 12, 4, 0);
    expect(sinks[1].level(MipBit.MTIP)).toBe(true);
    expect(sinks[0].level(MipBit.MTIP)).toBe(false);
  });

  it('ignores narrower-than-32-bit accesses (QEMU accepts only 32/64-bit)', () => {
    const { clint, sink } = setup();
    clint.write(MSIP, 1, 1);
    expect(sink.level(MipBit.MSIP)).toBe(false);
    expect(clint.read(MTIMECMP, 2)).toBe(0);
  });

  it('snapshots round-trip and re-drive the interrupt lines', () => {
    const a = setup();
    a.time.t = 50;
    write64(a.clint, MTIME, 1000, 0);
    write64(a.clint, MTIMECMP, 2000, 0);
    a.clint.write(MSIP, 4, 1);
    const state = JSON.parse(JSON.stringify(a.clint.getState()));
    const b = setup();
    b.time.t = 50;
    b.clint.setState(state);
    expect(b.clint.read(MTIME, 4)).toBe(1000);
    expect(b.clint.read(MTIMECMP, 4)).toBe(2000);
    expect(b.sink.level(MipBit.MSIP)).toBe(true);
    expect(b.clint.nextEventTime()).toBe(1050);
    expect(() => setup(2).clint.setState(state)).toThrow(/snapshot/);
  });
});
