/**
 * Failing variants of a committed riscv-tests ELF, made in memory by patching one instruction, so
 * the failure path (exit code = test number) is exercised with a real test binary.
 *
 * In riscv-tests every TEST_CASE starts at label `test_N` with `li gp, N` (RVTEST_SET_TESTNUM),
 * then the test code. Overwriting the instruction after `li gp, N` leaves TESTNUM = N set:
 *  - `jal x0, fail` jumps to the env's fail routine: tohost = (N << 1) | 1, exit code N;
 *  - an all-zero word (defined illegal, unprivileged spec "Base Instruction-Length Encoding")
 *    raises an illegal-instruction trap, which our env/p reports as (2 << 9) | 0x100 | N.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseElf } from '../../src/loader/elf.js';
import { encode } from '../../src/rv64/isa/encoder.js';
import { allRows } from '../../src/rv64/isa/index.js';
import { ROOT } from './cli.js';

export const TESTS_DIR = join(ROOT, 'riscv-tests', 'build');

function row(name: string) {
  const r = allRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no instruction row named ${name}`);
  return r;
}

/** File offset of virtual address `addr` in the ELF (inside a PT_LOAD segment's file bytes). */
function fileOffset(bytes: Uint8Array, addr: bigint): number {
  const elf = parseElf(bytes);
  for (const s of elf.segments) {
    if (addr >= s.vaddr && addr + 4n <= s.vaddr + BigInt(s.data.length)) {
      return s.data.byteOffset - bytes.byteOffset + Number(addr - s.vaddr);
    }
  }
  throw new Error(`0x${addr.toString(16)} is not in the file bytes of any segment`);
}

/**
 * A copy of riscv-tests/build/`name` whose test `testNum` fails: by jumping to `fail` ('fail'),
 * or by executing an illegal instruction ('trap').
 */
export function failingVariant(name: string, testNum: number, how: 'fail' | 'trap' = 'fail'): Uint8Array {
  const bytes = new Uint8Array(readFileSync(join(TESTS_DIR, name)));
  const elf = parseElf(bytes);
  const label = elf.symbols.get(`test_${testNum}`);
  const fail = elf.symbols.get('fail');
  if (label === undefined || fail === undefined) throw new Error(`${name} has no test_${testNum} or fail symbol`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const liGp = encode(row('addi'), { rd: 3, rs1: 0, imm: testNum });
  const at = fileOffset(bytes, label);
  if (dv.getInt32(at, true) !== liGp) throw new Error(`${name}: test_${testNum} does not start with li gp, ${testNum}`);
  const patchAddr = label + 4n;
  const word = how === 'fail' ? encode(row('jal'), { rd: 0, imm: Number(fail - patchAddr) }) : 0;
  dv.setInt32(fileOffset(bytes, patchAddr), word, true);
  return bytes;
}
