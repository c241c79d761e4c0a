/**
 * Compares two output records (window, x registers, f registers, fcsr) field by field and says
 * where they differ, in the names a reader uses (x10 / a0, f3, fcsr, window bytes).
 */
import { X_NAMES } from '../rv64/disasm.js';
import { F_AT, FCSR_AT, WINDOW, X_AT } from './layout.js';

export interface Diff {
  /** 'x5', 'f3', 'fcsr' or 'mem+0x18' (8-byte word of the window). */
  what: string;
  qemu: bigint;
  rvsim: bigint;
}

const word = (b: Uint8Array, at: number): bigint => new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0, true);

export function compareRecords(qemu: Uint8Array, rvsim: Uint8Array, fp: boolean): Diff[] {
  const d: Diff[] = [];
  const cmp = (what: string, at: number): void => {
    const q = word(qemu, at);
    const r = word(rvsim, at);
    if (q !== r) d.push({ what, qemu: q, rvsim: r });
  };
  for (let r = 1; r < 32; r++) cmp(`x${r}`, X_AT + 8 * r);
  if (fp) {
    for (let r = 0; r < 32; r++) cmp(`f${r}`, F_AT + 8 * r);
    cmp('fcsr', FCSR_AT);
  }
  for (let a = 0; a < WINDOW; a += 8) cmp(`mem+0x${a.toString(16)}`, a);
  return d;
}

const hex = (v: bigint): string => `0x${v.toString(16).padStart(16, '0')}`;

export function describeDiff(d: Diff): string {
  const m = /^x(\d+)$/.exec(d.what);
  const name = m ? `${d.what}/${X_NAMES[Number(m[1])]}` : d.what;
  return `${name}: qemu ${hex(d.qemu)} rvsim ${hex(d.rvsim)}`;
}
