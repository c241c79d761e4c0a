/**
 * The committed conformance ELFs in riscv-tests/build/ must be exactly what riscv-tests/isa builds
 * to (with env/p, and with env/v for the user groups): rebuild the whole suite into a temporary directory with scripts/build-riscv-tests.sh and
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
/** The user-mode groups, which also get env/v (virtual memory) variants. */
const V_GROUPS = ['rv64ui', 'rv64um', 'rv64ua', 'rv64uc', 'rv64uf', 'rv64ud'];

/** A test with its own M-mode trap handler runs in env/p only (riscv-tests/Makefile, v_sources). */
function hasTrapHandler(source: string): boolean {
  return source.includes('mtvec_handler') || source.includes('TEST_TRAP_HANDLER');
}

/**
 * The ELF names the sources should produce: <group>-p-<name> for isa/<group>/<name>.S, and
 * <group>-v-<name> for the user groups' tests without a trap handler of their own.
 */
function expectedNames(): string[] {
  return GROUPS.flatMap((group) => {
    const dir = join(ROOT, 'riscv-tests/isa', group);
    const sources = readdirSync(dir).filter((file) => file.endsWith('.S'));
    const p = sources.map((file) => `${group}-p-${file.slice(0, -2)}`);
    const v = V_GROUPS.includes(group)
      ? sources
          .filter((file) => !hasTrapHandler(readFileSync(join(dir, file), 'utf8')))
          .map((file) => `${group}-v-${file.slice(0, -2)}`)
      : [];
    return [...p, ...v];
  }).sort();
}

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('riscv-tests/build', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-riscv-tests-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is reproduced byte for byte by scripts/build-riscv-tests.sh', () => {
    const build = spawnSync(join(ROOT, 'scripts/build-riscv-tests.sh'), [out], { encoding: 'utf8' });
    expect(build.status, `build failed:\n${build.stderr}`).toBe(0);
    const names = expectedNames();
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((n) => n.includes('-v-')).length, 'env/v variants').toBeGreaterThan(100);
    expect(readdirSync(out).sort(), 'fresh build: one ELF per source').toEqual(names);
    expect(readdirSync(COMMITTED).sort(), 'riscv-tests/build: one ELF per source, nothing else').toEqual(names);
    for (const name of names) {
      const fresh = readFileSync(join(out, name));
      const committed = readFileSync(join(COMMITTED, name));
      expect(Buffer.compare(fresh, committed), `${name} differs from a fresh build: run scripts/build-riscv-tests.sh`).toBe(0);
    }
  }, 300_000);
});
