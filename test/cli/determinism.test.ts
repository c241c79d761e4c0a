/**
 * Determinism: simulated behaviour never depends on the wall clock or the host, so the same ELF
 * run twice gives the same output, the same instruction count and the same instruction stream.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distBuilt, rvsim } from '../helpers/cli.js';

let tmp = '';

beforeAll(() => {
  if (!distBuilt()) throw new Error('dist/ is missing: run `npm run build` (or use the globalSetup test/helpers/build-dist.ts)');
  tmp = mkdtempSync(join(tmpdir(), 'rvsim-det-'));
});

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

/** One run of `file` with --stats-json: its stdout, exit code and instruction count. */
async function runWithStats(file: string, tag: string, extra: string[] = []) {
  const json = join(tmp, `${tag}.json`);
  const r = await rvsim(['run', '--stats-json', json, ...extra, file]);
  const stats = JSON.parse(readFileSync(json, 'utf8')) as { instructions: number; exitCode: number | null };
  return { code: r.code, stdout: r.stdout, stderr: r.stderr, instructions: stats.instructions, exitCode: stats.exitCode };
}

describe('the same ELF run twice', () => {
  test('hello.elf: identical stdout, exit code and instruction count', async () => {
    const [a, b] = await Promise.all([
      runWithStats('programs/build/hello.elf', 'hello-a'),
      runWithStats('programs/build/hello.elf', 'hello-b'),
    ]);
    expect(a.code).toBe(0);
    expect(a.exitCode).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(a.instructions).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.instructions).toBe(a.instructions);
    expect(b.code).toBe(a.code);
  });

  test('a riscv-test: identical instruction count', async () => {
    const file = 'riscv-tests/build/rv64ua-p-lrsc';
    const [a, b] = await Promise.all([runWithStats(file, 'lrsc-a'), runWithStats(file, 'lrsc-b')]);
    expect(a.exitCode).toBe(0);
    expect(b.instructions).toBe(a.instructions);
  });

  test('the sort benchmark: identical trace of its first 5000 instructions', async () => {
    const args = ['run', '--trace', '--max-insns', '5000', 'programs/build/bench/sort.elf'];
    const [a, b] = await Promise.all([rvsim(args), rvsim(args)]);
    expect(a.code).toBe(124);
    const traced = a.stderr.split('\n').filter((l) => /^[MSU] [0-9a-f]{16} /.test(l));
    expect(traced).toHaveLength(5000);
    expect(b.stderr).toBe(a.stderr);
  });
});
