/**
 * Builds the decoder from the instruction tables: 32-bit words are looked up in buckets by major
 * opcode; 16-bit parcels are expanded once, for all 65536 values, into their 32-bit equivalents.
 */
import type { CInsnRow, Exec, InsnRow } from './isa/types.js';

export class Decoder {
  private readonly buckets: InsnRow[][] = Array.from({ length: 128 }, () => []);
  /** Expanded 32-bit word (bits 1:0 = 11) per 16-bit parcel, 0 when illegal or reserved. */
  private readonly cExpand = new Int32Array(65536);
  private readonly cRowOf: (CInsnRow | undefined)[] = new Array<CInsnRow | undefined>(65536).fill(undefined);

  constructor(
    readonly rows: InsnRow[],
    readonly cRows: CInsnRow[],
    readonly enabled: (ext: string) => boolean,
  ) {
    // A row's ext may name several extensions joined by '+' ('C+D'): all must be enabled.
    const on = (ext: string): boolean => ext.split('+').every((e) => enabled(e));
    for (const r of rows) {
      if (!on(r.ext)) continue;
      if ((r.mask & 0x7f) !== 0x7f) throw new Error(`${r.name}: mask must cover the major opcode`);
      this.buckets[r.match & 0x7f].push(r);
    }
    const active = cRows.filter((r) => on(r.ext));
    for (let c = 0; c < 65536; c++) {
      if ((c & 3) === 3) continue;
      for (const r of active) {
        if ((c & r.mask) === r.match && (r.valid === undefined || r.valid(c))) {
          const w = r.expand(c);
          if (this.decode(w) !== undefined) {
            this.cExpand[c] = w;
            this.cRowOf[c] = r;
          }
          break;
        }
      }
    }
  }

  /** The row for a 32-bit instruction word, or undefined when it is illegal (or disabled). */
  decode(insn: number): InsnRow | undefined {
    const b = this.buckets[insn & 0x7f];
    for (let k = 0; k < b.length; k++) {
      const r = b[k];
      if ((insn & r.mask) === (r.match | 0) && (r.valid === undefined || r.valid(insn))) return r;
    }
    return undefined;
  }

  /** The expanded 32-bit word for a 16-bit parcel, or 0 when it is illegal or reserved. */
  expand(c: number): number {
    return this.cExpand[c & 0xffff];
  }

  /** The compressed row a 16-bit parcel decodes as (disassembly). */
  cRow(c: number): CInsnRow | undefined {
    return this.cRowOf[c & 0xffff];
  }

  /**
   * Decodes an instruction for execution. `lo16` is the first parcel; `hi16` the second (ignored
   * for compressed parcels). Returns the handler and puts the word it takes in `word`.
   */
  word = 0;
  decodeExec(lo16: number, hi16: number, illegalExec: Exec): Exec {
    if ((lo16 & 3) !== 3) {
      const w = this.cExpand[lo16];
      if (w === 0) {
        this.word = lo16;
        return illegalExec;
      }
      this.word = w & ~2;
      return this.decode(w)!.exec;
    }
    const insn = (lo16 | (hi16 << 16)) | 0;
    this.word = insn;
    const r = this.decode(insn);
    return r === undefined ? illegalExec : r.exec;
  }
}
