/**
 * The committed ELFs in programs/build/ must be exactly what the sources build to: rebuild them
 * into a temporary directory with scripts/build-programs.sh and compare byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from './tools.js';

const ROOT = join(import.meta.dirname, '..');
const ELFS = [
  'hello.elf',
  'bench/hash.elf',
  'bench/sort.elf',
  'bench/matmul.elf',
  'bench/coremark_like.elf',
  'guest.elf',
  'guest-hostile.elf',
];

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('programs/build', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-programs-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is reproduced byte for byte by scripts/build-programs.sh', () => {
    const build = spawnSync(join(ROOT, 'scripts/build-programs.sh'), [out], { encoding: 'utf8' });
    expect(build.status, `build failed:\n${build.stderr}`).toBe(0);
    for (const elf of ELFS) {
      const fresh = readFileSync(join(out, elf));
      const committed = readFileSync(join(ROOT, 'programs/build', elf));
      expect(fresh.length, `${elf}: size`).toBe(committed.length);
      expect(Buffer.compare(fresh, committed), `${elf} differs from a fresh build: run scripts/build-programs.sh`).toBe(0);
    }
  }, 60_000);
});
