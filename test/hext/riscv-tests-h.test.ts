/**
 * The H-extension group of our riscv-tests style suite (riscv-tests/isa/rv64h, an opt-in group of
 * riscv-tests/Makefile) built fresh and run on a machine with H; and upstream riscv-tests'
 * isa/hypervisor ELFs when a local build exists under .upstream/ (see .upstream/HOWTO.txt).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTest } from '../../src/cli/test-cmd.js';
import { requireTool } from '../tools.js';
import { H_ISA } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('riscv-tests rv64h', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-rv64h-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds and every test passes with H', () => {
    const b = spawnSync('make', ['-C', join(ROOT, 'riscv-tests'), '--no-print-directory', 'rv64h', `OUT=${out}`], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    const names = readdirSync(out).filter((n) => n.startsWith('rv64h-p-')).sort();
    expect(names).toEqual(['rv64h-p-gstage', 'rv64h-p-traps']);
    for (const n of names) expect(runTest(join(out, n), n, { dir: out, isa: H_ISA })).toMatchObject({ name: n, status: 'pass' });
  }, 120_000);
});

const UPSTREAM = join(ROOT, '.upstream/riscv-tests/isa');
const upstream = existsSync(UPSTREAM) ? readdirSync(UPSTREAM).filter((n) => /^hypervisor-p-[^.]+$/.test(n)) : [];

describe.runIf(upstream.length > 0)('upstream riscv-tests isa/hypervisor (local build)', () => {
  it.each(upstream)('%s passes', (n) => {
    expect(runTest(join(UPSTREAM, n), n, { dir: UPSTREAM, isa: H_ISA }).status).toBe('pass');
  });
});
