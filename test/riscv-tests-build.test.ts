/**
 * The committed conformance ELFs in riscv-tests/build/ must be exactly what riscv-tests/isa builds
 * to: rebuild the whole suite into a temporary directory with scripts/build-riscv-tests.sh and
 * compare file lists and bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool } from './tools.js';

const ROOT = join(import.meta.dirname, '..');
const COMMITTED = join(ROOT, 'riscv-tests/build');
const GROUPS = ['rv64ui', 'rv64um', 'rv64ua', 'rv64uc', 'rv64uf', 'rv64ud', 'rv64h', 'rv64mi', 'rv64si'];

/** The ELF names the sources should produce: <group>-p-<name> for isa/<group>/<name>.S. */
function expectedNames(): string[] {
  return GROUPS.flatMap((group) =>
    readdirSync(join(ROOT, 'riscv-tests/isa', group))
      .filter((file) => file.endsWith('.S'))
      .map((file) => `${group}-p-${file.slice(0, -2)}`),
  ).sort();
}

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('riscv-tests/build', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-riscv-tests-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is reproduced byte for byte by scripts/build-riscv-tests.sh', () => {
    const build = spawnSync(join(ROOT, 'scripts/build-riscv-tests.sh'), [out], { encoding: 'utf8' });
    expect(build.status, `build failed:\n${build.stderr}`).toBe(0);
    const names = expectedNames();
    expect(names.length).toBeGreaterThan(100);
    expect(readdirSync(out).sort(), 'fresh build: one ELF per source').toEqual(names);
    expect(readdirSync(COMMITTED).sort(), 'riscv-tests/build: one ELF per source, nothing else').toEqual(names);
    for (const name of names) {
      const fresh = readFileSync(join(out, name));
      const committed = readFileSync(join(COMMITTED, name));
      expect(Buffer.compare(fresh, committed), `${name} differs from a fresh build: run scripts/build-riscv-tests.sh`).toBe(0);
    }
  }, 300_000);
});
