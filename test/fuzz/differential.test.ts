/**
 * Differential sample against QEMU (issue 8): fixed-seed batches of generated sequences per
 * extension, each built into one program (riscv64-unknown-elf-gcc) and run on qemu-riscv64 and on
 * rvsim; x/f registers, fcsr and the memory window must agree. scripts/fuzz.mjs runs long
 * campaigns of the same thing. A planted bug checks that the harness sees a difference and that
 * fast-check shrinks it to the one guilty instruction.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseArb, rowNamed } from '../../src/fuzz/arbitraries.js';
import { describeCase, drawCases, runBatch, shrinkFailure } from '../../src/fuzz/campaign.js';
import { type FuzzExt, usesFp } from '../../src/fuzz/case.js';
import { GCC, QEMU } from '../../src/fuzz/runners.js';
import type { Exec } from '../../src/rv64/isa/types.js';
import { requireTool } from '../tools.js';
import { machineForElf } from '../../src/cli/load.js';
import { regressionTest } from '../../src/fuzz/regression.js';
import { parseElf } from '../../src/loader/elf.js';

const SUITE = join(import.meta.dirname, '../../riscv-tests');

/** Builds a riscv-tests source with the suite's own flags (riscv-tests/Makefile). */
function buildRegressionElf(asm: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-fuzzreg-'));
  try {
    writeFileSync(join(dir, 't.S'), asm);
    const flags = ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-static', '-mcmodel=medany', '-nostdlib', '-nostartfiles', '-Wl,--no-warn-rwx-segments'];
    const r = spawnSync(GCC, [...flags, `-I${SUITE}/env/p`, `-I${SUITE}/macros`, `-T${SUITE}/env/p/link.ld`, '-o', join(dir, 't'), join(dir, 't.S')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return new Uint8Array(readFileSync(join(dir, 't')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a riscv-tests ELF on rvsim; its exit code (0 = pass, else the failing TESTNUM). */
function runTestElf(elf: Uint8Array): number | null {
  const m = machineForElf(parseElf(elf, 't'), 't', { memSize: 8 << 20, output: () => {} });
  return m.run(1_000_000).exitCode;
}

const haveTools = requireTool(GCC, 'gcc-riscv64-unknown-elf') && requireTool(QEMU, 'qemu-user');
const SEED = 20260108;
const PER_GROUP = 150;

const GROUPS: FuzzExt[][] = [['i'], ['m'], ['a'], ['c'], ['f', 'd'], ['i', 'm', 'a', 'c', 'f', 'd']];

describe.skipIf(!haveTools)('rvsim == qemu-riscv64 on generated sequences', () => {
  for (const exts of GROUPS) {
    it(`agrees on ${PER_GROUP} fixed-seed cases of ${exts.join(',')}`, () => {
      const cases = drawCases(caseArb(exts), SEED, PER_GROUP);
      const r = runBatch(cases, exts);
      expect(r.cases).toBe(PER_GROUP);
      for (const e of exts) expect(r.insns[e] ?? 0).toBeGreaterThan(PER_GROUP);
      expect(r.failures.map((f) => describeCase(cases[f.index], f, usesFp(exts)))).toEqual([]);
    });
  }

  it('finds a planted bug in mulhsu, shrinks it to that one instruction, writes a riscv-tests regression', () => {
    const row = rowNamed('mulhsu');
    const orig: Exec = row.exec;
    // Wrong when rs1 is negative: flips bit 0 of the result.
    row.exec = (h, insn) => {
      const neg = h.x[2 * ((insn >>> 15) & 31) + 1] < 0;
      orig(h, insn);
      const rd = (insn >>> 7) & 31;
      if (neg && rd !== 0) h.x[2 * rd] ^= 1;
    };
    try {
      const exts: FuzzExt[] = ['m'];
      const opts = { maxItems: 12 };
      const cases = drawCases(caseArb(exts, opts), SEED, 60);
      const r = runBatch(cases, exts);
      expect(r.failures.length).toBeGreaterThan(0);
      const s = shrinkFailure(exts, opts, SEED, r.failures[0].index, 60);
      expect(s).toBeDefined();
      expect(s!.case.items).toEqual([expect.objectContaining({ k: 'op', name: 'mulhsu' })]);
      expect(s!.failure.kind).toBe('state');
      // Written out as a riscv-tests regression test: it fails on the buggy rvsim, passes on the fixed one.
      const elf = buildRegressionElf(regressionTest(s!.case, s!.failure.diffs, false, 'planted mulhsu bug'));
      expect(runTestElf(elf)).toBe(2);
      row.exec = orig;
      expect(runTestElf(elf)).toBe(0);
    } finally {
      row.exec = orig;
    }
  });
});
