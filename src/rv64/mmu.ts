/**
 * The MMU: software TLBs for loads, stores and fetches in front of translation, PMP and the bus.
 *
 * A TLB entry maps a virtual page to an offset into the RAM buffer, so a hit is one compare of the
 * tag (with the alignment check folded in: the low bits of the masked address must be zero) plus
 * one add. Everything else (misses, misaligned accesses, MMIO, code pages, watched pages) takes the
 * slow path.
 *
 * The TLBs are tagged by translation context without costing the hit path anything: there are
 * SLOTS pairs of (read, write) arrays, one per context, and `rTlb`/`wTlb` point at the current
 * context's pair. A context is everything a cached entry's validity depends on besides the page
 * tables and PMP: the effective privilege and V of data accesses (MPRV/MPP/MPV included), satp
 * (MODE, ASID, PPN) for V=0, vsatp and hgatp (VMID) for V=1, and the SUM/MXR bits that the walk
 * bakes into an entry's permissions. Whatever may change one of those calls `selectContext()`,
 * which compares the new context with the current one and, when it differs, switches to the slot
 * holding it (or evicts the least recently used one). So a guest's trap to HS and SRET back, or a
 * satp write to another ASID, keep every context's entries. Fences invalidate the slots their
 * rs1/rs2 forms name (`fence`); PMP changes and host writes to the page tables flush all (`flush`).
 *
 * Each slot also has a fetch TLB (`fTlb`): virtual page -> RAM page number of the decoded page,
 * filled by `codePage` after a successful translation with execute permission, and used only while
 * the slot's context is also the fetch context (not under M-mode MPRV, whose data accesses use
 * another privilege). It stores the RAM page number, not the DecodedPage: `codePage` takes the
 * page object from the decode cache on every hit, so a page dropped by FENCE.I is never returned.
 * See docs/tlb.md.
 */
import type { Bus } from '../platform/bus.js';
import type { Ram } from '../platform/ram.js';
import { Ms, MsHi } from '../csr/csr-file.js';
import type { Hart } from './hart.js';
import { Cause, raise, TRAP } from './trap.js';
import { DecodeCache, DecodedPage } from './decode-cache.js';
import { withAddrOffset } from '../hext/tinst.js';

export const enum Access {
  Fetch = 0,
  Load = 1,
  Store = 2,
}

const TLB_BITS = 8;
const TLB_SIZE = 1 << TLB_BITS;
const TLB_MASK = TLB_SIZE - 1;
/**
 * A tag no masked address can equal. The tag compares keep the low alignment bits (0..2) of a
 * misaligned address, so a tag of 1..7 would match a misaligned access to page 0 (`sh` at 1 hit
 * an empty entry and wrote RAM offset 0: found by the hypervisor isolation property test); bit 11
 * is inside the page offset and no mask keeps it.
 */
const INVALID = 0x800;
const TWO32 = 4294967296;

/** Translation contexts with their own TLB arrays. */
export const TLB_SLOTS = 16;
/** Words of a context key: flags, then satp (V=0) or vsatp (V=1) lo/hi, then hgatp lo/hi (V=1). */
const KEY = 5;
/** Key flag bits: bits 0-1 the effective privilege, then V and the status bits baked in. */
const enum Kf {
  Virt = 1 << 2,
  Sum = 1 << 3,
  Mxr = 1 << 4,
  VsSum = 1 << 5,
  VsMxr = 1 << 6,
  /** Set in every valid key (a zero flags word marks a free slot). */
  Valid = 1 << 7,
}

/** Which contexts a fence invalidates (see `Mmu.fence`). */
export const enum Fence {
  /** SFENCE.VMA from HS or M: V=0 contexts that translate (satp), optionally one ASID. */
  Host = 0,
  /** HFENCE.VVMA, or SFENCE.VMA from VS: V=1 contexts of one VMID, optionally one (vsatp) ASID. */
  GuestVs = 1,
  /** HFENCE.GVMA: V=1 contexts, optionally of one VMID. */
  GuestG = 2,
}

