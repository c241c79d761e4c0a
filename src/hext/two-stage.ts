/**
 * Two-stage address translation (privileged spec, H extension, "Two-Stage Address Translation"):
 * a guest virtual address goes through the VS-stage (vsatp: Bare, Sv39, Sv48) to a guest physical
 * address, which goes through the G-stage (hgatp: Bare, Sv39x4, Sv48x4) to a host physical one;
 * PMP then checks that with the guest's privilege.
 *
 * - Every VS-stage PTE read is itself a G-stage translation, checked as a plain load (HLVX and
 *   vsstatus.MXR do not apply; HS-level MXR does). If it fails the guest-page fault names the
 *   original access type, htval/mtval2 gets that PTE's GPA >> 2 and htinst/mtinst 0x00003000
 *   (the "implicit load" pseudo-instruction for RV64).
 * - G-stage leaves must have U = 1 (all G-stage accesses are treated as U-mode accesses); SUM
 *   does not apply there; mstatus.MXR does. vsstatus.SUM and MXR apply to the VS-stage.
 * - Faults: VS-stage page faults 12/13/15, G-stage guest-page faults 20/21/23 with htval =
 *   GPA >> 2; access faults 1/5/7. tval is always the guest virtual address, so GVA is set.
 * - htinst/mtinst of a guest-page fault: the implicit-access pseudoinstructions below, the
 *   transformed instruction for an explicit load/store/AMO (src/hext/tinst.ts), 0 for a fetch.
 * - A/D bits: Svade by default; with Svadu, menvcfg.ADUE lets the G-stage walk set them and
 *   henvcfg.ADUE the VS-stage walk. A VS-stage PTE update is an implicit store: the G-stage must
 *   grant write access to the PTE's GPA, else a guest-page fault (the original access type, as for
 *   PTE reads) with htval = GPA >> 2 and htinst 0x00003020 ("implicit store" for RV64).
 *
 * The MMU's TLBs cache the combined GVA -> HPA result per 4 KiB page, tagged by context (V, the
 * privilege, vsatp with its ASID, hgatp with its VMID, vsstatus.SUM/MXR, mstatus.MXR; MPRV/MPV
 * select the context of M-mode data accesses): a change of any of those selects another set of
 * entries without dropping any, and HFENCE.VVMA/GVMA (and SFENCE.VMA in VS) invalidate the
 * contexts they name. See src/rv64/mmu.ts and docs/tlb.md.
 */
import { Ms } from '../csr/csr-file.js';
import { type Hart, Priv } from '../rv64/hart.js';
import { Access } from '../rv64/mmu.js';
import { ACCESS_FAULT, PAGE_FAULT, PageWalker, SV39, SV39X4, SV48, SV48X4, SatpMode, Walk } from '../rv64/paging.js';
import type { Pmp } from '../rv64/pmp.js';
import { TRAP } from '../rv64/trap.js';
import { currentInsn, transformedInsn } from './tinst.js';

/** Guest-page-fault causes, indexed by Access (fetch 20, load 21, store/AMO 23). */
export const GUEST_PAGE_FAULT = [20, 21, 23];
/** htinst/mtinst for a fault during an implicit VS-stage PTE read (RV64). */
export const TINST_IMPLICIT_LOAD = 0x3000;
/** htinst/mtinst for a fault during an implicit VS-stage PTE write (Svadu A/D update, RV64). */
export const TINST_IMPLICIT_STORE = 0x3020;

const TWO32 = 4294967296;

/** The translator each H hart uses; HLV/HSV find it here (src/hext/hlv.ts). */
const translators = new WeakMap<Hart, GuestTranslator>();

export function guestTranslatorOf(h: Hart): GuestTranslator {
  const t = translators.get(h);
  if (t === undefined) throw new Error('no H extension on this hart');
  return t;
}

/** A 64-bit guest physical address (lo, hi) shifted right by 2, or 0 when it would not be exact. */
function shr2(lo: number, hi: number): number {
  const uh = hi >>> 0;
  return uh < 0x800000 ? uh * 0x40000000 + (lo >>> 2) : 0;
}

export class GuestTranslator {
  private readonly vs: PageWalker;
  private readonly g: PageWalker;
  // The access being translated, for the faults raised from inside a VS-stage walk.
  private gvaLo = 0;
  private gvaHi = 0;
  private access: Access = Access.Load;

  constructor(
    private readonly h: Hart,
    private readonly pmp: Pmp,
  ) {
    this.vs = new PageWalker(h.mmu, pmp);
    this.g = new PageWalker(h.mmu, pmp);
    this.vs.ptTranslate = (gpa, write) => this.ptePa(gpa, write);
    translators.set(h, this);
  }

