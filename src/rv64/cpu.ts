/**
 * The fetch/execute loop. Instructions run in slices: the machine picks a slice length (up to the
 * next timer event, so time-driven behaviour is deterministic), checks interrupts between slices,
 * and anything that may change interrupt delivery or the translation context ends the slice early.
 *
 * Per instruction on the fast path: one page-tag compare, one handler call through the decoded
 * page, the pc update. No allocation, no BigInt.
 */
import { takeTrap } from '../csr/traps.js';
import { DecodedPage, SLOTS } from './decode-cache.js';
import type { Decoder } from './decoder.js';
import type { Hart } from './hart.js';
import { illegal } from './isa/illegal.js';
import type { Exec } from './isa/types.js';
import { TRAP } from './trap.js';
import * as H from './hot-ops.js';

/** Sees each retired instruction (timing model, tracer). Only the observed loop calls it. */
export interface RetireObserver {
  /**
   * Called just before an instruction executes (registers still hold its inputs), with its pc and
   * the word its handler will receive. Optional: only models that need operand values use it.
   */
  before?(h: Hart, pcLo: number, pcHi: number, word: number): void;
  /**
   * Optional: a non-zero number the observer derives from an instruction word alone (the timing
   * model's class and registers of the instruction). The observed loop caches it per decoded slot
   * (DecodedPage.notes) and hands it to `retire`, so the observer looks nothing up per instruction.
   * With notes, `before` is called only for instructions whose note has bit 30 set (NOTE_BEFORE).
   */
  note?(word: number): number;
  /**
   * Called after an instruction retired: its pc, the word its handler received, and its note
   * (0 when the observer has no `note`).
   */
  retire(h: Hart, pcLo: number, pcHi: number, word: number, note: number): void;
  /** Called when a trap is taken (before the handler runs), with the pc of the trapping instruction. */
  trap?(h: Hart, cause: number, interrupt: boolean): void;
}

/** The bit of a RetireObserver note that asks for a `before` call (see RetireObserver.note). */
export const NOTE_BEFORE = 1 << 30;

const illegalExec: Exec = (h, insn) => illegal(h, insn);
const NO_PAGE = new DecodedPage(0);

export class Cpu {
  constructor(
    readonly h: Hart,
    readonly decoder: Decoder,
  ) {}

  /** Decodes the instruction in slot `slot` of page `p` into the page; false if it crosses the page. */
  private fill(p: DecodedPage, slot: number): boolean {
    const u16 = this.h.mmu.ram.u16;
    const lo16 = u16[(p.base >>> 1) + slot];
    if ((lo16 & 3) === 3 && slot === SLOTS - 1) return false;
    const hi16 = (lo16 & 3) === 3 ? u16[(p.base >>> 1) + slot + 1] : 0;
    const d = this.decoder;
    p.fns[slot] = d.decodeExec(lo16, hi16, illegalExec);
    p.words[slot] = d.word;
    p.ops[slot] = H.hotOpOf.get(p.fns[slot]!) ?? 0;
    p.notes[slot] = 0;
    return true;
  }