/** Translates a virtual address for an access; returns the physical address or throws a trap. */
/** Translates an access of `size` bytes; returns the physical address or throws a trap. */
export type Translate = (lo: number, hi: number, access: Access, size: number) => number;

/** Observes writes to watched RAM pages (HTIF tohost). */
export type WatchHandler = (paddr: number, size: number) => void;

export class Mmu {
  readonly ram: Ram;
  private readonly i32: Int32Array;
  private readonly i16: Int16Array;
  private readonly i8: Int8Array;
  private readonly ramBase: number;
  private readonly ramSize: number;

  /**
   * Read and write TLBs, one entry per 4 words: tag low word, tag high word, RAM offset minus the
   * virtual page (one typed array per TLB, so a lookup touches a single array).
   */
  rTlb: Int32Array;
  wTlb: Int32Array;
  /**
   * The fetch TLB of the current slot, one entry per 4 words: tag low word (virtual page), tag
   * high word, RAM page number (offset >>> 12) of the code page, pad.
   */
  private fTlb: Int32Array;
  /**
   * `priv | V << 2` of the fetches the current slot's context is right for, or -1 when fetches
   * are in another context than data accesses (M-mode with MPRV=1 and MPP below M): `codePage`
   * uses `fTlb` only when this equals the hart's own privilege and V.
   */
  private fetchCtx = -1;
  /** Each context slot's TLB arrays, its key (KEY words; flags 0 = free) and last use. */
  private readonly rSets: Int32Array[] = [];
  private readonly wSets: Int32Array[] = [];
  private readonly fSets: Int32Array[] = [];
  private readonly keys = new Int32Array(TLB_SLOTS * KEY);
  private readonly lastUse = new Float64Array(TLB_SLOTS);
  private useClock = 0;
  /** The current slot. */
  slot = 0;
  /** Context switches that found their slot (kept) and that had to evict one (for tests and docs). */
  readonly ctxStats = { hits: 0, misses: 0 };

  /** High word of the last 64-bit load (in a typed array: it is rarely a Smi, see Hart.pcLo). */
  private readonly hiBox = new Int32Array(1);
  get hi(): number {
    return this.hiBox[0];
  }
  set hi(v: number) {
    this.hiBox[0] = v;
  }

  readonly decodeCache: DecodeCache;
  /** 1 for RAM pages whose stores must be reported to `onWatch`. */
  readonly watched: Uint8Array;
  onWatch: WatchHandler | null = null;

  /**
   * Set by the translate function on every call: true when the page's translation must not be
   * cached (a PMP boundary inside the physical page), so every access takes the slow path.
   */
  noCache = false;

  /** satp modes this MMU implements, as a bit mask over the MODE field (bit 0: Bare). */
  satpModes = 1;

  /** The translation function in force (bare by default; paging installs its walker). */
  translate: Translate;

  /**
   * Where the executing instruction came from, for htinst/mtinst (src/hext/tinst.ts), recorded on
   * the fetch slow paths only: the decoded page `codePage` last returned (null when it returned
   * none), and in `fetchLog` its virtual page (lo, hi), then (lo, hi, parcel) of the last `fetch16`
   * and of the one before it. In typed arrays: addresses are rarely Smis (see Hart.pcLo).
   */
  codePg: DecodedPage | null = null;
  readonly fetchLog = new Int32Array(8).fill(1);

  constructor(
    private readonly h: Hart,
    readonly bus: Bus,
  ) {
    const ram = bus.ram;
    this.ram = ram;
    this.i32 = ram.i32;
    this.i16 = ram.i16;
    this.i8 = ram.i8;
    this.ramBase = ram.base;
    this.ramSize = ram.size;
    this.decodeCache = new DecodeCache(ram.pages);
    this.watched = new Uint8Array(ram.pages);
    this.translate = bare;
    for (let i = 0; i < TLB_SLOTS; i++) {
      this.rSets.push(new Int32Array(TLB_SIZE * 4));
      this.wSets.push(new Int32Array(TLB_SIZE * 4));
      this.fSets.push(new Int32Array(TLB_SIZE * 4));
      this.clearSlot(i);
    }
    this.rTlb = this.rSets[0];
    this.wTlb = this.wSets[0];
    this.fTlb = this.fSets[0];
    // Slot 0 starts as the context of a hart in M-mode; the first selectContext() re-checks it.
    this.keys[0] = Kf.Valid | 3;
  }

