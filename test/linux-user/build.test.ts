/**
 * The committed programs/build/linux/ ELFs are exactly what scripts/build-linux-user.sh makes of
 * programs/linux/: rebuild them into a temporary directory and compare byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { requireTool } from '../tools.js';
import { PROGRAMS } from './run.js';

describe.runIf(requireTool('riscv64-linux-gnu-gcc', 'gcc-riscv64-linux-gnu (and libc6-dev-riscv64-cross)'))('programs/build/linux', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-linux-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is reproduced byte for byte by scripts/build-linux-user.sh', () => {
    const b = spawnSync(join(ROOT, 'scripts/build-linux-user.sh'), [out], { encoding: 'utf8' });
    expect(b.status, `build failed:\n${b.stderr}`).toBe(0);
    const committed = readdirSync(PROGRAMS).sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    expect(committed).toContain('pie');
    for (const f of committed) {
      const fresh = readFileSync(join(out, f));
      expect(Buffer.compare(fresh, readFileSync(join(PROGRAMS, f))), `${f} differs from a fresh build: run scripts/build-linux-user.sh`).toBe(0);
    }
  }, 120_000);
});