  /** Executes one instruction fetched parcel by parcel through translation (ROM, MMIO, page-crossing). */
  private stepUncached(h: Hart): number {
    const mmu = h.mmu;
    const pcLo = h.pcLo;
    const pcHi = h.pcHi;
    const lo16 = mmu.fetch16(pcLo, pcHi);
    let hi16 = 0;
    if ((lo16 & 3) === 3) {
      const a = (pcLo + 2) | 0;
      hi16 = mmu.fetch16(a, (a >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi);
    }
    const d = this.decoder;
    const fn = d.decodeExec(lo16, hi16, illegalExec);
    const w = d.word;
    const nlo = (pcLo + 2 + (w & 2)) | 0;
    h.npcLo = nlo;
    h.npcHi = (nlo >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
    fn(h, w);
    h.x[0] = 0;
    h.x[1] = 0;
    h.pcLo = h.npcLo;
    h.pcHi = h.npcHi;
    return w;
  }

  /**
   * Runs at most `n` instructions, stopping early when an instruction ends the slice. A trap is
   * taken in place (the trapping instruction does not retire) and ends the slice too.
   */
  runSlice(n: number): void {
    const h = this.h;
    h.limit = n;
    h.icount = 0;
    try {
      this.loop(h, n);
    } catch (e) {
      if (e !== TRAP) throw e;
      h.x[0] = 0;
      h.x[1] = 0;
      takeTrap(h, TRAP);
    }
    h.instretBase += h.icount;
    h.icount = 0;
  }

  /**
   * The hot loop, kept free of anything that runs once per slice (V8 optimises it on its own and
   * never meets code without type feedback after the loop).
   */
  private loop(h: Hart, n: number): void {
    const x = h.x;
    const mmu = h.mmu;
    let pageLo = 1;
    let pageHi = 0;
    let page = NO_PAGE;
    let fns = page.fns;
    let words = page.words;
    let ops = page.ops;
    // The retired count lives in a local; h.icount is kept equal to it for whatever reads it
    // mid-slice (counter CSRs, the trap path). endSlice() sets h.limit to 0.
    let i = 0;
    while (i < n) {
      h.icount = i;
      const pcLo = x[64]; // pc (see Hart: pc and npc live in the register array)
      const pcHi = x[65];
      if ((pcLo & -4096) !== pageLo || pcHi !== pageHi) {
        const p = mmu.codePage(pcLo, pcHi);
        if (p === null) {
          this.stepUncached(h);
          i++;
          if (h.limit === 0) break;
          continue;
        }
        page = p;
        fns = p.fns;
        words = p.words;
        ops = p.ops;
        pageLo = pcLo & -4096;
        pageHi = pcHi;
      }
      const slot = (pcLo & 4095) >>> 1;
      let fn = fns[slot];
      if (fn === undefined) {
        if (!this.fill(page, slot)) {
          this.stepUncached(h);
          i++;
          if (h.limit === 0) break;
          continue;
        }
        fn = fns[slot]!;
      }
      const w = words[slot];
      const nlo = (pcLo + 2 + (w & 2)) | 0;
      x[66] = nlo;
      x[67] = (nlo >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
      // The dispatch switch, written out here (and in `observedLoop`): a shared function measured about
      // 10% slower on hash/sort (V8 inlines it, but not everything beneath it).
      switch (ops[slot]) {
        case 0:
          fn(h, w);
          break;
        case 1:
          H.H1(h, w);
          break;
        case 2:
          H.H2(h, w);
          break;
        case 3:
          H.H3(h, w);
          break;
        case 4:
          H.H4(h, w);
          break;
        case 5:
          H.H5(h, w);
          break;
        case 6:
          H.H6(h, w);
          break;
        case 7:
          H.H7(h, w);
          break;
        case 8:
          H.H8(h, w);
          break;
        case 9:
          H.H9(h, w);
          break;
        case 10:
          H.H10(h, w);
          break;
        case 11:
          H.H11(h, w);
          break;
        case 12:
          H.H12(h, w);
          break;
        case 13:
          H.H13(h, w);
          break;
        case 14:
          H.H14(h, w);
          break;
        case 15:
          H.H15(h, w);
          break;
        case 16:
          H.H16(h, w);
          break;
        case 17:
          H.H17(h, w);
          break;
        case 18:
          H.H18(h, w);
          break;
        case 19:
          H.H19(h, w);
          break;
        case 20:
          H.H20(h, w);
          break;
        case 21:
          H.H21(h, w);
          break;
        case 22:
          H.H22(h, w);
          break;
        case 23:
          H.H23(h, w);
          break;
        case 24:
          H.H24(h, w);
          break;
        case 25:
          H.H25(h, w);
          break;
        case 26:
          H.H26(h, w);
          break;
        case 27:
          H.H27(h, w);
          break;
        case 28:
          H.H28(h, w);
          break;
        case 29:
          H.H29(h, w);
          break;
        case 30:
          H.H30(h, w);
          break;
        case 31:
          H.H31(h, w);
          break;
        case 32:
          H.H32(h, w);
          break;
        case 33:
          H.H33(h, w);
          break;
        case 34:
          H.H34(h, w);
          break;
        case 35:
          H.H35(h, w);
          break;
        case 36:
          H.H36(h, w);
          break;
        case 37:
          H.H37(h, w);
          break;
        case 38:
          H.H38(h, w);
          break;
        case 39:
          H.H39(h, w);
          break;
        case 40:
          H.H40(h, w);
          break;
        case 41:
          H.H41(h, w);
          break;
        case 42:
          H.H42(h, w);
          break;
        case 43:
          H.H43(h, w);
          break;
        case 44:
          H.H44(h, w);
          break;
        case 45:
          H.H45(h, w);
          break;
        case 46:
          H.H46(h, w);
          break;
        case 47:
          H.H47(h, w);
          break;
      }
      x[0] = 0;
      x[1] = 0;
      x[64] = x[66];
      x[65] = x[67];
      i++;
      if (h.limit === 0) break;
    }
    h.icount = i;
  }

  /**
   * The same loop with an observer told about every retired instruction and trap. It fetches
   * through the decoded pages like `loop` (pages outside RAM go through `stepUncached`) and reports
   * each instruction before and after it runs.
   */
  runSliceObserved(n: number, obs: RetireObserver): void {
    const h = this.h;
    h.limit = n;
    h.icount = 0;
    try {
      this.observedLoop(h, obs);
    } catch (e) {
      if (e !== TRAP) throw e;
      h.x[0] = 0;
      h.x[1] = 0;
      obs.trap?.(h, TRAP.cause, TRAP.interrupt);
      takeTrap(h, TRAP);
    }
    h.instretBase += h.icount;
    h.icount = 0;
  }

  private observedLoop(h: Hart, obs: RetireObserver): void {
    const x = h.x;
    const mmu = h.mmu;
    const hasBefore = obs.before !== undefined;
    const hasNote = obs.note !== undefined;
    const dc = mmu.decodeCache;
    if (hasNote) dc.claimNotes(obs);
    let gen = dc.generation;
    let pageLo = 1;
    let pageHi = 0;
    let page = NO_PAGE;
    let fns = page.fns;
    let words = page.words;
    let ops = page.ops;
    let notes = page.notes;
    // As in `loop`: the count lives in a local, h.icount follows it for mid-slice readers.
    let i = h.icount;
    while (i < h.limit) {
      const pcLo = x[64];
      const pcHi = x[65];
      if ((pcLo & -4096) !== pageLo || pcHi !== pageHi) {
        const p = mmu.codePage(pcLo, pcHi);
        if (p === null) {
          pageLo = 1; // fetch the next one through translation again
          this.observedUncached(h, obs, pcLo, pcHi, hasBefore);
          i = h.icount;
          continue;
        }
        page = p;
        fns = p.fns;
        words = p.words;
        ops = p.ops;
        notes = p.notes;
        pageLo = pcLo & -4096;
        pageHi = pcHi;
      }
      const slot = (pcLo & 4095) >>> 1;
      let fn = fns[slot];
      if (fn === undefined) {
        if (!this.fill(page, slot)) {
          this.observedUncached(h, obs, pcLo, pcHi, hasBefore);
          i = h.icount;
          continue;
        }
        fn = fns[slot]!;
      }
      const w = words[slot];
      let note = 0;
      if (hasNote) {
        note = notes[slot];
        if (note === 0) {
          note = obs.note!(w);
          notes[slot] = note;
        }
      }
      if (hasBefore && (note === 0 || (note & NOTE_BEFORE) !== 0)) obs.before!(h, pcLo, pcHi, w);
      const nlo = (pcLo + 2 + (w & 2)) | 0;
      x[66] = nlo;
      x[67] = (nlo >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
      // The dispatch of `loop`, written out here too (a shared function is not inlined whole).
      switch (ops[slot]) {
        case 0:
          fn(h, w);
          break;
        case 1:
          H.H1(h, w);
          break;
        case 2:
          H.H2(h, w);
          break;
        case 3:
          H.H3(h, w);
          break;
        case 4:
          H.H4(h, w);
          break;
        case 5:
          H.H5(h, w);
          break;
        case 6:
          H.H6(h, w);
          break;
        case 7:
          H.H7(h, w);
          break;
        case 8:
          H.H8(h, w);
          break;
        case 9:
          H.H9(h, w);
          break;
        case 10:
          H.H10(h, w);
          break;
        case 11:
          H.H11(h, w);
          break;
        case 12:
          H.H12(h, w);
          break;
        case 13:
          H.H13(h, w);
          break;
        case 14:
          H.H14(h, w);
          break;
        case 15:
          H.H15(h, w);
          break;
        case 16:
          H.H16(h, w);
          break;
        case 17:
          H.H17(h, w);
          break;
        case 18:
          H.H18(h, w);
          break;
        case 19:
          H.H19(h, w);
          break;
        case 20:
          H.H20(h, w);
          break;
        case 21:
          H.H21(h, w);
          break;
        case 22:
          H.H22(h, w);
          break;
        case 23:
          H.H23(h, w);
          break;
        case 24:
          H.H24(h, w);
          break;
        case 25:
          H.H25(h, w);
          break;
        case 26:
          H.H26(h, w);
          break;
        case 27:
          H.H27(h, w);
          break;
        case 28:
          H.H28(h, w);
          break;
        case 29:
          H.H29(h, w);
          break;
        case 30:
          H.H30(h, w);
          break;
        case 31:
          H.H31(h, w);
          break;
        case 32:
          H.H32(h, w);
          break;
        case 33:
          H.H33(h, w);
          break;
        case 34:
          H.H34(h, w);
          break;
        case 35:
          H.H35(h, w);
          break;
        case 36:
          H.H36(h, w);
          break;
        case 37:
          H.H37(h, w);
          break;
        case 38:
          H.H38(h, w);
          break;
        case 39:
          H.H39(h, w);
          break;
        case 40:
          H.H40(h, w);
          break;
        case 41:
          H.H41(h, w);
          break;
        case 42:
          H.H42(h, w);
          break;
        case 43:
          H.H43(h, w);
          break;
        case 44:
          H.H44(h, w);
          break;
        case 45:
          H.H45(h, w);
          break;
        case 46:
          H.H46(h, w);
          break;
        case 47:
          H.H47(h, w);
          break;
      }
      x[0] = 0;
      x[1] = 0;
      x[64] = x[66];
      x[65] = x[67];
      i++;
      h.icount = i;
      obs.retire(h, pcLo, pcHi, w, note);
      // A handler may have dropped every decoded page (fence.i): look the page up again.
      if (dc.generation !== gen) {
        gen = dc.generation;
        pageLo = 1;
      }
    }
    h.icount = i;
  }

  /** One instruction through `stepUncached`, reported to the observer (decoded before it runs). */
  private observedUncached(h: Hart, obs: RetireObserver, pcLo: number, pcHi: number, hasBefore: boolean): void {
    if (hasBefore) {
      // The word is only known after fetching: peek it the same way stepUncached will fetch it.
      const mmu = h.mmu;
      const lo16 = mmu.fetch16(pcLo, pcHi);
      let hi16 = 0;
      if ((lo16 & 3) === 3) {
        const a = (pcLo + 2) | 0;
        hi16 = mmu.fetch16(a, (a >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi);
      }
      this.decoder.decodeExec(lo16, hi16, illegalExec);
      obs.before!(h, pcLo, pcHi, this.decoder.word);
    }
    const w = this.stepUncached(h);
    h.icount++;
    obs.retire(h, pcLo, pcHi, w, obs.note === undefined ? 0 : obs.note(w));
  }
}
