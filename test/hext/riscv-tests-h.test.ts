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

/** The rv64h tests rvsim passes. */
const PASSING = [
  'rv64h-p-gpf',
  'rv64h-p-gstage',
  'rv64h-p-hcsrs',
  'rv64h-p-hfence',
  'rv64h-p-hgatp_mode',
  'rv64h-p-hlv',
  'rv64h-p-traps',
  'rv64h-p-vinsn',
  'rv64h-p-vsint',
  'rv64h-p-vsredirect',
];

/**
 * rv64h tests that find a bug in rvsim not fixed yet, with the failure they report today. Each is
 * checked to still fail that way; once fixed, move it to PASSING. (None today.)
 */
const KNOWN_FAILING: Record<string, string> = {};

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('riscv-tests rv64h', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-rv64h-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds one ELF per source, each listed here', () => {
    const b = spawnSync('make', ['-C', join(ROOT, 'riscv-tests'), '--no-print-directory', 'rv64h', `OUT=${out}`], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    const names = readdirSync(out).filter((n) => n.startsWith('rv64h-p-')).sort();
    expect(names).toEqual([...PASSING, ...Object.keys(KNOWN_FAILING)].sort());
  }, 120_000);

  it.each(PASSING)('%s passes with H', (n) => {
    expect(runTest(join(out, n), n, { dir: out, isa: H_ISA })).toMatchObject({ name: n, status: 'pass' });
  });

  it.each(Object.entries(KNOWN_FAILING))('%s still fails (%s): known rvsim bug', (n, detail) => {
    const r = runTest(join(out, n), n, { dir: out, isa: H_ISA });
    expect(r.status, `${n} now passes: move it to PASSING`).toBe('fail');
    expect(r.detail).toBe(detail);
  });
});

const UPSTREAM = join(ROOT, '.upstream/riscv-tests/isa');
const upstream = existsSync(UPSTREAM) ? readdirSync(UPSTREAM).filter((n) => /^hypervisor-p-[^.]+$/.test(n)) : [];

describe.runIf(upstream.length > 0)('upstream riscv-tests isa/hypervisor (local build)', () => {
  it.each(upstream)('%s passes', (n) => {
    expect(runTest(join(UPSTREAM, n), n, { dir: UPSTREAM, isa: H_ISA }).status).toBe('pass');
  });
});

const svadu = existsSync(UPSTREAM) ? readdirSync(UPSTREAM).filter((n) => /^hypervisor-svadu-p-[^.]+$/.test(n)) : [];

describe.runIf(svadu.length > 0)('upstream riscv-tests isa/hypervisor-svadu (local build)', () => {
  it.each(svadu)('%s passes with Svadu', (n) => {
    expect(runTest(join(UPSTREAM, n), n, { dir: UPSTREAM, isa: `${H_ISA}_svadu` }).status).toBe('pass');
  });
});
