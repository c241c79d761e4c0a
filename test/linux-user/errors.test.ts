/**
 * Linux programs on rvsim alone: the choices rvsim makes where QEMU is no oracle (unsupported
 * system calls, fatal signals, bad input) and determinism.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lines } from '../helpers/cli.js';
import { onRvsim, PROGRAMS } from './run.js';

const tmp = mkdtempSync(join(tmpdir(), 'rvsim-linux-err-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('rvsim run on Linux programs', () => {
  it('answers an unsupported system call -ENOSYS, with one warning line per call number', () => {
    const r = onRvsim('unsupported', []);
    expect(r.stdout.toString()).toBe('pipe2: -1 (Function not implemented)\nagain: -1\n');
    expect(r.code).toBe(7);
    const l = lines(r.stderr);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatch(/^rvsim: warning: unsupported Linux system call 59 \(pipe2\) at pc 0x[0-9a-f]+: returning -ENOSYS$/);
  });

  it('ends a program that stores outside its memory as SIGSEGV does: one line, exit 139', () => {
    const r = onRvsim('segv', []);
    expect(r.stdout.toString()).toBe('before\n');
    expect(r.code).toBe(139);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^rvsim: the program was killed by signal 11 \(SIGSEGV\): a store at 0x1234 outside the program's memory \(pc 0x[0-9a-f]+\)$/),
    ]);
  });

  it('reports a missing program in one line', () => {
    const r = onRvsim(join(tmp, 'nope'), []);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`rvsim: ${join(tmp, 'nope')}: no such file`]);
  });

  it('refuses a dynamically linked program in one line', () => {
    // The args program with a PT_INTERP: its PT_GNU_STACK header (type 0x6474e551) retyped.
    const b = new Uint8Array(readFileSync(join(PROGRAMS, 'args')));
    const dv = new DataView(b.buffer);
    const phoff = Number(dv.getBigUint64(32, true));
    let patched = false;
    for (let i = 0; i < dv.getUint16(56, true); i++) {
      if (dv.getUint32(phoff + 56 * i, true) === 0x6474e551) {
        dv.setUint32(phoff + 56 * i, 3, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    const f = join(tmp, 'dyn');
    writeFileSync(f, b);
    const r = onRvsim(f, []);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `rvsim: ${f}: a dynamically linked program (it names an interpreter); rvsim runs static Linux programs (link with -static)`,
    ]);
  });

  it('says so in one line when the program needs more RAM than --mem gives', () => {
    const r = onRvsim('malloc', [], { rvsimOpts: ['--mem', '4M'] });
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([
      "rvsim: the program needs more memory than the simulated machine's 4 MiB of RAM; try a larger --mem",
    ]);
  });

  it('is deterministic: the same output and instruction count on every run', () => {
    const stats = [join(tmp, 's1.json'), join(tmp, 's2.json')];
    const runs = stats.map((s) => onRvsim('malloc', [], { rvsimOpts: ['--stats-json', s] }));
    expect(runs[0].stdout.toString()).toBe(runs[1].stdout.toString());
    const n = stats.map((s) => JSON.parse(readFileSync(s, 'utf8')).instructions as number);
    expect(n[0]).toBeGreaterThan(1_000_000);
    expect(n[0]).toBe(n[1]);
  });

  it('runs under the in-order timing model with the same output', () => {
    const plain = onRvsim('floats', []);
    const timed = onRvsim('floats', [], { rvsimOpts: ['--timing', 'inorder'] });
    expect(timed.code).toBe(0);
    expect(timed.stdout.toString()).toBe(plain.stdout.toString());
  });
});
