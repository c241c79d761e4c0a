/**
 * Memory as the debugger sees it: virtual addresses through the hart's current translation, read
 * and written without any effect on the guest.
 *
 * The translation is the one instructions are fetched with: the hart's privilege and V (not
 * mstatus.MPRV, which only moves loads and stores), satp for V=0 below M-mode, vsatp then hgatp
 * for V=1, each PTE read from RAM (a VS-stage PTE's guest-physical address through the G-stage).
 * It is the walk of src/rv64/paging.ts without its side effects and its permission rules, as
 * QEMU's debug accesses do: a valid leaf is enough (U, R/W/X, SUM and MXR are not checked), PMP
 * is not consulted, A/D bits are neither required nor set, no TLB is filled, no trap is raised.
 * An address that does not translate is an error for gdb (E14, EFAULT), never a guest page fault.
 *
 * Physical memory: RAM, and the boot ROM for reads. Device registers are not touched (a read of
 * the UART's receive register would consume a byte).
 */
import type { Machine } from '../machine.js';
import { BootRom } from '../platform/boot-rom.js';
import { Priv } from '../rv64/hart.js';
import { bitField, type PagingScheme, SV39, SV39X4, SV48, SV48X4 } from '../rv64/paging.js';

const TWO32 = 4294967296;

/** Maps a guest-physical address to a host-physical one, or -1. */
type PtMap = (gpa: number) => number;
const identity: PtMap = (a) => a;

/** satp-style MODE field (bits 63:60) of a CSR given as halves. */
const modeOf = (hi: number): number => hi >>> 28;
/** PPN field (bits 43:0) of a satp-style CSR. */
const ppnOf = (lo: number, hi: number): number => (hi & 0xfff) * TWO32 + (lo >>> 0);

export class DebugMemory {
  constructor(private readonly m: Machine) {}

  /** The physical address of virtual address (lo, hi) in the current translation, or -1. */
  translate(lo: number, hi: number): number {
    const h = this.m.hart;
    const c = this.m.csr;
    if (h.virt !== 0) {
      const g = this.gStage();
      if (g === null) return -1;
      const vsMode = modeOf(c.vsatpHi);
      let gpa: number;
      if (vsMode === 0) gpa = (hi >>> 0) < 0x200000 ? (hi >>> 0) * TWO32 + (lo >>> 0) : -1;
      else {
        const s = vsMode === 8 ? SV39 : vsMode === 9 ? SV48 : null;
        if (s === null) return -1;
        gpa = this.walk(s, ppnOf(c.vsatpLo, c.vsatpHi), lo, hi, g);
      }
      return gpa < 0 ? -1 : g(gpa);
    }
    if (h.priv === Priv.M || modeOf(c.satpHi) === 0) return (hi >>> 0) < 0x200000 ? (hi >>> 0) * TWO32 + (lo >>> 0) : -1;
    const mode = modeOf(c.satpHi);
    const s = mode === 8 ? SV39 : mode === 9 ? SV48 : null;
    return s === null ? -1 : this.walk(s, ppnOf(c.satpLo, c.satpHi), lo, hi, identity);
  }

  /** The G-stage as a map from guest-physical to host-physical addresses (hgatp), or null. */
  private gStage(): PtMap | null {
    const c = this.m.csr;
    const mode = modeOf(c.hgatpHi);
    if (mode === 0) return identity;
    const s = mode === 8 ? SV39X4 : mode === 9 ? SV48X4 : null;
    if (s === null) return null;
    const root = ppnOf(c.hgatpLo, c.hgatpHi);
    return (gpa) => (gpa < 0 ? -1 : this.walk(s, root, gpa % TWO32 | 0, Math.floor(gpa / TWO32) | 0, identity));
  }

