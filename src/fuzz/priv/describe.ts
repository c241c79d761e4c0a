/** A readable listing of a privileged case: its operand values and its steps, one a line. */
import { X_NAMES } from '../../rv64/disasm.js';
import { OPERAND_REGS, type PrivCase, type Step } from './case.js';
import { csrName } from './csrs.js';

const r = (n: number): string => X_NAMES[n];

export function describeStep(s: Step): string {
  switch (s.k) {
    case 'csr':
      return `${s.op} ${r(s.rd)}, ${csrName(s.csr)}, ${s.op.endsWith('i') ? s.src : r(s.src)}`;
    case 'probe':
      return `probe (in M) ${s.op} ${r(s.rdA)}, ${csrName(s.csr)}, ${r(s.rs)}; csrr ${r(s.rdB)}; restore`;
    case 'mret': {
      const b = Object.entries(s.bits).filter(([, v]) => v).map(([k]) => k.toUpperCase());
      return `mret into ${s.mode}${b.length ? ` with ${b.join(' ')}` : ''}`;
    }
    case 'sret':
      return `sret (SPP=${+s.spp} SPV=${+s.spv}, sepc = next)`;
    case 'ecall':
      return 'ecall';
    case 'tom':
      return 'to M (ecall + marker)';
    case 'insn':
      return s.name;
    case 'hlsv':
      return `${s.name} ${r(s.reg)}, window+${s.off}`;
    case 'wfi':
      return `wfi in ${s.mode}${s.tw ? ' TW' : ''}${s.vtw ? ' VTW' : ''}`;
  }
}

export function describePrivCase(c: PrivCase): string {
  const regs = OPERAND_REGS.map((n, i) => `${r(n)}=0x${BigInt.asUintN(64, c.x[i]).toString(16)}`).join(' ');
  return [`initial: ${regs} window seed ${c.mem}`, ...c.steps.map((s, i) => `  ${String(i).padStart(2)}: ${describeStep(s)}`)].join('\n');
}
