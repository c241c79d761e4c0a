/**
 * The Rocket-class in-order model: a single-issue five-stage pipeline (F D X M W), fully bypassed,
 * that interlocks on read-after-write hazards. It observes the functional core (before each
 * instruction, to read operand values and compute effective addresses; after it, to learn the
 * next pc) and never changes architectural state.
 *
 * Time is the issue cycle `t` of the last instruction into X. Each instruction issues at
 *   t' = t + 1 + front-end stalls (I-cache, ITLB) + operand wait + its own blocking stalls
 * and every one of those cycles is charged to one CPI-stack category, so the stack sums to t.
 * Results become usable at t' + latency; loads that miss add the miss to their latency (the
 * pipeline stalls only when a consumer arrives), and mispredicted control flow adds the redirect
 * penalty.
 */
import type { Decoder } from '../rv64/decoder.js';
import { disassemble } from '../rv64/disasm.js';
import type { Hart } from '../rv64/hart.js';
import type { TimingModel } from './model.js';
import type { Ram } from '../platform/ram.js';
import { Cls, Classifier, INFO_VALID, rdOf, rs1Of } from './classify.js';
import type { TimingConfig } from './config.js';
import { BranchPredictor } from './bpred.js';
import type { KonataWriter } from './konata.js';
import { MemoryModel } from './memory.js';
import { Ev, Stack } from './stats.js';

/** Significant bits of the 64-bit value (lo, hi) read as unsigned (0 for zero). */
function sigBits(lo: number, hi: number): number {
  return hi !== 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(lo);
}

/** Significant bits of the magnitude of a signed operand of `width` bits. */
function magBits(lo: number, hi: number, width: number, signed: boolean): number {
  if (width === 32) {
    let v = lo;
    if (signed && v < 0) v = -v | 0;
    return v === -0x80000000 ? 32 : 32 - Math.clz32(v);
  }
  if (signed && hi < 0) {
    // Two's complement negate of (lo, hi).
    const nlo = -lo | 0;
    const nhi = (~hi + (lo === 0 ? 1 : 0)) | 0;
    return sigBits(nlo, nhi);
  }
  return sigBits(lo, hi);
}

export class InOrderModel implements TimingModel {
  readonly name = 'inorder';
  readonly stack = new Float64Array(Stack.Count);
  readonly ev = new Float64Array(Ev.Count);
  readonly mem: MemoryModel;
  private readonly bp: BranchPredictor;
  private readonly cls: Classifier;
  /** Cycle at which each register's value can be consumed in X (0..31 x, 32..63 f). */
  private readonly ready = new Float64Array(64);
  /** The CPI-stack category a wait for that register is charged to. */
  private readonly why = new Uint8Array(64);
  /** Issue cycle of the last instruction: the modelled cycle count. */
  t = 0;
  /** The machine ends the slice once `t` reaches this (the next timer event). */
  deadline = Infinity;
  private mulDivFree = 0;
  /** The I-cache line (virtual) fetched last; 1 = none. Reset whenever the context may change. */
  private fetchLo = 1;
  private fetchHi = 0;
  private readonly iLineMask: number;
  /** The latencies (cfg.latency), and the D-cache's line shift and hit latency. */
  private readonly L: TimingConfig['latency'];
  private readonly dShift: number;
  private readonly dHit: number;
  /** The page of the last fetch translation (1 = none) and its physical page. */
  private fetchPageLo = 1;
  private fetchPageHi = 0;
  private fetchPaLo = 0;
  private fetchPaHi = 0;
  /** Data translation context: 0 unknown, 1 Bare, 2 translated. Reset where fetchLo is. */
  private ctx = 0;
  private fdivFree = 0;
  /** Source registers rs1 and rs2 as (lo, hi) halves, saved by `before` for `retire`. */
  private readonly src = new Int32Array(4);
  /** Instructions seen (the pipeview window counts these). */
  private count = 0;
  pipeview: KonataWriter | null = null;
  private readonly pipeDecoder: Decoder;

