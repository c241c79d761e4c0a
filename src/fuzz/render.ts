/**
 * Turns a case's items into machine code: a list of instructions (16- or 32-bit), with forward
 * targets resolved to item boundaries. A target out of an encoding's reach moves back to the
 * farthest boundary in reach (the next item is always in reach), so every item list renders.
 */
import { encode, encodeC, type Operands } from '../rv64/isa/encoder.js';
import { type Item, S1, TMP } from './case.js';
import { cRowNamed, rowNamed } from './arbitraries.js';
import { HALF, WINDOW } from './layout.js';

export interface Insn {
  /** The instruction word (a compressed one in the low 16 bits). */
  word: number;
  len: 2 | 4;
  /** Extension it counts for: 'i', 'm', 'a', 'c', 'f', 'd' (helpers of a group count as 'i'). */
  ext: string;
}

const EXT: Record<string, string> = { I: 'i', Zifencei: 'i', M: 'm', A: 'a', F: 'f', D: 'd', Zicsr: 'f' };

function enc(name: string, ops: Operands): Insn {
  if (name.startsWith('c_')) return { word: encodeC(cRowNamed(name), ops), len: 2, ext: 'c' };
  const r = rowNamed(name);
  return { word: encode(r, ops), len: 4, ext: EXT[r.ext] ?? r.ext.toLowerCase() };
}
const helper = (name: string, ops: Operands): Insn => ({ ...enc(name, ops), ext: 'i' });

/** Byte size of an item (independent of where its target is). */
export function itemSize(it: Item): number {
  switch (it.k) {
    case 'op':
      return it.name.startsWith('c_') ? 2 : 4;
    case 'br':
      return it.name.startsWith('c_') ? 2 : 4;
    case 'jal':
      return it.name === 'c_j' ? 2 : 4;
    case 'jalr':
      return it.name === 'jalr' ? 8 : 10;
    case 'amo':
      return 8;
    case 'lrsc':
      return 12 + 4 * it.mid.length + (it.move !== 0 ? 4 : 0);
    case 'sp':
      return 6;
  }
}

/** Largest forward distance (bytes from the item start) the item's encoding reaches. */
function reach(it: Item): number {
  switch (it.k) {
    case 'br':
      return it.name.startsWith('c_') ? 254 : 4094;
    case 'jal':
      return it.name === 'c_j' ? 2046 : 0xffffe;
    case 'jalr':
      return 2046;
    default:
      return 0;
  }
}

/** The window offset a base register points at. */
const baseOff = (base: number): number => (base === S1 ? HALF : 0);

function itemInsns(it: Item, dist: number): Insn[] {
  switch (it.k) {
    case 'op':
      return [enc(it.name, it.ops)];
    case 'br':
      return [enc(it.name, it.name.startsWith('c_') ? { rs1: it.rs1, imm: dist } : { rs1: it.rs1, rs2: it.rs2, imm: dist })];
    case 'jal':
      return [enc(it.name, it.name === 'c_j' ? { imm: dist } : { rd: it.rd, imm: dist })];
    case 'jalr':
      if (it.name === 'jalr') return [helper('auipc', { rd: TMP, imm: 0 }), enc('jalr', { rd: it.rd, rs1: TMP, imm: dist + (it.odd ? 1 : 0) })];
      return [helper('auipc', { rd: TMP, imm: 0 }), helper('addi', { rd: TMP, rs1: TMP, imm: dist }), enc(it.name, { rs1: TMP })];
    case 'amo':
      return [helper('addi', { rd: TMP, rs1: it.base, imm: it.off }), enc(it.name, { rd: it.rd, rs1: TMP, rs2: it.rs2, aq: it.aq, rl: it.rl })];
    case 'lrsc': {
      const addr = baseOff(it.base) + it.off;
      const move = addr + it.move < 0 || addr + it.move > WINDOW - 8 ? -it.move : it.move;
      const out = [
        helper('addi', { rd: TMP, rs1: it.base, imm: it.off }),
        enc(`lr_${it.size}`, { rd: it.rd, rs1: TMP, aq: it.aq, rl: it.rl }),
        ...it.mid.flatMap((m) => itemInsns(m, 0).map((x) => ({ ...x, ext: 'i' }))),
      ];
      if (move !== 0) out.push(helper('addi', { rd: TMP, rs1: TMP, imm: move }));
      out.push(enc(`sc_${it.size}`, { rd: it.rd2, rs1: TMP, rs2: it.rs2, aq: it.aq, rl: it.rl }));
      return out;
    }
    case 'sp': {
      const store = it.name === 'c_swsp' || it.name === 'c_sdsp' || it.name === 'c_fsdsp';
      return [
        enc('c_addi16sp', { imm: -16 * it.j }),
        enc(it.name, store ? { rs2: it.reg, imm: it.off } : { rd: it.reg, imm: it.off }),
        enc('c_addi16sp', { imm: 16 * it.j }),
      ];
    }
  }
}

/** The instructions of a whole sequence, in order; each item's forward target resolved. */
export function renderItems(items: readonly Item[]): Insn[] {
  const at: number[] = [0];
  for (const it of items) at.push(at[at.length - 1] + itemSize(it));
  const out: Insn[] = [];
  items.forEach((it, i) => {
    let dist = 0;
    if (it.k === 'br' || it.k === 'jal' || it.k === 'jalr') {
      let t = Math.min(i + 1 + it.skip, items.length);
      while (at[t] - at[i] > reach(it) - (it.k === 'jalr' && it.odd ? 1 : 0)) t--;
      dist = at[t] - at[i];
    }
    out.push(...itemInsns(it, dist));
  });
  return out;
}

/** Generated instructions per extension letter. */
export function countByExt(insns: readonly Insn[], into: Record<string, number> = {}): Record<string, number> {
  for (const x of insns) into[x.ext] = (into[x.ext] ?? 0) + 1;
  return into;
}
