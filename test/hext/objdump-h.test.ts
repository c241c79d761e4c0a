/**
 * The H rows (privileged spec 21.3, encodings as in riscv-opcodes) disassemble as GNU objdump does.
 * objdump disassembles raw binaries as rv64gc, so the words go through `as` into an ELF whose
 * arch attribute names H (test/isa/objdump.test.ts covers every other row on raw binaries).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { disassemble } from '../../src/rv64/disasm.js';
import { encode } from '../../src/rv64/isa/encoder.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { fullDecoder } from '../isa/helpers.js';
import { requireTool } from '../tools.js';

const AS = 'riscv64-unknown-elf-as';
const OBJDUMP = 'riscv64-unknown-elf-objdump';
const have = requireTool(AS, 'binutils-riscv64-unknown-elf') && requireTool(OBJDUMP, 'binutils-riscv64-unknown-elf');

describe.runIf(have)('H rows agree with GNU objdump', () => {
  it('on every H row with several register choices', () => {
    const rows = allRows.filter((r) => r.ext === 'H');
    expect(rows.map((r) => r.name).sort()).toEqual(
      ['hfence_gvma', 'hfence_vvma', 'hlv_b', 'hlv_bu', 'hlv_d', 'hlv_h', 'hlv_hu', 'hlv_w', 'hlv_wu', 'hlvx_hu', 'hlvx_wu', 'hsv_b', 'hsv_d', 'hsv_h', 'hsv_w'],
    );
    const words: number[] = [];
    for (const row of rows) {
      for (const [rd, rs1, rs2] of [[0, 0, 0], [5, 6, 7], [31, 1, 30], [10, 11, 12]]) words.push(encode(row, { rd, rs1, rs2, rs3: 0, imm: 0 }));
    }
    const dir = mkdtempSync(join(tmpdir(), 'rvsim-objdump-h-'));
    try {
      const src = join(dir, 'h.S');
      const obj = join(dir, 'h.o');
      writeFileSync(src, words.map((w) => `.insn 0x${(w >>> 0).toString(16)}\n`).join(''));
      const a = spawnSync(AS, ['-march=rv64imafdch_zicsr_zifencei', src, '-o', obj], { encoding: 'utf8' });
      expect(a.stderr).toBe('');
      const r = spawnSync(OBJDUMP, ['-d', '-M', 'no-aliases', obj], { encoding: 'utf8' });
      const theirs: string[] = [];
      for (const line of r.stdout.split('\n')) {
        const m = /^\s*[0-9a-f]+:\t[0-9a-f ]+\t(.*)$/.exec(line);
        if (m) theirs.push(m[1].replace(/\s+/g, ' ').trim());
      }
      const decoder = fullDecoder();
      const ours = words.map((w, k) => disassemble(w, 0x80000000n + BigInt(4 * k), decoder).replace(/, /g, ','));
      expect(ours).toEqual(theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
