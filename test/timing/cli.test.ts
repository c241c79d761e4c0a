/** The timing options of `rvsim run`: --timing, --timing-config, --stats(-json), --pipeview. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distBuilt, rvsim } from '../helpers/cli.js';

const HELLO = 'programs/build/hello.elf';
let tmp = '';

beforeAll(() => {
  if (!distBuilt()) throw new Error('dist/ is missing: run `npm run build`');
  tmp = mkdtempSync(join(tmpdir(), 'rvsim-timing-'));
});

afterAll(() => {
  if (tmp !== '') rmSync(tmp, { recursive: true, force: true });
});

interface Stats {
  instructions: number;
  cycles?: number;
  timing?: { cycles: number; idleCycles: number; instructions: number; cpiStack: Record<string, number> };
}

async function stats(tag: string, extra: string[]) {
  const file = join(tmp, `${tag}.json`);
  const r = await rvsim(['run', HELLO, '--stats-json', file, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return { r, s: JSON.parse(readFileSync(file, 'utf8')) as Stats };
}

describe('rvsim run --timing', () => {
  it('none (the default without --stats): no timing data in the JSON', async () => {
    const { s } = await stats('none', []);
    expect(s.timing).toBeUndefined();
    expect(s.cycles).toBeUndefined();
  });

  it('inorder (the default with --stats): CPI stack printed and in the JSON, summing to the cycles', async () => {
    const { r, s } = await stats('inorder', ['--stats']);
    expect(r.stderr).toContain('CPI stack');
    expect(s.timing).toBeDefined();
    const t = s.timing!;
    expect(t.cycles).toBe(s.cycles);
    expect(t.cycles).toBeGreaterThan(s.instructions);
    expect(t.instructions).toBe(s.instructions);
    const sum = Object.values(t.cpiStack).reduce((a, b) => a + b, 0);
    expect(sum + t.idleCycles).toBe(t.cycles);
    expect(t.cpiStack.base).toBe(s.instructions);
  });

  it('is deterministic: two runs give the same cycle count', async () => {
    const a = await stats('det-a', ['--timing', 'inorder']);
    const b = await stats('det-b', ['--timing', 'inorder']);
    expect(a.s.cycles).toBe(b.s.cycles);
    expect(a.r.stdout).toBe(b.r.stdout);
  });

  it('--timing-config overrides parameters (a slower memory costs cycles)', async () => {
    const cfg = join(tmp, 'slow.json');
    writeFileSync(cfg, JSON.stringify({ memoryLatency: 400, l2: null }));
    const base = await stats('cfg-base', ['--timing', 'inorder']);
    const slow = await stats('cfg-slow', ['--timing', 'inorder', '--timing-config', cfg]);
    expect(slow.s.cycles!).toBeGreaterThan(base.s.cycles!);
    expect(slow.s.instructions).toBe(base.s.instructions);
  });

  it('bad values are one line on stderr and a non-zero exit', async () => {
    const bad = await rvsim(['run', HELLO, '--timing', 'ooo']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/bad --timing 'ooo'/)]);
    const cfg = join(tmp, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ dcache: { wayz: 2 } }));
    const r = await rvsim(['run', HELLO, '--timing', 'inorder', '--timing-config', cfg]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/dcache\.wayz: unknown parameter/)]);
    const w = await rvsim(['run', HELLO, '--pipeview', join(tmp, 'x.kanata'), '--pipeview-window', '5:0']);
    expect(w.code).not.toBe(0);
    expect(w.stderr.trim().split('\n')).toEqual([expect.stringMatching(/bad --pipeview-window/)]);
  });

  it('--pipeview writes a Konata log of the chosen window', async () => {
    const file = join(tmp, 'hello.kanata');
    const r = await rvsim(['run', HELLO, '--pipeview', file, '--pipeview-window', '1000:25']);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('Kanata\t0004');
    expect(lines.filter((l) => l.startsWith('I\t'))).toHaveLength(25);
    expect(lines.filter((l) => l.startsWith('R\t'))).toHaveLength(25);
    expect(lines.find((l) => l.startsWith('I\t'))).toBe('I\t0\t1000\t0');
  });
});