  constructor(
    readonly cfg: TimingConfig,
    decoder: Decoder,
    ram: Ram,
  ) {
    this.mem = new MemoryModel(cfg, ram, this.ev);
    this.bp = new BranchPredictor(cfg.branch);
    this.cls = new Classifier(decoder);
    this.pipeDecoder = decoder;
    this.iLineMask = -cfg.icache.line;
    this.L = cfg.latency;
    this.latAlu = cfg.latency.alu;
    this.mispredictPenalty = cfg.branch.mispredictPenalty;
    this.jalMissPenalty = cfg.branch.jalMissPenalty;
    this.dShift = Math.log2(cfg.dcache.line);
    this.dHit = cfg.dcache.hitLatency;
    this.mulLat64 = cfg.latency.mulOverhead + Math.ceil(64 / cfg.latency.mulUnroll);
    this.mulLat32 = cfg.latency.mulOverhead + Math.ceil(32 / cfg.latency.mulUnroll);
  }

  /** Modelled cycles so far (without idle WFI time, which the machine adds). */
  get cycles(): number {
    return this.t;
  }

  /** The CPI stack, its base (one cycle per retired instruction) brought up to date. */
  cpiStack(): Float64Array {
    this.stack[Stack.Base] = this.count;
    return this.stack;
  }

  /** The count behind hpm event selector `sel` (see Ev), 0 for unknown selectors. */
  event(sel: number): number {
    if (sel <= 0 || sel >= Ev.Count) return 0;
    if (sel === Ev.HazardCycles) return this.stack[Stack.Hazard];
    return this.ev[sel];
  }

  /**
   * Before execution: only the two source registers are saved (small enough for V8 to inline into
   * the loop). `retire` classifies the instruction and computes addresses and divide widths from
   * them, since the instruction may have overwritten its sources (ld a0, 0(a0)).
   */
  before(h: Hart, _pcLo: number, _pcHi: number, w: number): void {
    const x = h.x;
    const src = this.src;
    const a = (w >>> 14) & 62;
    const b = (w >>> 19) & 62;
    src[0] = x[a];
    src[1] = x[a + 1];
    src[2] = x[b];
    src[3] = x[b + 1];
  }

  /** Iterations of a divide (from the saved operand values). */
  private divIters(info: number, w: number): number {
    const src = this.src;
    const width = ((info >>> 29) & 1) === 1 ? 32 : 64;
    const L = this.L;
    // funct3 bit 0 set: unsigned (divu, remu).
    const signed = ((w >>> 12) & 1) === 0;
    let q = width;
    if (L.divEarlyOut) {
      // The divider skips the dividend's leading zeros: one step per quotient bit.
      const na = magBits(src[0], src[1], width, signed);
      const nb = magBits(src[2], src[3], width, signed);
      q = nb === 0 ? 1 : Math.max(1, na - nb + 1);
    }
    return Math.ceil(q / L.divUnroll);
  }

  /** The packed class and registers of an instruction word (cached per decoded slot by the core). */
  note(w: number): number {
    return this.cls.info(w);
  }

  /**
   * After execution: the instruction's issue cycle and result time. This is the fast path of the
   * commonest case, an ALU instruction (`note` from the core's per-slot cache) on the I-cache line
   * fetched last, with no pipeline trace: small enough for V8 to inline into the core's observed
   * loop. It computes exactly what `retireAny` would (an ALU instruction reads no rs3: ready[0]
   * stays 0). Everything else goes to `retireAny`.
   */
  retire(h: Hart, pcLo: number, pcHi: number, w: number, note: number): void {
    if (
      (note & (INFO_VALID | 31)) !== (INFO_VALID | Cls.Alu) ||
      (pcLo & this.iLineMask) !== this.fetchLo ||
      pcHi !== this.fetchHi ||
      this.pipeview !== null
    ) {
      this.retireAny(h, pcLo, pcHi, w, note);
      return;
    }
    const ready = this.ready;
    let t = this.t + 1;
    const r1 = (note >>> 11) & 63;
    const r2 = (note >>> 17) & 63;
    let need = ready[r1];
    let src = r1;
    if (ready[r2] > need) {
      need = ready[r2];
      src = r2;
    }
    if (need > t) {
      this.stack[this.why[src]] += need - t;
      t = need;
    }
    const rd = (note >>> 5) & 63;
    if (rd !== 0) {
      ready[rd] = t + this.latAlu;
      this.why[rd] = Stack.Hazard;
    }
    this.count++;
    this.t = t;
    if (t >= this.deadline) h.endSlice();
  }

