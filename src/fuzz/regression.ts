/**
 * Writes a shrunk mismatch as a test in our riscv-tests format (riscv-tests/isa/<group>/*.S): the
 * case's initial window and registers, its sequence as raw parcels, then a check of every field
 * that differed against the value QEMU produced. Registers that hold code addresses (auipc/jal/
 * jalr results, x31) are not checked: the test's code does not sit where the fuzz program's did.
 */
import type { FuzzCase } from './case.js';
import type { Diff } from './compare.js';
import { F_AT, FCSR_AT, HALF, WINDOW, X_AT, record } from './layout.js';
import { windowBytes } from './program.js';
import { renderItems } from './render.js';

const hex = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16)}`;

/** Offset in the dump of a Diff's field. */
function offsetOf(what: string): number {
  let m = /^x(\d+)$/.exec(what);
  if (m) return X_AT + 8 * Number(m[1]);
  m = /^f(\d+)$/.exec(what);
  if (m) return F_AT + 8 * Number(m[1]);
  if (what === 'fcsr') return FCSR_AT;
  return parseInt(what.replace('mem+', ''), 16);
}

/** Integer registers whose value is a code address in this case. */
function addressRegs(c: FuzzCase): Set<string> {
  const s = new Set<string>(['x31']);
  for (const it of c.items) {
    if (it.k === 'op' && it.name === 'auipc') s.add(`x${it.ops.rd}`);
    if (it.k === 'jal' || it.k === 'jalr') s.add(`x${it.rd}`);
  }
  return s;
}

export function regressionTest(c: FuzzCase, diffs: readonly Diff[], fp: boolean, title: string): string {
  const skip = addressRegs(c);
  const checks = diffs.filter((d) => !skip.has(d.what));
  const L: string[] = [
    `# ${title}`,
    '# Found by scripts/fuzz.mjs (src/fuzz) and shrunk by fast-check; expected values from qemu-riscv64.',
    '#include "riscv_test.h"',
    '#include "test_macros.h"',
    '',
    fp ? 'RVTEST_RV64UF' : 'RVTEST_RV64U',
    'RVTEST_CODE_BEGIN',
    '  .option norvc',
    '  la t0, fz_init',
    '  la t1, fz_win',
    `  li t2, ${WINDOW / 8}`,
    '1:ld t3, 0(t0)',
    '  sd t3, 0(t1)',
    '  addi t0, t0, 8',
    '  addi t1, t1, 8',
    '  addi t2, t2, -1',
    '  bnez t2, 1b',
    '  la t0, fz_regs',
  ];
  if (fp) {
    L.push('  ld t1, 256(t0)', '  fscsr t1');
    for (let r = 0; r < 32; r++) L.push(`  fld f${r}, ${264 + 8 * r}(t0)`);
  }
  for (let r = 1; r < 32; r++) if (r !== 2 && r !== 5 && r !== 9) L.push(`  ld x${r}, ${8 * r}(t0)`);
  L.push('  la x2, fz_win', `  la x9, fz_win+${HALF}`, '  ld x5, 40(x5)', '  # the shrunk sequence');
  for (const i of renderItems(c.items)) {
    L.push(i.len === 2 ? `  .half 0x${(i.word & 0xffff).toString(16)}` : `  .half 0x${(i.word & 0xffff).toString(16)}, 0x${(i.word >>> 16).toString(16)}`);
  }
  L.push('  # dump the state after the window, then check what differed');
  for (let r = 1; r < 32; r++) L.push(`  sd x${r}, ${X_AT + 8 * r}(x2)`);
  if (fp) {
    for (let r = 0; r < 32; r++) L.push(`  fsd f${r}, ${F_AT + 8 * r}(x2)`);
    L.push('  frcsr t0', `  sd t0, ${FCSR_AT}(x2)`);
  }
  L.push('  la t1, fz_win');
  checks.forEach((d, i) => {
    L.push(`  li TESTNUM, ${i + 2}  # ${d.what}`, `  ld t0, ${offsetOf(d.what)}(t1)`, `  li t2, ${hex(d.qemu)}`, '  bne t0, t2, fail');
  });
  L.push('  TEST_PASSFAIL', '', 'RVTEST_CODE_END', '', '  .data', 'RVTEST_DATA_BEGIN', '  .balign 8', 'fz_regs:');
  L.push(`  .quad ${c.x.map((v, r) => hex(r === 0 ? 0n : v)).join(', ')}`);
  if (fp) L.push(`  .quad ${c.fcsr}`, `  .quad ${c.f.map(hex).join(', ')}`);
  const w = new DataView(windowBytes(c.mem).buffer);
  const q: string[] = [];
  for (let a = 0; a < WINDOW; a += 8) q.push(hex(w.getBigUint64(a, true)));
  L.push('fz_init:', `  .quad ${q.join(', ')}`, '  .balign 64', 'fz_win:', `  .skip ${record(fp)}`, 'RVTEST_DATA_END', '');
  return L.join('\n');
}