  private clearSlot(i: number): void {
    const r = this.rSets[i];
    const w = this.wSets[i];
    const f = this.fSets[i];
    for (let k = 0; k < TLB_SIZE * 4; k += 4) {
      r[k] = INVALID;
      w[k] = INVALID;
      f[k] = INVALID;
    }
  }

  /**
   * Invalidates every context's entries (PMP changes, watched pages, host edits of page tables or
   * mappings) and selects the current context again. Lazily: every slot is marked free and only
   * the one selected now is cleared; the others are cleared when reused (selectContext), so a
   * flush costs one slot's clearing, as before tagging.
   */
  flush(): void {
    for (let i = 0; i < TLB_SLOTS; i++) this.keys[i * KEY] = 0;
    if (this.h.csr === undefined) this.clearSlot(this.slot); // no context yet: keep slot 0, empty
    else this.selectContext();
  }

  /**
   * Makes the TLB arrays those of the current data-access context (see the module comment); call
   * after any change to privilege, V, satp/vsatp/hgatp, mstatus.MPRV/MPP/MPV/SUM/MXR or
   * vsstatus.SUM/MXR. One compare when nothing changed.
   */
  selectContext(): void {
    const h = this.h;
    const c = h.csr;
    if (c === undefined) return; // during construction
    const ms = c.mstatus;
    let priv = h.priv;
    let virt = h.virt;
    if (priv === 3 && (ms & Ms.MPRV) !== 0) {
      priv = (ms >>> 11) & 3;
      virt = priv !== 3 && (c.mstatusHi & MsHi.MPV) !== 0 ? 1 : 0;
    }
    // Fetches ignore MPRV: the slot is theirs too unless MPRV moved data accesses elsewhere.
    this.fetchCtx = priv === h.priv && virt === h.virt ? priv | (virt << 2) : -1;
    let f = Kf.Valid | priv;
    let aLo = 0;
    let aHi = 0;
    let bLo = 0;
    let bHi = 0;
    if (virt !== 0) {
      const vss = c.vsstatus;
      f |= Kf.Virt | ((ms & Ms.MXR) !== 0 ? Kf.Mxr : 0) | ((vss & Ms.MXR) !== 0 ? Kf.VsMxr : 0);
      if (priv === 1 && (vss & Ms.SUM) !== 0) f |= Kf.VsSum;
      aLo = c.vsatpLo;
      aHi = c.vsatpHi;
      bLo = c.hgatpLo;
      bHi = c.hgatpHi;
    } else if (priv !== 3) {
      f |= (ms & Ms.MXR) !== 0 ? Kf.Mxr : 0;
      if (priv === 1 && (ms & Ms.SUM) !== 0) f |= Kf.Sum;
      aLo = c.satpLo;
      aHi = c.satpHi;
    }
    const keys = this.keys;
    let k = this.slot * KEY;
    if (keys[k] === f && keys[k + 1] === aLo && keys[k + 2] === aHi && keys[k + 3] === bLo && keys[k + 4] === bHi) return;
    // The slot holding this context, else a free one, else the least recently used.
    let found = -1;
    let victim = 0;
    let oldest = Infinity;
    for (let i = 0; i < TLB_SLOTS; i++) {
      k = i * KEY;
      if (keys[k] === f && keys[k + 1] === aLo && keys[k + 2] === aHi && keys[k + 3] === bLo && keys[k + 4] === bHi) {
        found = i;
        break;
      }
      const use = keys[k] === 0 ? -1 : this.lastUse[i];
      if (use < oldest) {
        oldest = use;
        victim = i;
      }
    }
    if (found < 0) {
      found = victim;
      this.clearSlot(found);
      k = found * KEY;
      keys[k] = f;
      keys[k + 1] = aLo;
      keys[k + 2] = aHi;
      keys[k + 3] = bLo;
      keys[k + 4] = bHi;
      this.ctxStats.misses++;
    } else this.ctxStats.hits++;
    this.lastUse[found] = ++this.useClock;
    this.slot = found;
    this.rTlb = this.rSets[found];
    this.wTlb = this.wSets[found];
    this.fTlb = this.fSets[found];
  }