  /**
   * Any instruction: its issue cycle and result time. The fetch of a new line, memory accesses and
   * the multi-cycle units are methods of their own, so that V8 keeps this one's frame small.
   */
  private retireAny(h: Hart, pcLo: number, pcHi: number, w: number, note: number): void {
    const info = note !== 0 ? note : this.cls.info(w);
    const start = this.t;
    let t = start + 1;
    // ---- fetch: ITLB and I-cache, only when the pc leaves the line fetched last (its page and
    // line are then the most recently used ones: looking them up again would change nothing).
    if ((pcLo & this.iLineMask) !== this.fetchLo || pcHi !== this.fetchHi) t = this.fetchLine(h, pcLo, pcHi, t);
    const fetched = t;
    // ---- operands: wait for the latest source.
    const ready = this.ready;
    const r1 = (info >>> 11) & 63;
    const r2 = (info >>> 17) & 63;
    const r3 = (info >>> 23) & 63;
    let need = ready[r1];
    let src = r1;
    if (ready[r2] > need) {
      need = ready[r2];
      src = r2;
    }
    if (ready[r3] > need) {
      need = ready[r3];
      src = r3;
    }
    if (need > t) {
      this.stack[this.why[src]] += need - t;
      t = need;
    }
    const c = info & 31; // clsOf, spelled out
    let lat = this.latAlu;
    let why = Stack.Hazard;
    let penalty = 0;
    if (c !== Cls.Alu) {
      // The predictor sees the low 32 bits of pcs (Rocket's BTB matches partial tags too).
      switch (c) {
        case Cls.Load:
        case Cls.Store:
        case Cls.Amo:
          t = this.memAccess(h, c, info, w, t);
          lat = this.outLat;
          if (this.mem.missed && c === Cls.Load) why = Stack.DCache;
          break;
        case Cls.Branch: {
          this.ev[Ev.Branches]++;
          const seqLo = (pcLo + 2 + (w & 2)) | 0;
          const taken = h.pcLo !== seqLo;
          if (!this.bp.branch(pcLo, taken, h.pcLo)) penalty = this.mispredict(this.mispredictPenalty);
          break;
        }
        case Cls.Jal: {
          this.ev[Ev.Branches]++;
          const rd = rdOf(info);
          const seqLo = (pcLo + 2 + (w & 2)) | 0;
          if (!this.bp.jal(pcLo, h.pcLo, rd === 1 || rd === 5, seqLo)) penalty = this.mispredict(this.jalMissPenalty);
          break;
        }
        case Cls.Jalr: {
          this.ev[Ev.Branches]++;
          const rd = rdOf(info);
          const rs1 = rs1Of(info);
          const seqLo = (pcLo + 2 + (w & 2)) | 0;
          // Return-address stack hints (unprivileged spec, table 3 in 2.5.1 "JALR").
          const link = rd === 1 || rd === 5;
          const isRet = (rs1 === 1 || rs1 === 5) && rs1 !== rd;
          if (!this.bp.jalr(pcLo, h.pcLo, isRet, link, seqLo)) penalty = this.mispredict(this.mispredictPenalty);
          break;
        }
        case Cls.Mul: {
          // One iterative multiply/divide unit: a second operation waits for the first. (Here
          // rather than in execUnit: multiplies are common enough to save the call.)
          if (this.mulDivFree > t) {
            this.stack[Stack.Hazard] += this.mulDivFree - t;
            t = this.mulDivFree;
          }
          lat = ((info >>> 29) & 1) === 1 ? this.mulLat32 : this.mulLat64;
          this.mulDivFree = t + lat;
          break;
        }
        default:
          t = this.execUnit(c, info, w, t);
          lat = this.outLat;
      }
    }
    const rd = (info >>> 5) & 63;
    if (rd !== 0) {
      ready[rd] = t + lat;
      this.why[rd] = why;
    }
    if (this.pipeview !== null) this.record(pcLo, pcHi, w, start, fetched, t, lat);
    // Redirect cycles are charged after the instruction.
    t += penalty;
    this.count++;
    this.t = t;
    if (t >= this.deadline) h.endSlice();
  }

  /** Result latency of the instruction `memAccess` or `execUnit` just handled. */
  private outLat = 0;
  private readonly latAlu: number;
  /** Latency of a 64-bit and a W-form multiply: mulOverhead + the iterations. */
  private readonly mulLat64: number;
  private readonly mulLat32: number;
  private readonly mispredictPenalty: number;
  private readonly jalMissPenalty: number;

