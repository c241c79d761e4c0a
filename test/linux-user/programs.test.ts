/**
 * Our static Linux programs (programs/linux, built by scripts/build-linux-user.sh) give the same
 * stdout, byte for byte, and the same exit code on rvsim and on Debian's qemu-riscv64.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from '../tools.js';
import { ROOT } from '../helpers/cli.js';
import { onQemu, onRvsim, type Run } from './run.js';

const README = readFileSync(join(ROOT, 'README.md'));

function same(r: Run, q: Run): void {
  expect(r.stderr).toBe('');
  expect(q.signal).toBeNull();
  expect(r.stdout.toString('utf8')).toBe(q.stdout.toString('utf8'));
  expect(Buffer.compare(r.stdout, q.stdout)).toBe(0);
  expect(r.code).toBe(q.code);
}

describe.runIf(requireTool('qemu-riscv64', 'qemu-user'))('Linux programs: rvsim vs qemu-riscv64', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'rvsim-linux-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('floats: printf of doubles in every format, libm results', () => {
    const r = onRvsim('floats', []);
    same(r, onQemu('floats', []));
    expect(r.stdout.toString()).toContain('3.141593');
  });

  it('malloc: brk and mmap heaps, realloc through mremap', () => {
    const r = onRvsim('malloc', []);
    same(r, onQemu('malloc', []));
    expect(r.stdout.toString()).toMatch(/^checksum [0-9a-f]{16} /);
  });

  it('qsort: integers, doubles and strings, with a count from argv', () => {
    for (const args of [[], ['777']]) same(onRvsim('qsort', args), onQemu('qsort', args));
    const bad = onRvsim('qsort', ['zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('qsort: bad count zero\n');
  });

  it('strings: string functions and a word count of stdin', () => {
    const r = onRvsim('strings', [], { stdin: README });
    same(r, onQemu('strings', [], { stdin: README }));
    expect(r.stdout.toString()).toContain(`${README.length} chars`);
  });

  it('args: argv (after --, verbatim) and the environment; the exit code is argc', () => {
    const args = ['one', '-x', '--stats', '007', 'with space', ''];
    const env = { HOME: '/nowhere', GREETING: 'hi there' };
    const r = onRvsim('args', args, { env });
    const q = onQemu('args', args, { env });
    // QEMU's linux-user hands the environment over in reverse order (its envlist prepends); Linux
    // keeps the order, and so does rvsim. The same lines, then, in the order the host gave them.
    const split = (b: Buffer) => {
      const l = b.toString().split('\n');
      return { argv: l.filter((x) => !x.startsWith('env ')), env: l.filter((x) => x.startsWith('env ')) };
    };
    expect(split(r.stdout).argv).toEqual(split(q.stdout).argv);
    expect(split(r.stdout).env).toEqual([...split(q.stdout).env].reverse());
    expect(split(r.stdout).env).toEqual(['env LANG=C', 'env TZ=UTC', 'env HOME=/nowhere', 'env GREETING=hi there']);
    expect(r.code).toBe(q.code);
    expect(r.code).toBe(7);
    expect(r.stdout.toString()).toContain('argv[4] = "007"\n');
  });

  it('fileio: files in a temporary directory (argv[1])', () => {
    const a = join(tmp, 'rvsim');
    const b = join(tmp, 'qemu');
    for (const d of [a, b]) rmSync(d, { recursive: true, force: true });
    mkdirSync(a);
    mkdirSync(b);
    const r = onRvsim('fileio', [a]);
    const q = onQemu('fileio', [b]);
    same(r, q);
    expect(r.stdout.toString()).toContain('missing: No such file or directory\n');
    expect(r.stdout.toString()).toContain('exe: fileio\n');
  });

  it('pie: a static-pie (ET_DYN) without libc, reading the auxiliary vector', () => {
    const r = onRvsim('pie', ['a', 'b']);
    same(r, onQemu('pie', ['a', 'b']));
    expect(r.code).toBe(43);
  });
});
