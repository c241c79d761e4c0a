/**
 * Page-based virtual memory (privileged spec 12.3-12.5: Sv39, Sv48) and the translate function the
 * MMU calls on TLB misses: effective privilege, satp mode, the page-table walk, then PMP on the
 * final physical address.
 *
 * One walker serves every radix-tree scheme: it is parameterised by the number of levels, the
 * virtual-address width, the extra root-index bits (2 for the H extension's Sv39x4/Sv48x4 G-stage,
 * whose root table is 16 KiB) and how the bits above the address are checked (sign extension for
 * Sv39/Sv48, must-be-zero for guest-physical addresses). It reports page/access faults as a status
 * so each caller raises the cause it needs (page fault, guest-page fault).
 *
 * Svade by default: A = 0, or D = 0 on a store, is a page fault. Svadu (when the caller sets
 * `adue` from menvcfg.ADUE / henvcfg.ADUE): the walk sets A, and D on a store, in the leaf PTE
 * instead. That update is a store: PMP must grant S-mode write access to the PTE (else an access
 * fault of the original access type) and, for a VS-stage PTE, the G-stage must grant write access
 * (`ptTranslate(gpa, true)` raises the guest-page fault). Since a store's translation sets D
 * before the MMU fills its write TLB, no writable TLB entry ever stands for a page with D = 0.
 * No Svpbmt or Svnapot: PTE bits 63:54 are all reserved and must be zero.
 */
import { Ms, MsHi } from '../csr/csr-file.js';
import { GuestTranslator } from '../hext/two-stage.js';
import { Ext, type Hart, Priv } from './hart.js';
import { Access, type Mmu, type Translate } from './mmu.js';
import type { Pmp } from './pmp.js';
import { raise } from './trap.js';

export interface PagingScheme {
  readonly name: string;
  /** Levels of the tree (3 for Sv39, 4 for Sv48). */
  readonly levels: number;
  /** Translated address bits: 39/48, or 41/50 for the x4 G-stage schemes. */
  readonly vaBits: number;
  /** Root index bits beyond 9 (2 for Sv39x4/Sv48x4: a 2048-entry, 16 KiB root table). */
  readonly rootExtraBits: number;
  /** Bits above vaBits must be zero (guest-physical addresses) instead of copies of bit vaBits-1. */
  readonly highBitsZero: boolean;
}

export const SV39: PagingScheme = { name: 'Sv39', levels: 3, vaBits: 39, rootExtraBits: 0, highBitsZero: false };
export const SV48: PagingScheme = { name: 'Sv48', levels: 4, vaBits: 48, rootExtraBits: 0, highBitsZero: false };
export const SV39X4: PagingScheme = { name: 'Sv39x4', levels: 3, vaBits: 41, rootExtraBits: 2, highBitsZero: true };
export const SV48X4: PagingScheme = { name: 'Sv48x4', levels: 4, vaBits: 50, rootExtraBits: 2, highBitsZero: true };

/** satp.MODE values. */
export const enum SatpMode {
  Bare = 0,
  Sv39 = 8,
  Sv48 = 9,
}

/** PTE bits (low word). */
export const enum Pte {
  V = 1 << 0,
  R = 1 << 1,
  W = 1 << 2,
  X = 1 << 3,
  U = 1 << 4,
  G = 1 << 5,
  A = 1 << 6,
  D = 1 << 7,
}

export const enum Walk {
  Ok = 0,
  PageFault = 1,
  /** A PTE read outside RAM or denied by PMP. */
  AccessFault = 2,
}

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;

/** `n` (<= 30) bits of the 64-bit value (lo, hi) starting at bit `pos`. */
export function bitField(lo: number, hi: number, pos: number, n: number): number {
  const v = pos >= 32 ? hi >>> (pos - 32) : pos === 0 ? lo : (lo >>> pos) | (hi << (32 - pos));
  return v & ((1 << n) - 1);
}

/** The causes of page faults and access faults, indexed by Access. */
export const PAGE_FAULT = [12, 13, 15];
export const ACCESS_FAULT = [1, 5, 7];

