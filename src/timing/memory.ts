/**
 * The modelled memory hierarchy: L1 I and D caches, an optional L2, memory behind one port (a
 * single outstanding miss, as Rocket's one-MSHR D-cache), L1 TLBs, an optional L2 TLB and a
 * page-table walker whose PTE reads go through the D-cache. It only computes costs: it reads
 * satp and the page tables (read-only) to learn physical addresses and never changes the
 * machine. Every method returns the cycles an access costs beyond the pipeline's own latency
 * and charges them to the CPI-stack category the caller reads from `walkCycles`/`tlbCycles`.
 */
import { Ms } from '../csr/csr-file.js';
import type { Ram } from '../platform/ram.js';
import { type Hart, Priv } from '../rv64/hart.js';
import type { TimingConfig } from './config.js';
import { SetAssoc } from './set-assoc.js';
import { Ev } from './stats.js';

const TWO32 = 4294967296;
/** mstatus.MPV (bit 39: bit 7 of the high word), H extension. */
const MPV = 1 << 7;

/** The line number of physical address (pa[0], pa[1]) for 2^shift-byte lines (exact below 2^(32+shift)). */
const lineOf = (pa: Int32Array, shift: number): number => (pa[0] >>> shift) | (pa[1] << (32 - shift));

export class MemoryModel {
  readonly icache: SetAssoc;
  readonly dcache: SetAssoc;
  readonly l2: SetAssoc | null;
  readonly itlb: SetAssoc;
  readonly dtlb: SetAssoc;
  readonly l2tlb: SetAssoc | null;
  private readonly iShift: number;
  private readonly dShift: number;
  private readonly l2Shift: number;
  /**
   * The physical address of the access in hand, as (lo, hi) halves in a typed array (numbers
   * outside the small-integer range would be boxed), and the cycle it starts at.
   */
  readonly pa = new Int32Array(2);
  now = 0;
  /** The cycle at which the memory port is free again. */
  memFree = 0;
  /** Cycles the last miss waited for the memory port (a store miss stalls this long). */
  portWait = 0;
  /** Set by `translate`: cycles spent in the L2 TLB and in the walk for the last access. */
  tlbCycles = 0;
  walkCycles = 0;
  /** G-stage part of the last walk (two-stage translation), charged apart from walkCycles. */
  walkCyclesG = 0;
  /** Set by `dataAccess`/`fetchAccess`: whether the last access missed the L1. */
  missed = false;
  /** The D-cache line accessed last (the in-order model checks it inline: a hit that changes nothing). */
  lastDLine = 0x7fffffff;
  private lastILine = 0x7fffffff;

  constructor(
    readonly cfg: TimingConfig,
    private readonly ram: Ram,
    private readonly ev: Float64Array,
  ) {
    const mk = (c: { size: number; ways: number; line: number }) => new SetAssoc(c.size / c.line, c.ways);
    this.icache = mk(cfg.icache);
    this.dcache = mk(cfg.dcache);
    this.l2 = cfg.l2 === null ? null : mk(cfg.l2);
    this.iShift = Math.log2(cfg.icache.line);
    this.dShift = Math.log2(cfg.dcache.line);
    this.l2Shift = cfg.l2 === null ? 0 : Math.log2(cfg.l2.line);
    this.itlb = new SetAssoc(cfg.itlb.entries, cfg.itlb.ways);
    this.dtlb = new SetAssoc(cfg.dtlb.entries, cfg.dtlb.ways);
    this.l2tlb = cfg.l2tlb === null ? null : new SetAssoc(cfg.l2tlb.entries, cfg.l2tlb.ways);
  }

  /** Cycles to bring the line of `pa` from beyond the L1s, starting at cycle `now`. */
  private fill(): number {
    const now = this.now;
    let lat = this.cfg.memoryLatency;
    const l2 = this.l2;
    if (l2 !== null) {
      this.ev[Ev.L2Access]++;
      if (l2.access(lineOf(this.pa, this.l2Shift))) lat = this.cfg.l2!.hitLatency;
      else {
        this.ev[Ev.L2Miss]++;
        lat += this.cfg.l2!.hitLatency;
      }
    }
    const start = now > this.memFree ? now : this.memFree;
    this.portWait = start - now;
    this.memFree = start + lat;
    return this.memFree - now;
  }

