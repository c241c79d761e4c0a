/**
 * A Linux process's address space on the simulated machine: Sv39 page tables built in the
 * machine's RAM, a physical page allocator over the rest of RAM, and the list of mapped regions
 * (VMAs) with their protection. Anonymous memory (stack, brk heap, anonymous mmap) is demand-paged:
 * a page fault inside a region maps a zeroed page and the instruction runs again, as on Linux.
 *
 * Host code (the loader and the system calls) reads and writes guest virtual memory through the
 * same tables, faulting pages in on the way; an address outside every region gives null (EFAULT).
 * Addresses are JS numbers: Sv39 user addresses are below 2^38.
 */
import type { Machine } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from './abi.js';

export const PAGE = 4096;
/** The end of the Sv39 user half (Linux's TASK_SIZE for Sv39). */
export const USER_TOP = 0x40_0000_0000;
const TWO32 = 4294967296;

/** PTE bits (privileged spec 4.3.1). */
const V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128;

export interface Vma {
  start: number;
  end: number;
  prot: number;
  /** What the region is (for messages): 'stack', 'heap', 'mmap', or the segment it came from. */
  name: string;
}

/** Raised when RAM has no free page left: the run stops with one line naming --mem. */
export class OutOfMemory extends HostError {}

export const pageDown = (a: number): number => a - (a % PAGE);
export const pageUp = (a: number): number => Math.ceil(a / PAGE) * PAGE;

export class UserMemory {
  readonly vmas: Vma[] = [];
  private readonly u8: Uint8Array;
  private readonly i32: Int32Array;
  private readonly ramBase: number;
  private readonly pages: number;
  /** Next never-used RAM page (bump allocation), then the free list. */
  private next = 0;
  private readonly free: number[] = [];
  /** RAM byte offset of the root page table. */
  readonly root: number;
  /** Pages in use (data and page tables), for statistics. */
  used = 0;

  constructor(private readonly m: Machine) {
    this.u8 = m.ram.u8;
    this.i32 = m.ram.i32;
    this.ramBase = m.ram.base;
    this.pages = m.ram.pages;
    this.root = this.allocPage() * PAGE;
  }

  /** satp for this address space: Sv39, ASID 0, the root's PPN (lo, hi words). */
  satp(): [number, number] {
    const ppn = (this.ramBase + this.root) / PAGE;
    return [ppn | 0, (8 << 28) | Math.floor(ppn / TWO32)];
  }

  /** A zeroed RAM page; its index. */
  allocPage(): number {
    let p: number;
    if (this.free.length > 0) p = this.free.pop()!;
    else if (this.next < this.pages) p = this.next++;
    else {
      throw new OutOfMemory(
        `the program needs more memory than the simulated machine's ${this.pages * PAGE / 1048576} MiB of RAM; try a larger --mem`,
        3,
      );
    }
    this.used++;
    return p;
  }

  private freePage(p: number): void {
    const off = p * PAGE;
    this.u8.fill(0, off, off + PAGE);
    // A page that held code may be handed out again as data or new code.
    if (this.m.mmu.decodeCache.isCode[p] !== 0) this.m.mmu.decodeCache.invalidate(off, PAGE);
    this.free.push(p);
    this.used--;
  }

  /** RAM byte offset of the leaf PTE for `va`, or -1 (with create: tables are built as needed). */
  private pte(va: number, create: boolean): number {
    let table = this.root;
    for (let level = 2; level > 0; level--) {
      const idx = Math.floor(va / 2 ** (12 + 9 * level)) & 511;
      const at = table + idx * 8;
      const e = this.i32[at >> 2];
      if ((e & V) === 0) {
        if (!create) return -1;
        const p = this.allocPage();
        this.i32[at >> 2] = (((this.ramBase / PAGE + p) << 10) | V) | 0;
        this.i32[(at >> 2) + 1] = 0;
        table = p * PAGE;
      } else {
        table = (e >>> 10) * PAGE - this.ramBase;
      }
    }
    return table + (Math.floor(va / PAGE) & 511) * 8;
  }

  private static flags(prot: number): number {
    let f = V | U | A | D;
    if (prot & (PROT_READ | PROT_WRITE)) f |= R;
    if (prot & PROT_WRITE) f |= W;
    if (prot & PROT_EXEC) f |= X;
    return f;
  }

