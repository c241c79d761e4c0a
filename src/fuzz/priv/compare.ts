/**
 * Compares two records of a privileged case (x registers, the trap log, the CSR dump, the data
 * window) and names the differences as a reader would: `x12/a2`, `trap[1].mtval`, `traps` (the
 * count), `csr:hstatus`, `mem+0x18`.
 */
import { X_NAMES } from '../../rv64/disasm.js';
import { PRIV_WINDOW } from './case.js';
import { DUMP_CSRS } from './csrs.js';
import { CSR_Q, LOG_FIELDS, LOG_Q, MAX_LOG, WIN_Q, X_Q } from './program.js';

export interface PrivDiff {
  what: string;
  qemu: bigint;
  rvsim: bigint;
}

/** The name of doubleword `i` of a record. */
export function fieldName(i: number): string {
  if (i < LOG_Q) return `x${i - X_Q}`;
  if (i === LOG_Q) return 'traps';
  if (i < CSR_Q) {
    const j = i - LOG_Q - 1;
    return `trap[${Math.floor(j / LOG_FIELDS.length)}].${LOG_FIELDS[j % LOG_FIELDS.length]}`;
  }
  if (i < WIN_Q) return `csr:${DUMP_CSRS[i - CSR_Q].name}`;
  return `mem+0x${((i - WIN_Q) * 8).toString(16)}`;
}

export function comparePriv(qemu: readonly bigint[], rvsim: readonly bigint[]): PrivDiff[] {
  const d: PrivDiff[] = [];
  // Log entries past the number of traps recorded are not written by either side.
  const logged = Math.min(MAX_LOG, Number(qemu[LOG_Q]), Number(rvsim[LOG_Q]));
  for (let i = 0; i < qemu.length; i++) {
    if (i > LOG_Q && i < CSR_Q && Math.floor((i - LOG_Q - 1) / LOG_FIELDS.length) >= logged) continue;
    if (qemu[i] !== rvsim[i]) d.push({ what: fieldName(i), qemu: qemu[i], rvsim: rvsim[i] });
  }
  void PRIV_WINDOW;
  return d;
}

const hex = (v: bigint): string => `0x${v.toString(16).padStart(16, '0')}`;

export function describePrivDiff(d: PrivDiff): string {
  const m = /^x(\d+)$/.exec(d.what);
  const name = m ? `${d.what}/${X_NAMES[Number(m[1])]}` : d.what;
  return `${name}: qemu ${hex(d.qemu)} rvsim ${hex(d.rvsim)}`;
}