  /** A data access at physical `pa` at cycle `now`: extra cycles until its data is there. */
  dataAccess(): number {
    const line = lineOf(this.pa, this.dShift);
    this.ev[Ev.DCacheAccess]++;
    this.missed = false;
    // The last line touched is its set's most recent way: a hit that changes nothing.
    if (line === this.lastDLine) return this.cfg.dcache.hitLatency;
    this.lastDLine = line;
    if (this.dcache.access(line)) return this.cfg.dcache.hitLatency;
    this.missed = true;
    this.ev[Ev.DCacheMiss]++;
    return this.cfg.dcache.hitLatency + this.fill();
  }

  /** An instruction fetch at physical `pa`: extra cycles (0 on a hit). */
  fetchAccess(): number {
    const line = lineOf(this.pa, this.iShift);
    if (line === this.lastILine) return 0;
    this.lastILine = line;
    this.ev[Ev.ICacheAccess]++;
    if (this.icache.access(line)) return this.cfg.icache.hitLatency;
    this.ev[Ev.ICacheMiss]++;
    return this.cfg.icache.hitLatency + this.fill();
  }

  flushICache(): void {
    this.icache.flush();
    this.lastILine = 0x7fffffff;
  }

  flushTlbs(): void {
    this.itlb.flush();
    this.dtlb.flush();
    this.l2tlb?.flush();
  }

  /** Whether data accesses are untranslated right now (M-mode, or Bare in every stage in force). */
  dataBare(h: Hart): boolean {
    const c = h.csr;
    let priv = h.priv;
    let virt = h.virt;
    if (priv === Priv.M && (c.mstatus & Ms.MPRV) !== 0) {
      priv = (c.mstatus >>> 11) & 3;
      virt = priv !== Priv.M && (c.mstatusHi & MPV) !== 0 ? 1 : 0;
    }
    if (priv === Priv.M) return true;
    if (virt === 0) return c.satpHi >>> 28 === 0;
    return c.vsatpHi >>> 28 === 0 && c.hgatpHi >>> 28 === 0;
  }

  /**
   * Translates virtual (lo, hi) for a fetch (`fetch`) or a data access into `pa`, starting at
   * cycle `now`. Sets tlbCycles and walkCycles. False when the walk finds no valid leaf (the access
   * will trap; its cost is the walk).
   */
  translate(h: Hart, lo: number, hi: number, fetch: boolean): boolean {
    this.tlbCycles = 0;
    this.walkCycles = 0;
    this.walkCyclesG = 0;
    const c = h.csr;
    let priv = h.priv;
    let virt = h.virt;
    if (!fetch && priv === Priv.M && (c.mstatus & Ms.MPRV) !== 0) {
      priv = (c.mstatus >>> 11) & 3;
      virt = priv !== Priv.M && (c.mstatusHi & MPV) !== 0 ? 1 : 0;
    }
    const mode = virt !== 0 ? c.vsatpHi >>> 28 : c.satpHi >>> 28;
    const pa = this.pa;
    if (priv === Priv.M || (mode === 0 && (virt === 0 || c.hgatpHi >>> 28 === 0))) {
      pa[0] = lo;
      pa[1] = hi;
      return true;
    }
    // TLB entries are tagged with V (bit 0 of the key), as with a VMID of its own.
    const vpn = ((hi >>> 0) * 1048576 + (lo >>> 12)) * 2 + virt;
    const tlb = fetch ? this.itlb : this.dtlb;
    this.ev[fetch ? Ev.ItlbAccess : Ev.DtlbAccess]++;
    let ppn: number;
    if (tlb.lookup(vpn)) {
      ppn = tlb.data[tlb.way];
    } else {
      this.ev[fetch ? Ev.ItlbMiss : Ev.DtlbMiss]++;
      const l2 = this.l2tlb;
      ppn = -1;
      if (l2 !== null) {
        this.ev[Ev.L2TlbAccess]++;
        this.tlbCycles = this.cfg.l2tlb!.hitLatency;
        if (l2.lookup(vpn)) ppn = l2.data[l2.way];
        else this.ev[Ev.L2TlbMiss]++;
      }
      if (ppn < 0) {
        const now = this.now;
        this.now = now + this.tlbCycles;
        ppn = virt !== 0 ? this.walkTwoStage(h, lo, hi) : this.walk(c.satpLo, c.satpHi, mode === 9 ? 4 : 3, lo, hi);
        this.now = now;
        if (ppn < 0) return false;
        l2?.fill(vpn, ppn);
      }
      tlb.fill(vpn, ppn);
    }
    pa[0] = (ppn << 12) | (lo & 4095);
    pa[1] = (ppn / 1048576) | 0;
    return true;
  }