  /**
   * htinst/mtinst for a guest-page fault of the explicit access being translated: the executing
   * instruction transformed (Addr. Offset 0; the MMU's misaligned paths correct it), 0 for a fetch.
   */
  private explicitTinst(): number {
    if (this.access === Access.Fetch) return 0;
    const h = this.h;
    return transformedInsn(currentInsn(h.mmu, h.pcLo, h.pcHi), 0);
  }

  /** Raises an exception whose tval is the guest virtual address being translated. */
  private fault(cause: number, tval2: number, tinst: number): never {
    const t = TRAP.set(cause, this.gvaLo, this.gvaHi);
    t.tval2 = tval2;
    t.tinst = tinst;
    t.gva = true;
    throw t;
  }

  /**
   * G-stage translation of guest physical address (lo, hi) for `access` (a VS-stage PTE read is a
   * Load, its Svadu update a Store, with `implicit` the htinst to report; 0 for the explicit access
   * itself): the host physical address (-1 when at or above 2^53), or a guest-page/access fault.
   */
  private gstage(lo: number, hi: number, access: Access, hlvx: boolean, implicit: number): number {
    const c = this.h.csr;
    const mode = c.hgatpHi >>> 28;
    if (mode === SatpMode.Bare) {
      const ah = hi >>> 0;
      return ah < 0x200000 ? ah * TWO32 + (lo >>> 0) : -1;
    }
    const root = (c.hgatpHi & 0xfff) * TWO32 + (c.hgatpLo >>> 0);
    const g = this.g;
    g.hlvx = hlvx;
    g.adue = c.adue();
    const r = g.walk(mode === SatpMode.Sv39 ? SV39X4 : SV48X4, root, lo, hi, access, true, false, (c.mstatus & Ms.MXR) !== 0);
    if (r === Walk.PageFault) {
      // A failed implicit write (the Svadu update of a VS-stage PTE) is a store/AMO guest-page
      // fault whatever the original access was; implicit reads fault as the original access.
      const cause = implicit === TINST_IMPLICIT_STORE ? GUEST_PAGE_FAULT[Access.Store] : GUEST_PAGE_FAULT[this.access];
      this.fault(cause, shr2(lo, hi), implicit !== 0 ? implicit : this.explicitTinst());
    } else if (r === Walk.AccessFault) {
      this.fault(ACCESS_FAULT[this.access], 0, 0);
    }
    return g.pa;
  }

  /** Host physical address of a VS-stage PTE at guest physical address `gpa`: a plain load, or a store for an A/D update. */
  private ptePa(gpa: number, write: boolean): number {
    const lo = gpa % TWO32 | 0;
    const hi = Math.floor(gpa / TWO32) | 0;
    const pa = write
      ? this.gstage(lo, hi, Access.Store, false, TINST_IMPLICIT_STORE)
      : this.gstage(lo, hi, Access.Load, false, TINST_IMPLICIT_LOAD);
    // The walker treats an address outside RAM as an access fault; -1 is outside.
    return pa;
  }

  /**
   * Translates guest virtual address (lo, hi) for an access of `size` bytes made with V=1 at
   * privilege `priv` (S for VS, U for VU); `hlvx` for HLVX. Returns the host physical address and
   * sets the MMU's noCache flag as the one-stage translate function does.
   */
  translate(lo: number, hi: number, access: Access, size: number, priv: number, hlvx: boolean): number {
    const h = this.h;
    const c = h.csr;
    this.gvaLo = lo;
    this.gvaHi = hi;
    this.access = access;
    let glo = lo;
    let ghi = hi;
    const vmode = c.vsatpHi >>> 28;
    if (vmode !== SatpMode.Bare) {
      const vs = this.vs;
      vs.hlvx = hlvx;
      vs.adue = c.vsAdue();
      const vss = c.vsstatus;
      const root = (c.vsatpHi & 0xfff) * TWO32 + (c.vsatpLo >>> 0);
      const mxr = ((vss | c.mstatus) & Ms.MXR) !== 0;
      const r = vs.walk(vmode === SatpMode.Sv39 ? SV39 : SV48, root, lo, hi, access, priv === Priv.U, (vss & Ms.SUM) !== 0, mxr);
      if (r === Walk.PageFault) this.fault(PAGE_FAULT[access], 0, 0);
      else if (r === Walk.AccessFault) this.fault(ACCESS_FAULT[access], 0, 0);
      const gpa = vs.pa;
      if (gpa < 0) this.fault(GUEST_PAGE_FAULT[access], 0, this.explicitTinst());
      glo = gpa % TWO32 | 0;
      ghi = Math.floor(gpa / TWO32) | 0;
    }
    const pa = this.gstage(glo, ghi, access, hlvx, 0);
    const mmu = h.mmu;
    if (pa < 0) {
      mmu.noCache = false;
      return pa;
    }
    if (!this.pmp.allows(pa, size, access, priv)) {
      this.fault(ACCESS_FAULT[access], 0, 0);
    }
    mmu.noCache = !this.pmp.pageUniform;
    return pa;
  }
}
