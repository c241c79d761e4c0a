/**
 * Hot instructions get a direct, monomorphic call site in the execute loop's switch (which V8
 * can inline) instead of the generic call through the decoded page's handler. Their semantics are
 * still the table rows' `exec`; this file only picks which rows and numbers them (op 0 = generic).
 */
import { rvI } from './isa/rv-i.js';
import { rvM } from './isa/rv-m.js';
import type { Exec, InsnRow } from './isa/types.js';

const rows: InsnRow[] = [...rvI, ...rvM];
function execOf(name: string): Exec {
  const r = rows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`hot op ${name} has no row`);
  return r.exec;
}

export const HOT_NAMES = ['addi', 'add', 'ld', 'sd', 'lw', 'sw', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu', 'jal', 'jalr', 'lui', 'auipc', 'slli', 'srli', 'srai', 'andi', 'ori', 'xori', 'and', 'or', 'xor', 'sub', 'addiw', 'addw', 'subw', 'slliw', 'srliw', 'sraiw', 'lbu', 'lb', 'sb', 'lhu', 'lh', 'sh', 'lwu', 'sltu', 'sltiu', 'slt', 'slti', 'sll', 'srl', 'mul', 'mulw'];

/** Op id (1-based) of a hot row, 0 for the others. */
export const hotOpOf = new Map<Exec, number>(HOT_NAMES.map((n, i) => [execOf(n), i + 1]));

export const H1 = execOf('addi');
export const H2 = execOf('add');
export const H3 = execOf('ld');
export const H4 = execOf('sd');
export const H5 = execOf('lw');
export const H6 = execOf('sw');
export const H7 = execOf('beq');
export const H8 = execOf('bne');
export const H9 = execOf('blt');
export const H10 = execOf('bge');
export const H11 = execOf('bltu');
export const H12 = execOf('bgeu');
export const H13 = execOf('jal');
export const H14 = execOf('jalr');
export const H15 = execOf('lui');
export const H16 = execOf('auipc');
export const H17 = execOf('slli');
export const H18 = execOf('srli');
export const H19 = execOf('srai');
export const H20 = execOf('andi');
export const H21 = execOf('ori');
export const H22 = execOf('xori');
export const H23 = execOf('and');
export const H24 = execOf('or');
export const H25 = execOf('xor');
export const H26 = execOf('sub');
export const H27 = execOf('addiw');
export const H28 = execOf('addw');
export const H29 = execOf('subw');
export const H30 = execOf('slliw');
export const H31 = execOf('srliw');
export const H32 = execOf('sraiw');
export const H33 = execOf('lbu');
export const H34 = execOf('lb');
export const H35 = execOf('sb');
export const H36 = execOf('lhu');
export const H37 = execOf('lh');
export const H38 = execOf('sh');
export const H39 = execOf('lwu');
export const H40 = execOf('sltu');
export const H41 = execOf('sltiu');
export const H42 = execOf('slt');
export const H43 = execOf('slti');
export const H44 = execOf('sll');
export const H45 = execOf('srl');
export const H46 = execOf('mul');
export const H47 = execOf('mulw');