  /**
   * Walks the page table (privileged spec 12.3.2) for the 4 KiB page holding (lo, hi), charging
   * each PTE read as a D-cache access; returns the page's physical page number or -1.
   */
  private walk(satpLo: number, satpHi: number, levels: number, lo: number, hi: number): number {
    this.ev[Ev.Walks]++;
    const root = ((satpHi & 0xfff) * TWO32 + (satpLo >>> 0)) * 4096;
    const cost = { n: 0 };
    const ppn = this.stage(root, levels, 0, (hi >>> 0) * TWO32 + (lo >>> 0), null, cost);
    this.walkCycles = cost.n;
    this.ev[Ev.WalkCycles] += cost.n;
    return ppn;
  }

  /**
   * The two-stage walk of the H extension (privileged spec 19.5): the VS-stage tables (vsatp) are
   * read at guest-physical addresses, each translated by a G-stage walk (hgatp, Sv39x4/Sv48x4),
   * and so is the final guest-physical address: up to 15 PTE reads for Sv39 over Sv39x4.
   * VS-stage PTE reads are charged to walkCycles, G-stage walks to walkCyclesG.
   */
  private walkTwoStage(h: Hart, lo: number, hi: number): number {
    this.ev[Ev.Walks]++;
    const c = h.csr;
    const gMode = c.hgatpHi >>> 28;
    const g = gMode === 0 ? null : {
      root: ((c.hgatpHi & 0xfff) * TWO32 + (c.hgatpLo >>> 0)) * 4096,
      levels: gMode === 9 ? 4 : 3,
    };
    const vsMode = c.vsatpHi >>> 28;
    const va = (hi >>> 0) * TWO32 + (lo >>> 0);
    const vsCost = { n: 0 };
    const gCost = { n: 0 };
    let gpa: number;
    if (vsMode === 0) gpa = va;
    else {
      const root = ((c.vsatpHi & 0xfff) * TWO32 + (c.vsatpLo >>> 0)) * 4096;
      const gppn = this.stage(root, vsMode === 9 ? 4 : 3, 0, va, g, vsCost, gCost);
      if (gppn < 0) return this.endTwoStage(-1, vsCost.n, gCost.n);
      gpa = gppn * 4096 + (lo & 4095);
    }
    const ppn = g === null ? Math.floor(gpa / 4096) : this.stage(g.root, g.levels, 2, gpa, null, gCost);
    return this.endTwoStage(ppn, vsCost.n, gCost.n);
  }

  private endTwoStage(ppn: number, vs: number, gs: number): number {
    this.walkCycles = vs;
    this.walkCyclesG = gs;
    this.ev[Ev.WalkCycles] += vs + gs;
    this.ev[Ev.WalkCyclesG] += gs;
    return ppn;
  }

  /**
   * One radix-tree walk from table address `root` for address `va` (a number below 2^53; the
   * top level indexes 9 + `extraBits` bits). Each PTE read is a D-cache access; when `g` is given,
   * PTE addresses are guest-physical and each is first translated by a G-stage walk, whose cost
   * goes to `gCost`. Returns the 4 KiB page number the leaf maps `va` to, or -1.
   */
  private stage(root: number, levels: number, extraBits: number, va: number, g: { root: number; levels: number } | null, cost: { n: number }, gCost: { n: number } = cost): number {
    const ram = this.ram;
    let a = root;
    for (let i = levels - 1; i >= 0; i--) {
      const bits = i === levels - 1 ? 9 + extraBits : 9;
      const idx = Math.floor(va / 2 ** (12 + 9 * i)) % 2 ** bits;
      let pteAddr = a + idx * 8;
      if (g !== null) {
        const ppn = this.stage(g.root, g.levels, 2, pteAddr, null, gCost);
        if (ppn < 0) return -1;
        pteAddr = ppn * 4096 + (pteAddr % 4096);
      }
      const now = this.now;
      this.pa[0] = pteAddr % TWO32 | 0;
      this.pa[1] = (pteAddr / TWO32) | 0;
      this.now = now + cost.n + (gCost === cost ? 0 : gCost.n);
      cost.n += this.cfg.latency.load + this.cfg.ptwPerLevel + this.dataAccess();
      this.now = now;
      const off = pteAddr - ram.base;
      if (!(off >= 0 && off <= ram.size - 8)) return -1;
      const pl = ram.i32[off >> 2];
      const ph = ram.i32[(off >> 2) + 1];
      if ((pl & 1) === 0) return -1;
      const ppn = (ph & 0x3fffff) * 4194304 + (pl >>> 10);
      if ((pl & 0xa) !== 0) {
        // A superpage leaf: the low VPN bits select the 4 KiB page inside it.
        return ppn + (Math.floor(va / 4096) % 2 ** (9 * i));
      }
      a = ppn * 4096;
    }
    return -1;
  }
}