  /** RAM byte offset of the page mapped at `va` (page-aligned), or -1. */
  mapped(va: number): number {
    const at = this.pte(va, false);
    if (at < 0) return -1;
    const e = this.i32[at >> 2];
    return e & V ? (e >>> 10) * PAGE - this.ramBase : -1;
  }

  /** Maps a fresh zeroed page at `va` with `prot`; returns its RAM byte offset. */
  private mapNew(va: number, prot: number): number {
    const at = this.pte(va, true);
    const p = this.allocPage();
    this.i32[at >> 2] = ((((this.ramBase / PAGE) + p) << 10) | UserMemory.flags(prot)) | 0;
    this.i32[(at >> 2) + 1] = 0;
    return p * PAGE;
  }

  findVma(va: number): Vma | undefined {
    for (const v of this.vmas) if (va >= v.start && va < v.end) return v;
    return undefined;
  }

  /** Whether any region overlaps [start, end). */
  overlaps(start: number, end: number): boolean {
    return this.vmas.some((v) => v.start < end && start < v.end);
  }

  /** Adds a region over free addresses (callers unmap first). */
  addVma(start: number, end: number, prot: number, name: string): void {
    this.vmas.push({ start, end, prot, name });
    this.tidy();
  }

  /** Sorts the regions and merges neighbours of the same kind (brk growth, mremap). */
  private tidy(): void {
    const v = this.vmas.sort((a, b) => a.start - b.start);
    for (let i = v.length - 1; i > 0; i--) {
      const a = v[i - 1];
      const b = v[i];
      if (a.end === b.start && a.prot === b.prot && a.name === b.name) {
        a.end = b.end;
        v.splice(i, 1);
      }
    }
  }

  /** Cuts [start, end) out of the regions, splitting those that straddle it. */
  private cut(start: number, end: number, keep: (v: Vma, s: number, e: number) => Vma[]): void {
    const out: Vma[] = [];
    for (const v of this.vmas) {
      if (v.end <= start || v.start >= end) {
        out.push(v);
        continue;
      }
      if (v.start < start) out.push({ ...v, end: start });
      out.push(...keep(v, Math.max(v.start, start), Math.min(v.end, end)));
      if (v.end > end) out.push({ ...v, start: end });
    }
    this.vmas.length = 0;
    this.vmas.push(...out);
  }

  /** munmap: frees the pages of [start, end) and forgets the regions there. */
  unmap(start: number, end: number): void {
    this.cut(start, end, () => []);
    for (let va = start; va < end; va += PAGE) {
      const at = this.pte(va, false);
      if (at < 0 || (this.i32[at >> 2] & V) === 0) continue;
      this.freePage(((this.i32[at >> 2] >>> 10) * PAGE - this.ramBase) / PAGE);
      this.i32[at >> 2] = 0;
    }
    this.m.mmu.flush();
  }

  /** mprotect: changes the protection of the regions in [start, end); false if part of it is unmapped. */
  protect(start: number, end: number, prot: number): boolean {
    for (let a = start; a < end; ) {
      const v = this.findVma(a);
      if (v === undefined) return false;
      a = v.end;
    }
    this.cut(start, end, (v, s, e) => [{ ...v, start: s, end: e, prot }]);
    this.tidy();
    const f = UserMemory.flags(prot);
    for (let va = start; va < end; va += PAGE) {
      const at = this.pte(va, false);
      if (at < 0 || (this.i32[at >> 2] & V) === 0) continue;
      this.i32[at >> 2] = (this.i32[at >> 2] & ~0x3ff) | f;
    }
    this.m.mmu.flush();
    return true;
  }

  /**
   * Moves the pages of [from, from + len) to [to, to + len) (mremap), keeping their contents; the
   * target range must be free. The region moves with them.
   */
  move(from: number, len: number, to: number, newLen: number): void {
    const v = this.findVma(from)!;
    for (let off = 0; off < len; off += PAGE) {
      const src = this.pte(from + off, false);
      if (src < 0 || (this.i32[src >> 2] & V) === 0) continue;
      const dst = this.pte(to + off, true);
      this.i32[dst >> 2] = this.i32[src >> 2];
      this.i32[(dst >> 2) + 1] = this.i32[(src >> 2) + 1];
      this.i32[src >> 2] = 0;
      this.i32[(src >> 2) + 1] = 0;
    }
    this.cut(from, from + len, () => []);
    this.addVma(to, to + newLen, v.prot, v.name);
    this.m.mmu.flush();
  }