  /** A radix-tree walk (privileged spec 12.3.2 without the permission and A/D steps); -1 on failure. */
  private walk(s: PagingScheme, rootPpn: number, lo: number, hi: number, ptMap: PtMap): number {
    const top = s.vaBits - 32;
    if (s.highBitsZero ? hi >>> top !== 0 : hi >> (top - 1) !== hi >> 31) return -1;
    const ram = this.m.ram;
    let a = rootPpn * 4096;
    for (let i = s.levels - 1; i >= 0; i--) {
      const bits = i === s.levels - 1 ? 9 + s.rootExtraBits : 9;
      const pteAddr = ptMap(a + bitField(lo, hi, 12 + 9 * i, bits) * 8);
      const off = pteAddr - ram.base;
      if (pteAddr < 0 || !(off >= 0 && off <= ram.size - 8)) return -1;
      const pl = ram.i32[off >> 2];
      const ph = ram.i32[(off >> 2) + 1];
      if ((pl & 1) === 0 || (pl & 6) === 4 || ph >>> 22 !== 0) return -1;
      const ppn = (ph & 0x3fffff) * 4194304 + (pl >>> 10);
      if ((pl & 10) === 0) {
        a = ppn * 4096; // a pointer to the next level
        continue;
      }
      if (ppn % 2 ** (9 * i) !== 0) return -1; // misaligned superpage
      return (ppn + (i === 0 ? 0 : bitField(lo, hi, 12, 9 * i))) * 4096 + (lo & 4095);
    }
    return -1;
  }

  /**
   * Reads up to `len` bytes from virtual address (lo, hi). Stops at the first byte that does not
   * translate or is not RAM or ROM: the result may be shorter (empty if the first byte fails).
   */
  read(lo: number, hi: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let n = 0;
    while (n < len) {
      const a = addHalves(lo, hi, n);
      const pa = this.translate(a.lo, a.hi);
      if (pa < 0) break;
      const chunk = Math.min(len - n, 4096 - (a.lo & 4095));
      const got = this.readPhys(pa, out.subarray(n, n + chunk));
      n += got;
      if (got < chunk) break;
    }
    return out.subarray(0, n);
  }

  /** Fills `dst` from physical address `pa` (within one page); returns the bytes read. */
  private readPhys(pa: number, dst: Uint8Array): number {
    const ram = this.m.ram;
    const off = pa - ram.base;
    if (off >= 0 && off + dst.length <= ram.size) {
      dst.set(ram.u8.subarray(off, off + dst.length));
      return dst.length;
    }
    for (const r of this.m.bus.regions) {
      if (!(r.device instanceof BootRom) || pa < r.base || pa >= r.base + r.size) continue;
      const n = Math.min(dst.length, r.base + r.size - pa);
      dst.set(r.device.image.subarray(pa - r.base, pa - r.base + n));
      return n;
    }
    return 0;
  }

  /**
   * Writes `bytes` at virtual address (lo, hi): all or nothing (every page is translated and must
   * be RAM before any byte is written). RAM writes keep the decoded-instruction cache coherent; they
   * are not guest stores (no device or HTIF sees them).
   */
  write(lo: number, hi: number, bytes: Uint8Array): boolean {
    const ram = this.m.ram;
    const parts: { pa: number; from: number; to: number }[] = [];
    for (let n = 0; n < bytes.length; ) {
      const a = addHalves(lo, hi, n);
      const pa = this.translate(a.lo, a.hi);
      const chunk = Math.min(bytes.length - n, 4096 - (a.lo & 4095));
      const off = pa - ram.base;
      if (pa < 0 || !(off >= 0 && off + chunk <= ram.size)) return false;
      parts.push({ pa, from: n, to: n + chunk });
      n += chunk;
    }
    for (const p of parts) this.m.mmu.writePhys(p.pa, bytes.subarray(p.from, p.to));
    return true;
  }
}

/** (lo, hi) + n as halves (n < 2^32). */
export function addHalves(lo: number, hi: number, n: number): { lo: number; hi: number } {
  const s = (lo >>> 0) + n;
  return { lo: s | 0, hi: (hi + (s >= TWO32 ? 1 : 0)) | 0 };
}