  /**
   * Invalidates the contexts a fence names (privileged spec 12.2.1 SFENCE.VMA; H extension
   * "Hypervisor Memory-Management Fence Instructions"): `kind` picks V=0 or V=1 contexts;
   * `asid` (satp's for Host, vsatp's for GuestVs) and `vmid` (GuestVs: the current VMID; GuestG:
   * rs2's, or -1 for all) narrow it. The address forms invalidate the same contexts whole: an
   * entry may come from a superpage, or (for HFENCE.GVMA) from any guest-virtual page whose
   * guest-physical page is the one named, so invalidating more than asked is the simple correct
   * choice. Global mappings need no special case: an ASID-specific fence invalidating them too is
   * allowed, and global mappings change only with a fence for every ASID.
   */
  fence(kind: Fence, asid: number, vmid: number): void {
    const keys = this.keys;
    let current = false;
    for (let i = 0; i < TLB_SLOTS; i++) {
      const k = i * KEY;
      const f = keys[k];
      if (f === 0) continue;
      if (kind === Fence.Host) {
        if ((f & Kf.Virt) !== 0 || (f & 3) === 3) continue;
        if (asid >= 0 && ((keys[k + 2] >>> 12) & 0xffff) !== asid) continue;
      } else {
        if ((f & Kf.Virt) === 0) continue;
        if (vmid >= 0 && ((keys[k + 4] >>> 12) & 0x3fff) !== vmid) continue;
        if (kind === Fence.GuestVs && asid >= 0 && ((keys[k + 2] >>> 12) & 0xffff) !== asid) continue;
      }
      if (i === this.slot) current = true;
      else keys[k] = 0; // cleared when reused
    }
    if (current) this.clearSlot(this.slot);
  }

  // ---- loads: values come back sign-extended to 32 bits; 64-bit loads put the high word in `hi`.

