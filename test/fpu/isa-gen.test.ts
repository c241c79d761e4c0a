/**
 * The generated F/D conformance sources (riscv-tests/isa/rv64u{f,d}/gen_*.S) must be exactly what
 * test/fpu/isa-gen.ts produces, so every expected result and fflags value in them is the BigInt
 * reference model's (test/fpu/ref.ts), and no hand edit slips in. The set of gen_* files must match
 * too (a stale part left over from an earlier layout fails).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll } from './isa-gen.js';

const ISA = join(import.meta.dirname, '../../riscv-tests/isa');

describe('generated rv64uf/rv64ud sources', () => {
  const files = generateAll();

  it('cover every group with a bounded number of tests per file', () => {
    expect(files.some((f) => f.path.startsWith('rv64uf/'))).toBe(true);
    expect(files.some((f) => f.path.startsWith('rv64ud/'))).toBe(true);
    for (const f of files) {
      const nums = [...f.text.matchAll(/^ {2}TEST_\w+\((\d+),/gm)].map((m) => Number(m[1]));
      expect(nums.length, f.path).toBeGreaterThan(0);
      expect(Math.max(...nums), f.path).toBeLessThanOrEqual(255);
    }
  });

  it('match the committed files byte for byte', () => {
    const committed = ['rv64uf', 'rv64ud'].flatMap((g) =>
      readdirSync(join(ISA, g))
        .filter((n) => n.startsWith('gen_') && n.endsWith('.S'))
        .map((n) => `${g}/${n}`),
    );
    expect(committed.sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files) {
      const onDisk = readFileSync(join(ISA, f.path), 'utf8');
      expect(onDisk === f.text, `${f.path} differs from test/fpu/isa-gen.ts output: regenerate it`).toBe(true);
    }
  });
});
