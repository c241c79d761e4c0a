/**
 * rvsim's riscv-tests suite (riscv-tests/build, committed ELFs built by riscv-tests/Makefile), run
 * in-process one vitest test per ELF, the way `rvsim test riscv-tests/build` runs them. A pass is
 * tohost = 1; a failure is tohost = (TESTNUM << 1) | 1 (riscv-tests/env/p/riscv_test.h).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseElf } from '../../src/loader/elf.js';
import { machineForElf } from '../../src/cli/load.js';
import { describeFailure, listTests, runTest } from '../../src/cli/test-cmd.js';
import { failingVariant, TESTS_DIR } from '../helpers/failing-test.js';

const names = listTests(TESTS_DIR);

/** Runs ELF bytes to their exit with console output captured. */
function runBytes(bytes: Uint8Array, name: string) {
  const out: string[] = [];
  const m = machineForElf(parseElf(bytes, name), name, {
    output: (_fd, b) => out.push(Buffer.from(b).toString('latin1')),
  });
  return { result: m.run(1_000_000), output: out.join('') };
}

describe('riscv-tests/build', () => {
  test('holds the whole suite (every group of the Makefile)', () => {
    // Guards against an empty or half-built folder making this suite pass vacuously.
    expect(names.length).toBeGreaterThanOrEqual(100);
    for (const group of ['rv64ui', 'rv64um', 'rv64ua', 'rv64uc', 'rv64uf', 'rv64ud', 'rv64mi', 'rv64si']) {
      expect(names.some((n) => n.startsWith(`${group}-p-`))).toBe(true);
    }
  });

  test.each(names)('%s passes', (name) => {
    const r = runTest(join(TESTS_DIR, name), name, { dir: TESTS_DIR, maxInsns: 1_000_000 });
    expect(r.detail).toBe('');
    expect(r.status).toBe('pass');
    expect(r.instret).toBeGreaterThan(0);
  });
});

describe('a failing test is reported as a failure with its test number', () => {
  test('a jump to fail in test 5 of rv64ui-p-add exits with 5', () => {
    const { result } = runBytes(failingVariant('rv64ui-p-add', 5, 'fail'), 'add-fails-5');
    expect(result.reason).toBe('exit');
    expect(result.exitCode).toBe(5);
    expect(describeFailure(result.exitCode!)).toBe('test 5 failed');
  });

  test('the same ELF unpatched passes, so the patch is what fails it', () => {
    const { result } = runBytes(new Uint8Array(readFileSync(join(TESTS_DIR, 'rv64ui-p-add'))), 'add');
    expect(result).toMatchObject({ reason: 'exit', exitCode: 0 });
  });

  test('runTest (what `rvsim test` tabulates) gives status fail and the test number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvsim-conf-'));
    try {
      const path = join(dir, 'rv64ui-p-add-broken');
      writeFileSync(path, failingVariant('rv64ui-p-add', 5, 'fail'));
      const r = runTest(path, 'rv64ui-p-add-broken', { dir });
      expect(r).toMatchObject({ status: 'fail', detail: 'test 5 failed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an illegal instruction in test 7 is reported as an unexpected trap with mcause 2', () => {
    const { result } = runBytes(failingVariant('rv64ui-p-add', 7, 'trap'), 'add-traps-7');
    expect(result.reason).toBe('exit');
    // (mcause 2 = illegal instruction << 9) | 0x100 | TESTNUM, riscv-tests/env/p/riscv_test.h
    expect(result.exitCode).toBe((2 << 9) | 0x100 | 7);
    expect(describeFailure(result.exitCode!)).toBe('unexpected trap (mcause 2) in test 7');
  });
});