  /** The fetch moved to another I-cache line at cycle t: ITLB and I-cache; returns the new t. */
  private fetchLine(h: Hart, pcLo: number, pcHi: number, t: number): number {
    const mem = this.mem;
    const stack = this.stack;
    this.fetchLo = pcLo & this.iLineMask;
    this.fetchHi = pcHi;
    mem.now = t;
    let ok = true;
    if ((pcLo & -4096) === this.fetchPageLo && pcHi === this.fetchPageHi) {
      // Same page as the last fetch: its translation is the ITLB's most recent entry.
      mem.pa[0] = this.fetchPaLo | (pcLo & 4095);
      mem.pa[1] = this.fetchPaHi;
    } else {
      ok = mem.translate(h, pcLo, pcHi, true);
      if (mem.tlbCycles + mem.walkCycles + mem.walkCyclesG > 0) {
        t += mem.tlbCycles + mem.walkCycles + mem.walkCyclesG;
        stack[Stack.Tlb] += mem.tlbCycles;
        stack[Stack.Walk] += mem.walkCycles;
        stack[Stack.WalkG] += mem.walkCyclesG;
      }
      if (ok) {
        this.fetchPageLo = pcLo & -4096;
        this.fetchPageHi = pcHi;
        this.fetchPaLo = mem.pa[0] & -4096;
        this.fetchPaHi = mem.pa[1];
      }
    }
    if (ok) {
      mem.now = t;
      const ic = mem.fetchAccess();
      if (ic > 0) {
        t += ic;
        stack[Stack.ICache] += ic;
      }
    }
    return t;
  }

  /**
   * A load, store or AMO issuing at cycle t: translation (unless Bare) and the D-cache. Returns
   * the new t; sets outLat (a load's miss is added to its latency; mem.missed tells whether it missed).
   */
  private memAccess(h: Hart, c: number, info: number, w: number, t: number): number {
    const mem = this.mem;
    const stack = this.stack;
    const L = this.L;
    // The effective address from the saved base register. HLV/HSV (SYSTEM opcode) and AMOs have
    // no offset; stores use the S immediate.
    const src = this.src;
    const imm = c === Cls.Amo || (w & 0x7f) === 0x73 ? 0 : c === Cls.Store ? ((w >> 25) << 5) | ((w >>> 7) & 31) : w >> 20;
    const eaLo = (src[0] + imm) | 0;
    // 64-bit add of the sign-extended immediate: carry out of the low word.
    const eaHi = (src[1] + (imm < 0 ? -1 : 0) + ((eaLo >>> 0) < (src[0] >>> 0) ? 1 : 0)) | 0;
    let lat = ((info >>> 29) & 1) === 1 ? L.loadSubword : L.load;
    // Data translation is Bare until the context may change (see `ctx`): skip the MMU model.
    if (this.ctx === 0) this.ctx = mem.dataBare(h) ? 1 : 2;
    if (this.ctx === 1) {
      const dShift = this.dShift;
      if (((eaLo >>> dShift) | (eaHi << (32 - dShift))) === mem.lastDLine) {
        // MemoryModel.dataAccess's own fast path, inlined: the line touched last is a hit.
        this.ev[Ev.DCacheAccess]++;
        mem.missed = false;
        this.outLat = c === Cls.Load ? lat + this.dHit : lat;
        return t;
      }
      mem.pa[0] = eaLo;
      mem.pa[1] = eaHi;
    } else {
      mem.now = t;
      const ok = mem.translate(h, eaLo, eaHi, false);
      if (mem.tlbCycles + mem.walkCycles + mem.walkCyclesG > 0) {
        t += mem.tlbCycles + mem.walkCycles + mem.walkCyclesG;
        stack[Stack.Tlb] += mem.tlbCycles;
        stack[Stack.Walk] += mem.walkCycles;
        stack[Stack.WalkG] += mem.walkCyclesG;
      }
      if (!ok) {
        // No valid leaf: the access traps, its cost is the walk (no D-cache wait to charge).
        mem.missed = false;
        this.outLat = lat;
        return t;
      }
    }
    mem.now = t;
    const extra = mem.dataAccess();
    if (c === Cls.Load) {
      lat += extra;
    } else if (c === Cls.Amo && extra > 0) {
      // An AMO holds the pipeline until its line is here.
      t += extra;
      stack[Stack.DCache] += extra;
    }
    // A store miss allocates its line in the background, but only once the memory port is free:
    // with the one miss in flight the pipeline waits for the previous one.
    if (c === Cls.Store && mem.missed && mem.portWait > 0) {
      t += mem.portWait;
      stack[Stack.DCache] += mem.portWait;
    }
    this.outLat = lat;
    return t;
  }