  load8(lo: number, hi: number): number {
    const t = this.rTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4096) && t[k + 1] === hi) return this.i8[(lo + t[k + 2]) | 0];
    return this.loadSlow(lo, hi, 1);
  }

  load16(lo: number, hi: number): number {
    const t = this.rTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4095) && t[k + 1] === hi) return this.i16[(lo + t[k + 2]) >> 1];
    return this.loadSlow(lo, hi, 2);
  }

  load32(lo: number, hi: number): number {
    const t = this.rTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4093) && t[k + 1] === hi) return this.i32[(lo + t[k + 2]) >> 2];
    return this.loadSlow(lo, hi, 4);
  }

  load64(lo: number, hi: number): number {
    const t = this.rTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4089) && t[k + 1] === hi) {
      const o = (lo + t[k + 2]) >> 2;
      this.hi = this.i32[o + 1];
      return this.i32[o];
    }
    return this.loadSlow(lo, hi, 8);
  }

  // ---- stores: value in (vlo, vhi); narrower stores use the low bits of vlo.

  store8(lo: number, hi: number, v: number): void {
    const t = this.wTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4096) && t[k + 1] === hi) {
      this.i8[(lo + t[k + 2]) | 0] = v;
      return;
    }
    this.storeSlow(lo, hi, 1, v, 0);
  }

  store16(lo: number, hi: number, v: number): void {
    const t = this.wTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4095) && t[k + 1] === hi) {
      this.i16[(lo + t[k + 2]) >> 1] = v;
      return;
    }
    this.storeSlow(lo, hi, 2, v, 0);
  }

  store32(lo: number, hi: number, v: number): void {
    const t = this.wTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4093) && t[k + 1] === hi) {
      this.i32[(lo + t[k + 2]) >> 2] = v;
      return;
    }
    this.storeSlow(lo, hi, 4, v, 0);
  }

  store64(lo: number, hi: number, vlo: number, vhi: number): void {
    const t = this.wTlb;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    if (t[k] === (lo & -4089) && t[k + 1] === hi) {
      const o = (lo + t[k + 2]) >> 2;
      this.i32[o] = vlo;
      this.i32[o + 1] = vhi;
      return;
    }
    this.storeSlow(lo, hi, 8, vlo, vhi);
  }

  // ---- slow paths

  private loadSlow(lo: number, hi: number, size: number): number {
    if ((lo & (size - 1)) !== 0) return this.loadMisaligned(lo, hi, size);
    const pa = this.translate(lo, hi, Access.Load, size);
    const off = pa - this.ramBase;
    if (off >= 0 && off < this.ramSize) {
      if (!this.noCache) {
        const t = this.rTlb;
        const k = ((lo >>> 12) & TLB_MASK) << 2;
        t[k] = lo & -4096;
        t[k + 1] = hi;
        t[k + 2] = (off - lo) | 0; // off and lo share the page offset
      }
      return this.readRam(off, size);
    }
    return this.readIo(pa, size, lo, hi, Cause.LoadAccessFault);
  }

  private readRam(off: number, size: number): number {
    switch (size) {
      case 1:
        return this.i8[off];
      case 2:
        return this.i16[off >> 1];
      case 4:
        return this.i32[off >> 2];
      default:
        this.hi = this.i32[(off >> 2) + 1];
        return this.i32[off >> 2];
    }
  }

  private readIo(pa: number, size: number, lo: number, hi: number, cause: number): number {
    const bus = this.bus;
    if (size === 8) {
      const a = bus.readIo(pa, 4);
      const b = bus.readIo(pa + 4, 4);
      if (a === null || b === null) raise(cause, lo, hi);
      this.hi = b | 0;
      return a | 0;
    }
    const v = bus.readIo(pa, size as 1 | 2 | 4);
    if (v === null) raise(cause, lo, hi);
    return size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
  }

  /**
   * Misaligned loads are done in hardware, byte by byte, as QEMU does (Spike traps instead; both are
   * allowed by the spec). Every byte is translated, so a fault names the faulting byte's page, and
   * a transformed htinst gets that byte's distance from the access's address as its Addr. Offset.
   */
  private loadMisaligned(lo: number, hi: number, size: number): number {
    let vlo = 0;
    let vhi = 0;
    try {
      for (let k = size - 1; k >= 0; k--) {
        const a = (lo + k) | 0;
        const b = (hi + ((a >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
        const byte = this.load8(a, b) & 0xff;
        vhi = (vhi << 8) | (vlo >>> 24);
        vlo = (vlo << 8) | byte;
      }
    } catch (e) {
      if (e === TRAP) TRAP.tinst = withAddrOffset(TRAP.tinst, TRAP.tvalLo - lo);
      throw e;
    }
    if (size === 8) {
      this.hi = vhi;
      return vlo;
    }
    return size === 2 ? (vlo << 16) >> 16 : vlo;
  }

  private storeSlow(lo: number, hi: number, size: number, vlo: number, vhi: number): void {
    if ((lo & (size - 1)) !== 0) return this.storeMisaligned(lo, hi, size, vlo, vhi);
    const pa = this.translate(lo, hi, Access.Store, size);
    const off = pa - this.ramBase;
    if (off >= 0 && off < this.ramSize) {
      this.writeRam(off, size, vlo, vhi);
      const page = off >>> 12;
      const code = this.decodeCache.isCode[page] !== 0;
      const watched = this.watched[page] !== 0;
      if (code || watched) {
        // Both can hold (HTIF's tohost in a page of code): drop the stale decodes, then report.
        if (code) this.decodeCache.invalidate(off, size);
        if (watched) this.onWatch?.(pa, size);
      } else if (!this.noCache) {
        const t = this.wTlb;
        const k = ((lo >>> 12) & TLB_MASK) << 2;
        t[k] = lo & -4096;
        t[k + 1] = hi;
        t[k + 2] = (off - lo) | 0;
      }
      return;
    }
    const bus = this.bus;
    let ok: boolean;
    if (size === 8) ok = bus.writeIo(pa, 4, vlo) && bus.writeIo(pa + 4, 4, vhi);
    else ok = bus.writeIo(pa, size as 1 | 2 | 4, vlo);
    if (!ok) raise(Cause.StoreAccessFault, lo, hi);
  }

  private writeRam(off: number, size: number, vlo: number, vhi: number): void {
    switch (size) {
      case 1:
        this.i8[off] = vlo;
        break;
      case 2:
        this.i16[off >> 1] = vlo;
        break;
      case 4:
        this.i32[off >> 2] = vlo;
        break;
      default:
        this.i32[off >> 2] = vlo;
        this.i32[(off >> 2) + 1] = vhi;
    }
  }

  /**
   * Misaligned stores: both ends are translated first, so a fault leaves memory untouched (the
   * Addr. Offset of a transformed htinst is 0 or size - 1, the end that faulted).
   */
  private storeMisaligned(lo: number, hi: number, size: number, vlo: number, vhi: number): void {
    const endLo = (lo + size - 1) | 0;
    const endHi = (hi + ((endLo >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
    try {
      this.translate(lo, hi, Access.Store, 1);
      this.translate(endLo, endHi, Access.Store, 1);
    } catch (e) {
      if (e === TRAP) TRAP.tinst = withAddrOffset(TRAP.tinst, TRAP.tvalLo - lo);
      throw e;
    }
    for (let k = 0; k < size; k++) {
      const a = (lo + k) | 0;
      const b = (hi + ((a >>> 0) < (lo >>> 0) ? 1 : 0)) | 0;
      const byte = k < 4 ? vlo >>> (8 * k) : vhi >>> (8 * (k - 4));
      this.store8(a, b, byte);
    }
  }

  /**
   * RAM byte offset for an AMO or SC: translated as a store (AMOs need write permission and raise
   * store/AMO faults), naturally aligned, and in RAM (AMOs on MMIO are an access fault).
   */
  amoOffset(lo: number, hi: number, size: number): number {
    if ((lo & (size - 1)) !== 0) raise(Cause.StoreMisaligned, lo, hi);
    const pa = this.translate(lo, hi, Access.Store, size);
    const off = pa - this.ramBase;
    if (!(off >= 0 && off < this.ramSize)) raise(Cause.StoreAccessFault, lo, hi);
    const page = off >>> 12;
    if (this.decodeCache.isCode[page] !== 0) this.decodeCache.invalidate(off, size);
    this.amoWatchPa = this.watched[page] !== 0 ? pa : -1;
    return off;
  }

  /**
   * The physical address of the AMO/SC `amoOffset` checked last when its page is watched (HTIF's
   * tohost), else -1. The watcher must see the value the AMO writes, so the row reports it with
   * `amoWritten` after writing, not `amoOffset` before.
   */
  private amoWatchPa = -1;

  /** The AMO or SC checked by `amoOffset` has written RAM: tell the watcher if its page is watched. */
  amoWritten(size: number): void {
    const pa = this.amoWatchPa;
    if (pa === -1) return;
    this.amoWatchPa = -1;
    this.onWatch?.(pa, size);
  }

  /** RAM byte offset for an LR: a naturally aligned load from RAM. */
  lrOffset(lo: number, hi: number, size: number): number {
    if ((lo & (size - 1)) !== 0) raise(Cause.LoadMisaligned, lo, hi);
    const pa = this.translate(lo, hi, Access.Load, size);
    const off = pa - this.ramBase;
    if (!(off >= 0 && off < this.ramSize)) raise(Cause.LoadAccessFault, lo, hi);
    return off;
  }

  // ---- instruction fetch

  /**
   * The decoded page holding pc, or null when pc is not in RAM (boot ROM, MMIO) or in a page the
   * PMP does not cover uniformly: the CPU then fetches through `fetch16`. Creating a decoded page
   * evicts that physical page from the write TLB.
   *
   * A hit in the fetch TLB skips the translation: its entry was made by a translation for fetch
   * (execute permission checked) in this same context, and is dropped with the context's other
   * entries by the fences and flushes. The entry holds the RAM page, and the page object comes
   * from the decode cache each time, so after FENCE.I (`flushAll`) a fresh one is made.
   */
  codePage(lo: number, hi: number): DecodedPage | null {
    const h = this.h;
    const ctx = h.priv | (h.virt << 2);
    // Re-syncs after a privilege change made without selectContext (hosts, tests); under M-mode
    // MPRV (fetchCtx -1) it is taken every time and finds the slot unchanged (one key compare).
    if (ctx !== this.fetchCtx) this.selectContext();
    const vpage = lo & -4096;
    const k = ((lo >>> 12) & TLB_MASK) << 2;
    let t = this.fTlb;
    let page: number;
    if (t[k] === vpage && t[k + 1] === hi && ctx === this.fetchCtx) page = t[k + 2];
    else {
      const pa = this.translate(lo, hi, Access.Fetch, 2);
      const off = pa - this.ramBase;
      if (!(off >= 0 && off < this.ramSize) || this.noCache) {
        this.codePg = null;
        return null;
      }
      page = off >>> 12;
      if (ctx === this.fetchCtx) {
        t = this.fTlb;
        t[k] = vpage;
        t[k + 1] = hi;
        t[k + 2] = page;
      }
    }
    const dc = this.decodeCache;
    let p = dc.pages[page];
    if (p === undefined) {
      p = new DecodedPage(page << 12);
      dc.pages[page] = p;
      dc.isCode[page] = 1;
      // Every context's write TLB: a slot not current now may be again later.
      const base = page << 12;
      for (let s = 0; s < TLB_SLOTS; s++) {
        const w = this.wSets[s];
        for (let j = 0; j < TLB_SIZE * 4; j += 4) {
          if (w[j] !== INVALID && (((w[j] + w[j + 2]) | 0) & -4096) === base) w[j] = INVALID;
        }
      }
    }
    this.codePg = p;
    this.fetchLog[0] = vpage;
    this.fetchLog[1] = hi;
    return p;
  }

  /** One 16-bit instruction parcel fetched through translation (uncached path: ROM, MMIO, page-crossing). */
  fetch16(lo: number, hi: number): number {
    const pa = this.translate(lo, hi, Access.Fetch, 2);
    const off = pa - this.ramBase;
    let v: number;
    if (off >= 0 && off < this.ramSize) v = this.ram.u16[off >> 1];
    else {
      const io = this.bus.readIo(pa, 2);
      if (io === null) raise(Cause.InsnAccessFault, lo, hi);
      v = io & 0xffff;
    }
    const log = this.fetchLog;
    log[5] = log[2];
    log[6] = log[3];
    log[7] = log[4];
    log[2] = lo;
    log[3] = hi;
    log[4] = v;
    return v;
  }

  // ---- host access (loaders, HTIF, debuggers): physical, no translation, keeps the caches coherent

  writePhys(pa: number, bytes: Uint8Array): void {
    const off = pa - this.ramBase;
    if (!(off >= 0 && off + bytes.length <= this.ramSize)) throw new Error(`write outside RAM at 0x${pa.toString(16)}`);
    this.ram.u8.set(bytes, off);
    this.decodeCache.invalidate(off, bytes.length);
  }

  readPhys(pa: number, len: number): Uint8Array {
    const off = pa - this.ramBase;
    if (!(off >= 0 && off + len <= this.ramSize)) throw new Error(`read outside RAM at 0x${pa.toString(16)}`);
    return this.ram.u8.slice(off, off + len);
  }

  /** Marks the RAM page holding `pa` as watched: its stores are reported to `onWatch`. */
  watch(pa: number): void {
    const off = pa - this.ramBase;
    if (off >= 0 && off < this.ramSize) this.watched[off >>> 12] = 1;
    this.flush();
  }

  get hart(): Hart {
    return this.h;
  }
}

/**
 * Bare translation: the virtual address is the physical one. Addresses above 2^53 cannot name any
 * device of ours; they come back as an address no region contains, so the access faults.
 */
export const bare: Translate = (lo, hi) => {
  const h = hi >>> 0;
  return h < 0x200000 ? h * TWO32 + (lo >>> 0) : -1;
};
