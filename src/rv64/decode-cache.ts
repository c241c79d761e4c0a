import type { Exec } from './isa/types.js';

/** Instruction slots per 4 KiB page: one per 16-bit parcel. */
export const SLOTS = 2048;

/**
 * Decoded instructions of one physical RAM page, one slot per parcel: the handler and the word it
 * receives (expanded for compressed instructions). An undefined handler means "not decoded yet".
 */
export class DecodedPage {
  /** Byte offset of the page in RAM. */
  constructor(readonly base: number) {}
  readonly fns: (Exec | undefined)[] = new Array<Exec | undefined>(SLOTS).fill(undefined);
  readonly words = new Int32Array(SLOTS);
  /** Hot-op id per slot (see hot-ops.ts); 0 = call fns[slot]. */
  readonly ops = new Uint8Array(SLOTS);
  /**
   * The observer's note per slot (RetireObserver.note, e.g. the timing model's class of the
   * instruction); 0 = not derived yet. Reset whenever the slot is decoded again.
   */
  readonly notes = new Int32Array(SLOTS);
}

/**
 * The decoded-instruction cache, keyed by physical RAM page. It stays coherent with stores: the
 * MMU keeps code pages out of its write TLB, so every store to a code page reaches `invalidate`.
 */
export class DecodeCache {
  readonly pages: (DecodedPage | undefined)[];
  /** 1 for a RAM page that has a DecodedPage (the MMU reads this on its store slow path). */
  readonly isCode: Uint8Array;
  /** Bumped whenever pages are dropped, so holders of a page reference can notice. */
  generation = 0;
  /** The observer whose notes the pages' `notes` hold (see `claimNotes`). */
  private noteOwner: unknown = null;

  constructor(ramPages: number) {
    this.pages = new Array<DecodedPage | undefined>(ramPages).fill(undefined);
    this.isCode = new Uint8Array(ramPages);
  }

  /** Invalidates the slots that may hold instructions overlapping [ramOff, ramOff+len). */
  invalidate(ramOff: number, len: number): void {
    const first = ramOff - 2; // a 32-bit instruction may start one parcel earlier
    for (let a = first < 0 ? 0 : first; a < ramOff + len; a += 2) {
      const p = this.pages[a >>> 12];
      if (p !== undefined) p.fns[(a & 0xfff) >>> 1] = undefined;
    }
  }

  /** Makes the pages' notes `owner`'s: forgets every note when another observer made them. */
  claimNotes(owner: unknown): void {
    if (this.noteOwner === owner) return;
    this.noteOwner = owner;
    for (const p of this.pages) p?.notes.fill(0);
  }

  /** Drops every decoded page (fence.i, misa changes). */
  flushAll(): void {
    this.pages.fill(undefined);
    this.isCode.fill(0);
    this.generation++;
  }
}