  /** Every other class issuing at cycle t (multi-cycle units, CSRs, fences, xRET): returns the new t, sets outLat. */
  private execUnit(c: number, info: number, w: number, t: number): number {
    const L = this.L;
    const cfg = this.cfg;
    const stack = this.stack;
    let lat = L.alu;
    switch (c) {
      case Cls.Div: {
        // The multiply/divide unit (multiplies are handled in retireAny).
        if (this.mulDivFree > t) {
          stack[Stack.Hazard] += this.mulDivFree - t;
          t = this.mulDivFree;
        }
        lat = L.divOverhead + this.divIters(info, w);
        this.mulDivFree = t + lat;
        break;
      }
      case Cls.FmaS:
        lat = L.fmaS;
        break;
      case Cls.FmaD:
        lat = L.fmaD;
        break;
      case Cls.FdivS:
      case Cls.FdivD:
      case Cls.FsqrtS:
      case Cls.FsqrtD: {
        if (this.fdivFree > t) {
          stack[Stack.Hazard] += this.fdivFree - t;
          t = this.fdivFree;
        }
        lat = c === Cls.FdivS ? L.fdivS : c === Cls.FdivD ? L.fdivD : c === Cls.FsqrtS ? L.fsqrtS : L.fsqrtD;
        this.fdivFree = t + lat;
        break;
      }
      case Cls.FpMisc:
        lat = L.fpMisc;
        break;
      case Cls.FpToInt:
        lat = L.fpToInt;
        break;
      case Cls.IntToFp:
        lat = L.intToFp;
        break;
      case Cls.Csr:
        lat = L.csr;
        this.forgetContext(); // satp, mstatus and friends change translation
        break;
      case Cls.Fence: {
        // Waits for the memory port to drain, then a fixed cost.
        const mem = this.mem;
        const drain = mem.memFree > t ? mem.memFree - t : 0;
        t += drain;
        stack[Stack.DCache] += drain;
        t += cfg.fencePenalty;
        stack[Stack.Serialize] += cfg.fencePenalty;
        break;
      }
      case Cls.FenceI:
        this.forgetContext();
        this.mem.flushICache();
        t += cfg.fenceIPenalty;
        stack[Stack.Serialize] += cfg.fenceIPenalty;
        break;
      case Cls.Sfence:
        this.forgetContext();
        this.mem.flushTlbs();
        t += cfg.sfencePenalty;
        stack[Stack.Serialize] += cfg.sfencePenalty;
        break;
      case Cls.Xret:
        this.forgetContext();
        t += cfg.xretPenalty;
        stack[Stack.Serialize] += cfg.xretPenalty;
        break;
    }
    this.outLat = lat;
    return t;
  }

  /** A mispredict (or a JAL missing the BTB): counted and charged; returns its penalty. */
  private mispredict(penalty: number): number {
    this.ev[Ev.Mispredict]++;
    this.stack[Stack.Branch] += penalty;
    return penalty;
  }

  /** Privilege, satp or mstatus may have changed: translate the next fetch and data access afresh. */
  private forgetContext(): void {
    this.fetchLo = 1;
    this.fetchPageLo = 1;
    this.ctx = 0;
  }

  trap(_h: Hart, _cause: number, _interrupt: boolean): void {
    this.ev[Ev.Traps]++;
    this.forgetContext();
    this.t += this.cfg.trapPenalty;
    this.stack[Stack.Trap] += this.cfg.trapPenalty;
  }

  private record(pcLo: number, pcHi: number, w: number, start: number, fetched: number, issue: number, lat: number): void {
    const pv = this.pipeview!;
    pv.seen = this.count;
    if (!pv.wanted) return;
    const pc = (BigInt(pcHi >>> 0) << 32n) | BigInt(pcLo >>> 0);
    // A compressed instruction is shown by its 32-bit expansion.
    const text = disassemble(w | 3, pc, this.pipeDecoder);
    // F starts the cycle after the previous instruction left F; D once fetched; X at issue.
    const wb = issue + Math.max(2, lat);
    pv.add(`${pc.toString(16).padStart(16, "0")}: ${text}`, Math.max(0, start - 1), fetched - 1, issue, issue + 1, wb, wb + 1);
  }
}
