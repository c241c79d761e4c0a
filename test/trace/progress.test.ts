/** The progress line (src/cli/progress.ts): TTY only, after the delay, never inside guest lines. */
import { afterEach, describe, expect, test } from 'vitest';
import { afterGuestOutput, beforeGuestOutput, guestWrite, startProgress } from '../../src/cli/progress.js';

class FakeTty {
  out = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 100,
  ) {}
  write(s: string | Uint8Array): boolean {
    this.out += typeof s === 'string' ? s : Buffer.from(s).toString('latin1');
    return true;
  }
}

const CLEAR = '\r\x1b[K';
let clock = 0;
const now = (): number => clock;
let instret = 0;
const sample = () => ({ instret, simSeconds: instret / 1e9 });

afterEach(() => {
  // Leave no active line behind for the next test.
  startProgress(sample, { stream: new FakeTty(true), now })?.stop();
  clock = 0;
  instret = 0;
});

describe('progress line', () => {
  test('never on a stream that is not a TTY', () => {
    const s = new FakeTty(false);
    expect(startProgress(sample, { stream: s, now })).toBeNull();
    beforeGuestOutput();
    afterGuestOutput('x\n');
    expect(s.out).toBe('');
  });

  test('drawn only after the delay, redrawn at most every interval, with instructions, MIPS and simulated time', () => {
    const s = new FakeTty(true);
    const p = startProgress(sample, { stream: s, now, delayMs: 2000, intervalMs: 250 })!;
    clock = 1999;
    instret = 10_000_000;
    p.tick();
    expect(s.out).toBe('');
    clock = 2000;
    instret = 50_000_000;
    p.tick();
    expect(s.out).toBe(`${CLEAR}rvsim: 50.00 M instructions  25.0 MIPS  simulated 0.050 s`);
    clock = 2100;
    p.tick();
    expect(s.out.split(CLEAR)).toHaveLength(2);
    clock = 2250;
    p.tick();
    expect(s.out.split(CLEAR)).toHaveLength(3);
    p.stop();
    expect(s.out.endsWith(CLEAR)).toBe(true);
    clock = 5000;
    p.tick();
    expect(s.out.endsWith(CLEAR)).toBe(true);
  });

  test('guest output: the line is erased first, and redrawn only once the guest ends a line', () => {
    const tty = new FakeTty(true);
    const stdout = { write: (b: string | Uint8Array) => tty.write(b) };
    const p = startProgress(sample, { stream: tty, now, delayMs: 0, intervalMs: 0 })!;
    instret = 1234;
    p.tick();
    const line = `${CLEAR}rvsim: 1.2 k instructions`;
    expect(tty.out.startsWith(line)).toBe(true);
    tty.out = '';
    // A prompt without a newline: erased before it, not redrawn after it (it would split the line).
    guestWrite(stdout, '$ ');
    expect(tty.out).toBe(`${CLEAR}$ `);
    p.tick();
    expect(tty.out).toBe(`${CLEAR}$ `);
    // The guest finishes its line: the progress line comes back, on a line of its own.
    guestWrite(stdout, Uint8Array.from([0x6f, 0x6b, 0x0a]));
    expect(tty.out.startsWith(`${CLEAR}$ ok\n${CLEAR}rvsim: `)).toBe(true);
    // Every guest write is preceded by an erase of the drawn line.
    tty.out = '';
    guestWrite(stdout, 'more\n');
    expect(tty.out.startsWith(`${CLEAR}more\n`)).toBe(true);
  });

  test('the line is cut to the terminal width', () => {
    const s = new FakeTty(true, 20);
    const p = startProgress(sample, { stream: s, now, delayMs: 0 })!;
    p.tick();
    expect(s.out).toBe(`${CLEAR}rvsim: 0 instructio`);
  });
});