export class PageWalker {
  /** Results of the last successful walk: the physical address (-1 if at or above 2^53), the leaf PTE and its level. */
  pa = 0;
  pteLo = 0;
  pteHi = 0;
  level = 0;
  /**
   * HLVX (H extension): a load that needs X instead of R (MXR is then irrelevant). Set by the
   * two-stage translator around its walks; false for every other walk.
   */
  hlvx = false;
  /**
   * For a VS-stage walk (H extension): maps each PTE's guest-physical address to a host-physical
   * one through the G-stage, raising a guest-page fault itself when that fails. Null otherwise.
   */
  ptTranslate: ((gpa: number, write: boolean) => number) | null = null;
  /** Svadu in force for this walk (menvcfg.ADUE, or henvcfg.ADUE for a VS-stage walk). */
  adue = false;

  constructor(
    private readonly mmu: Mmu,
    private readonly pmp: Pmp,
  ) {}

  /**
   * Walks the tree rooted at physical page `rootPpn` for virtual address (lo, hi) (privileged spec
   * 12.3.2). `user`: the access is made with U-mode rights (always so for a G-stage walk); `sum`
   * and `mxr` are the mstatus/vsstatus bits in force.
   */
  walk(s: PagingScheme, rootPpn: number, lo: number, hi: number, access: Access, user: boolean, sum: boolean, mxr: boolean): Walk {
    const top = s.vaBits - 32;
    if (s.highBitsZero ? hi >>> top !== 0 : hi >> (top - 1) !== (hi >> 31)) return Walk.PageFault;
    let a = rootPpn * 4096;
    const ram = this.mmu.ram;
    const i32 = ram.i32;
    for (let i = s.levels - 1; ; i--) {
      const bits = i === s.levels - 1 ? 9 + s.rootExtraBits : 9;
      const pteGpa = a + bitField(lo, hi, 12 + 9 * i, bits) * 8;
      const pteAddr = this.ptTranslate !== null ? this.ptTranslate(pteGpa, false) : pteGpa;
      // PTE reads are S-mode accesses for PMP (as Spike); the table must be in RAM.
      const off = pteAddr - ram.base;
      if (!(off >= 0 && off <= ram.size - 8) || !this.pmp.allows(pteAddr, 8, Access.Load, Priv.S)) {
        return Walk.AccessFault;
      }
      const pl = i32[off >> 2];
      const ph = i32[(off >> 2) + 1];
      // Invalid, W without R (reserved), or reserved bits 63:54 set.
      if ((pl & Pte.V) === 0 || (pl & (Pte.R | Pte.W)) === Pte.W || ph >>> 22 !== 0) return Walk.PageFault;
      const ppn = (ph & 0x3fffff) * 4194304 + (pl >>> 10);
      if ((pl & (Pte.R | Pte.X)) === 0) {
        // Pointer to the next level. D, A and U are reserved in non-leaf PTEs (12.3.1).
        if ((pl & (Pte.D | Pte.A | Pte.U)) !== 0 || i === 0) return Walk.PageFault;
        a = ppn * 4096;
        continue;
      }
      // Leaf: permissions (12.1.11 SUM/MXR, 12.3.1 U).
      if (user) {
        if ((pl & Pte.U) === 0) return Walk.PageFault;
      } else if ((pl & Pte.U) !== 0 && (access === Access.Fetch || !sum)) {
        return Walk.PageFault;
      }
      if (access === Access.Fetch) {
        if ((pl & Pte.X) === 0) return Walk.PageFault;
      } else if (access === Access.Load) {
        if (this.hlvx ? (pl & Pte.X) === 0 : (pl & Pte.R) === 0 && !(mxr && (pl & Pte.X) !== 0)) return Walk.PageFault;
      } else if ((pl & Pte.W) === 0) {
        return Walk.PageFault;
      }
      // Superpages must be aligned: the PPN bits the virtual address supplies must be zero.
      const span = 2 ** (9 * i);
      if (ppn % span !== 0) return Walk.PageFault;
      let leaf = pl;
      if ((pl & Pte.A) === 0 || (access === Access.Store && (pl & Pte.D) === 0)) {
        if (!this.adue) return Walk.PageFault; // Svade
        leaf = pl | Pte.A | (access === Access.Store ? Pte.D : 0);
        const r = this.updatePte(pteGpa, pteAddr, leaf);
        if (r !== Walk.Ok) return r;
      }
      const pa = (ppn + (i === 0 ? 0 : bitField(lo, hi, 12, 9 * i))) * 4096 + (lo & 4095);
      this.pa = pa < TWO53 ? pa : -1;
      this.pteLo = leaf;
      this.pteHi = ph;
      this.level = i;
      return Walk.Ok;
    }
  }