  /**
   * A page fault at `va` for an access needing `prot` (PROT_READ, PROT_WRITE or PROT_EXEC): maps
   * the page if a region allows the access and the page is not there yet. False: a real fault
   * (SIGSEGV).
   */
  fault(va: number, prot: number): boolean {
    const v = this.findVma(va);
    if (v === undefined || (v.prot & prot) !== prot) return false;
    // Readable means the PTE's R bit, which PROT_WRITE also gives (W without R is reserved).
    if (prot === PROT_READ && (v.prot & (PROT_READ | PROT_WRITE)) === 0) return false;
    if (this.mapped(pageDown(va)) >= 0) return false;
    this.mapNew(pageDown(va), v.prot);
    return true;
  }

  /** RAM offset of the page holding `va` for a host access, faulting it in; -1 if not allowed. */
  private hostPage(va: number, write: boolean): number {
    const page = pageDown(va);
    const v = this.findVma(va);
    if (v === undefined) return -1;
    if (write ? (v.prot & PROT_WRITE) === 0 : (v.prot & (PROT_READ | PROT_WRITE)) === 0) return -1;
    const off = this.mapped(page);
    return off >= 0 ? off : this.mapNew(page, v.prot);
  }

  /** Copies guest memory [va, va + len) out; null if any of it is not readable. */
  read(va: number, len: number): Uint8Array | null {
    const out = new Uint8Array(len);
    for (let done = 0; done < len; ) {
      const a = va + done;
      const off = this.hostPage(a, false);
      if (off < 0) return null;
      const inPage = a % PAGE;
      const n = Math.min(PAGE - inPage, len - done);
      out.set(this.u8.subarray(off + inPage, off + inPage + n), done);
      done += n;
    }
    return out;
  }

  /** Copies bytes into guest memory at `va`; false if any of it is not writable. */
  write(va: number, bytes: Uint8Array, force = false): boolean {
    for (let done = 0; done < bytes.length; ) {
      const a = va + done;
      const off = force ? this.forcePage(a) : this.hostPage(a, true);
      if (off < 0) return false;
      const inPage = a % PAGE;
      const n = Math.min(PAGE - inPage, bytes.length - done);
      this.u8.set(bytes.subarray(done, done + n), off + inPage);
      if (this.m.mmu.decodeCache.isCode[off / PAGE] !== 0) this.m.mmu.decodeCache.invalidate(off + inPage, n);
      done += n;
    }
    return true;
  }

  /** The page at `va` whatever its protection (the loader filling read-only segments). */
  private forcePage(va: number): number {
    const v = this.findVma(va);
    if (v === undefined) return -1;
    const off = this.mapped(pageDown(va));
    return off >= 0 ? off : this.mapNew(pageDown(va), v.prot);
  }

  /** A NUL-terminated string at `va` (at most `max` bytes), or null if unreadable or too long. */
  readCString(va: number, max = 4096): Uint8Array | null {
    const parts: number[] = [];
    for (let a = va; a < va + max; ) {
      const off = this.hostPage(a, false);
      if (off < 0) return null;
      const end = pageDown(a) + PAGE;
      for (; a < end && a < va + max; a++) {
        const b = this.u8[off + (a % PAGE)];
        if (b === 0) return Uint8Array.from(parts);
        parts.push(b);
      }
    }
    return null;
  }

  /** A 64-bit value at `va` as a JS number (exact below 2^53; pointers and sizes), or null. */
  readU64(va: number): number | null {
    const b = this.read(va, 8);
    if (b === null) return null;
    const dv = new DataView(b.buffer);
    return dv.getUint32(4, true) * TWO32 + dv.getUint32(0, true);
  }

  /**
   * The highest free range of `len` bytes below `top` and above `floor` (mmap's top-down search), or -1.
   */
  findFree(len: number, top: number, floor: number): number {
    let end = top;
    for (let i = this.vmas.length - 1; i >= -1; i--) {
      const v = i >= 0 ? this.vmas[i] : null;
      if (v !== null && v.start >= end) continue;
      const gapStart = v === null ? floor : Math.max(v.end, floor);
      if (end - gapStart >= len) return end - len;
      if (v === null) break;
      end = Math.min(end, v.start);
      if (end <= floor) break;
    }
    return -1;
  }
}