  /**
   * Svadu: writes the leaf PTE's low word `pl` (A/D now set) back to memory at `pteAddr`, whose
   * (guest-)physical address as the walk saw it is `pteGpa`. The write is an implicit store: for a
   * VS-stage PTE the G-stage must allow it (ptTranslate raises the guest-page fault, htinst
   * 0x00003020), then PMP must allow an S-mode store. Single hart: read and update are atomic.
   */
  private updatePte(pteGpa: number, pteAddr: number, pl: number): Walk {
    const pa = this.ptTranslate !== null ? this.ptTranslate(pteGpa, true) : pteAddr;
    const mmu = this.mmu;
    const off = pa - mmu.ram.base;
    if (!(off >= 0 && off <= mmu.ram.size - 8) || !this.pmp.allows(pa, 8, Access.Store, Priv.S)) return Walk.AccessFault;
    mmu.ram.i32[off >> 2] = pl;
    // Keep the decoded-instruction cache and store watchers coherent, as an ordinary store does.
    const page = off >>> 12;
    if (mmu.decodeCache.isCode[page] !== 0) mmu.decodeCache.invalidate(off, 8);
    else if (mmu.watched[page] !== 0) mmu.onWatch?.(pa, 8);
    return Walk.Ok;
  }
}

/** The MMU with the "do not cache this page" flag the translate function sets (see createTranslate). */

/**
 * The translate function for a hart without virtualization: effective privilege (MPRV/MPP for
 * loads and stores in M-mode), satp (Bare, Sv39, Sv48; M-mode is never translated), then PMP on
 * the physical address. Faults: page faults 12/13/15 and access faults 1/5/7, tval = the virtual
 * address. After each call `mmu.noCache` says whether the MMU may cache the page's translation:
 * false unless a PMP region boundary falls inside the physical page. `size` (bytes) is needed for
 * PMP's partial-match rule; callers that omit it get the 1-byte check.
 */
export function createTranslate(h: Hart, pmp: Pmp): (lo: number, hi: number, access: Access, size?: number) => number {
  const walker = new PageWalker(h.mmu, pmp);
  const mmu = h.mmu;
  // With H, accesses made with V=1 (and M-mode MPRV accesses with MPV=1) take both stages.
  const guest = h.ext & Ext.H ? new GuestTranslator(h, pmp) : null;
  const translate = (lo: number, hi: number, access: Access, size = 1): number => {
    const c = h.csr;
    const ms = c.mstatus;
    let priv = h.priv;
    let virt = h.virt;
    if (priv === Priv.M && access !== Access.Fetch && (ms & Ms.MPRV) !== 0) {
      priv = (ms >>> 11) & 3;
      virt = priv !== Priv.M && (c.mstatusHi & MsHi.MPV) !== 0 ? 1 : 0;
    }
    if (virt !== 0 && guest !== null) return guest.translate(lo, hi, access, size, priv, false);
    let pa: number;
    const mode = priv === Priv.M ? SatpMode.Bare : c.satpHi >>> 28;
    if (mode === SatpMode.Bare) {
      const ah = hi >>> 0;
      pa = ah < 0x200000 ? ah * TWO32 + (lo >>> 0) : -1;
    } else {
      const rootPpn = (c.satpHi & 0xfff) * TWO32 + (c.satpLo >>> 0);
      walker.adue = c.adue();
      const r = walker.walk(mode === SatpMode.Sv39 ? SV39 : SV48, rootPpn, lo, hi, access, priv === Priv.U, (ms & Ms.SUM) !== 0, (ms & Ms.MXR) !== 0);
      if (r !== Walk.Ok) raise(r === Walk.PageFault ? PAGE_FAULT[access] : ACCESS_FAULT[access], lo, hi);
      pa = walker.pa;
    }
    // No device lives at or above 2^53; the MMU turns -1 into an access fault.
    if (pa < 0 || (priv === Priv.M && !pmp.anyLocked)) {
      mmu.noCache = false;
      return pa;
    }
    if (!pmp.allows(pa, size, access, priv)) raise(ACCESS_FAULT[access], lo, hi);
    mmu.noCache = !pmp.pageUniform;
    return pa;
  };
  return translate satisfies Translate;
}
