/**
 * Execution control for the gdb stub: breakpoints, watchpoints, single step and continue, exact
 * to the instruction.
 *
 * With no breakpoint, watchpoint or step pending the machine runs exactly as without a debugger
 * (its own observer, the fast loop when it has none). Otherwise the debugger puts its observer in
 * front of the machine's and runs the CPU's observed loop; the observer's `before` hook sees every
 * instruction before it executes, with its pc and word and the registers holding its inputs, and
 * stops the machine there by throwing `STOP` (the CPU rethrows anything that is not a trap, so
 * nothing of the instruction has happened; the retired count is put right afterwards). That makes
 * every stop exact:
 * - a breakpoint (software or hardware: both compare the pc) stops before the instruction at its
 *   address executes, including the first instruction of a trap handler entered by an interrupt;
 * - a watchpoint stops before the load, store, AMO or HLV/HSV that would touch a watched byte, as
 *   the debug spec's triggers with timing "before" (gdb's riscv target has non-steppable
 *   watchpoints: it then steps over the access itself and compares the values). Only instructions
 *   that would not trap as illegal count (decodable, FP enabled for FP accesses, HLV/HSV allowed
 *   in this mode); the address is rs1 + offset, virtual, as gdb gave it;
 * - a step stops before the second instruction, or at a trap handler's first instruction when the
 *   stepped instruction traps or an interrupt is taken before it.
 * Resuming from a breakpoint's address does not stop there again at once (the first instruction at
 * the resume pc is not checked against breakpoints), so a client need not remove it to move on.
 */
import type { Machine, RunResult } from '../machine.js';
import type { RetireObserver } from '../rv64/cpu.js';
import { Hs } from '../csr/csr-file.js';
import type { Hart } from '../rv64/hart.js';

/** Thrown by the observer to stop the machine before an instruction. */
class StopSignal {}
const STOP = new StopSignal();

export const enum BpType {
  Software = 0,
  Hardware = 1,
}

/** gdb's watchpoint types (Z2, Z3, Z4). */
export const enum WpType {
  Write = 2,
  Read = 3,
  Access = 4,
}

/** Access kinds as bits: what a watchpoint type reacts to and what an instruction does. */
const READ = 1;
const WRITE = 2;
const WP_MASK = [0, 0, WRITE, READ, READ | WRITE];

export type Stop =
  | { kind: 'breakpoint'; type: BpType }
  | { kind: 'watchpoint'; type: WpType; lo: number; hi: number }
  | { kind: 'step' }
  /** The run ended: the program exited, the instruction limit was reached, or the hart sleeps for good. */
  | { kind: 'exit' | 'limit' | 'deadlock'; result: RunResult };

const TWO32 = 4294967296;

export class Debugger {
  /** Breakpoint addresses as halves, and their types. */
  private bpLo = new Int32Array(16);
  private bpHi = new Int32Array(16);
  private bpType = new Int32Array(16);
  private nBp = 0;
  /** Watchpoints: start (halves), length, type. */
  private wpLo = new Int32Array(16);
  private wpHi = new Int32Array(16);
  private wpLen = new Float64Array(16);
  private wpType = new Int32Array(16);
  private nWp = 0;

  private stepping = false;
  private stepDone = false;
  /** The next instruction is the first since resuming at (resumeLo, resumeHi). */
  private first = false;
  private resumeLo = 0;
  private resumeHi = 0;
  private stopInstret = 0;
  private pending: Stop = { kind: 'step' };

  /** The machine's own observer (timing model, tracer), which keeps seeing everything. */
  readonly base: RetireObserver | null;
  private readonly obs: RetireObserver;
  private readonly maxInsns: number;
  private readonly flush: () => void;

  constructor(
    readonly m: Machine,
    opts: { maxInsns?: number; flush?: () => void } = {},
  ) {
    this.base = m.observer;
    this.maxInsns = opts.maxInsns ?? Infinity;
    this.flush = opts.flush ?? (() => {});
    const base = this.base;
    const obs: RetireObserver = {
      before: (h, pcLo, pcHi, w) => {
        this.check(h, pcLo, pcHi, w);
        base?.before?.(h, pcLo, pcHi, w);
      },
      retire: (h, pcLo, pcHi, w, note) => base?.retire(h, pcLo, pcHi, w, note),
      trap: (h, cause, interrupt) => {
        // A trap ends a step: the stop comes at the handler's first instruction.
        this.stepDone = this.stepping;
        this.first = false;
        base?.trap?.(h, cause, interrupt);
      },
    };
    // No `note`: with notes the core would call `before` only for the instructions the base's
    // notes ask it for. Without, the base gets note 0 and every `before`, as from teeObserver
    // (src/timing/tee.ts) when its second observer has a `before`.
    this.obs = obs;
  }

  // ---- breakpoints and watchpoints

  addBreakpoint(type: BpType, lo: number, hi: number): void {
    if (this.nBp === this.bpLo.length) {
      this.bpLo = grow(this.bpLo);
      this.bpHi = grow(this.bpHi);
      this.bpType = grow(this.bpType);
    }
    this.bpLo[this.nBp] = lo;
    this.bpHi[this.nBp] = hi;
    this.bpType[this.nBp] = type;
    this.nBp++;
  }

  /** Removes one breakpoint of this type at this address; false if there is none. */
  removeBreakpoint(type: BpType, lo: number, hi: number): boolean {
    for (let k = 0; k < this.nBp; k++) {
      if (this.bpLo[k] === lo && this.bpHi[k] === hi && this.bpType[k] === type) {
        const last = --this.nBp;
        this.bpLo[k] = this.bpLo[last];
        this.bpHi[k] = this.bpHi[last];
        this.bpType[k] = this.bpType[last];
        return true;
      }
    }
    return false;
  }

  addWatchpoint(type: WpType, lo: number, hi: number, len: number): void {
    if (this.nWp === this.wpLo.length) {
      this.wpLo = grow(this.wpLo);
      this.wpHi = grow(this.wpHi);
      this.wpLen = grow(this.wpLen);
      this.wpType = grow(this.wpType);
    }
    this.wpLo[this.nWp] = lo;
    this.wpHi[this.nWp] = hi;
    this.wpLen[this.nWp] = len;
    this.wpType[this.nWp] = type;
    this.nWp++;
  }

  removeWatchpoint(type: WpType, lo: number, hi: number, len: number): boolean {
    for (let k = 0; k < this.nWp; k++) {
      if (this.wpLo[k] === lo && this.wpHi[k] === hi && this.wpLen[k] === len && this.wpType[k] === type) {
        const last = --this.nWp;
        this.wpLo[k] = this.wpLo[last];
        this.wpHi[k] = this.wpHi[last];
        this.wpLen[k] = this.wpLen[last];
        this.wpType[k] = this.wpType[last];
        return true;
      }
    }
    return false;
  }

  clearAll(): void {
    this.nBp = 0;
    this.nWp = 0;
  }

  // ---- running

  /** Prepares a continue (`step` false) or a single step from the current pc. */
  resume(step: boolean): void {
    this.stepping = step;
    this.stepDone = false;
    this.first = true;
    this.resumeLo = this.m.hart.pcLo;
    this.resumeHi = this.m.hart.pcHi;
  }

  /**
   * Runs the resumed action for at most `n` instructions: the stop, or null if none came yet (call
   * again to go on; between calls the host can look for a Ctrl-C).
   */
  runFor(n: number): Stop | null {
    const m = this.m;
    const h = m.hart;
    const left = this.maxInsns - h.instret;
    if (left <= 0) return { kind: 'limit', result: { reason: 'limit', exitCode: null, instret: h.instret } };
    m.observer = this.stepping || this.nBp > 0 || this.nWp > 0 ? this.obs : this.base;
    let r: RunResult;
    try {
      r = m.run(Math.min(n, left));
    } catch (e) {
      if (e !== STOP) throw e;
      // The slice ended by an exception: instructions retired before the stop are counted here.
      h.instretBase = this.stopInstret;
      h.icount = 0;
      this.stepping = false;
      return this.pending;
    } finally {
      m.observer = this.base;
      this.flush();
    }
    if (r.reason === 'exit' || r.reason === 'deadlock') return { kind: r.reason, result: r };
    if (h.instret >= this.maxInsns) return { kind: 'limit', result: r };
    return null;
  }

  /** Runs to the end with no debugger in the way (after gdb detaches). */
  runFree(): RunResult {
    this.clearAll();
    this.stepping = false;
    for (;;) {
      const s = this.runFor(10_000_000);
      if (s !== null && s.kind !== 'breakpoint' && s.kind !== 'watchpoint' && s.kind !== 'step') return s.result;
    }
  }

  private stop(h: Hart, s: Stop): never {
    this.pending = s;
    this.stopInstret = h.instret;
    throw STOP;
  }

  /** The `before` check: stops the machine before this instruction if it should not run. */
  private check(h: Hart, pcLo: number, pcHi: number, w: number): void {
    const first = this.first;
    this.first = false;
    if (this.stepping && this.stepDone) this.stop(h, { kind: 'step' });
    if (this.nBp > 0 && !(first && pcLo === this.resumeLo && pcHi === this.resumeHi)) {
      for (let k = 0; k < this.nBp; k++) {
        if (this.bpLo[k] === pcLo && this.bpHi[k] === pcHi) this.stop(h, { kind: 'breakpoint', type: this.bpType[k] as BpType });
      }
    }
    if (this.nWp > 0) this.checkAccess(h, w);
    this.stepDone = this.stepping;
  }

  /** Stops before an access to a watched byte (see the module comment). */
  private checkAccess(h: Hart, w: number): void {
    // Expanded compressed words have bit 1 clear; illegal parcels are below 0x10000 (every expanded
    // access names rs1 >= 2 or a non-zero offset above bit 15).
    if ((w & 1) === 0 || w >>> 0 < 0x10000) return;
    const f3 = (w >>> 12) & 7;
    let size = 0;
    let kind = 0;
    let imm = 0;
    switch ((w | 2) & 0x7f) {
      case 0x03:
        size = 1 << (f3 & 3);
        kind = READ;
        imm = w >> 20;
        break;
      case 0x07:
        if (!h.csr.fpOn()) return;
        size = 1 << f3;
        kind = READ;
        imm = w >> 20;
        break;
      case 0x23:
        size = 1 << (f3 & 3);
        kind = WRITE;
        imm = ((w >> 25) << 5) | ((w >>> 7) & 31);
        break;
      case 0x27:
        if (!h.csr.fpOn()) return;
        size = 1 << f3;
        kind = WRITE;
        imm = ((w >> 25) << 5) | ((w >>> 7) & 31);
        break;
      case 0x2f: {
        size = f3 === 2 ? 4 : 8;
        const f5 = w >>> 27;
        kind = f5 === 2 ? READ : f5 === 3 ? WRITE : READ | WRITE; // LR, SC, AMOs
        break;
      }
      case 0x73: {
        const f7 = w >>> 25;
        if (f3 !== 4 || f7 < 0x30 || f7 > 0x37) return;
        // HLV/HLVX/HSV: from M or HS, or from U with hstatus.HU (else illegal or virtual).
        if (h.virt !== 0 || (h.priv === 0 && (h.csr.hstatus & Hs.HU) === 0)) return;
        size = 1 << ((f7 >>> 1) & 3);
        kind = (f7 & 1) !== 0 ? WRITE : READ;
        break;
      }
      default:
        return;
    }
    if (this.m.decoder.decode(w | 2) === undefined) return;
    const rs1 = (w >>> 15) & 31;
    const s = (h.x[2 * rs1] >>> 0) + imm;
    const aLo = s | 0;
    const aHi = (h.x[2 * rs1 + 1] + (s >= TWO32 ? 1 : s < 0 ? -1 : 0)) | 0;
    for (let k = 0; k < this.nWp; k++) {
      if ((WP_MASK[this.wpType[k]] & kind) === 0) continue;
      const wLo = this.wpLo[k];
      const wHi = this.wpHi[k];
      const len = this.wpLen[k];
      // Overlap of [a, a+size) and [w, w+len), modulo 2^64: a - w < len, or w - a < size.
      if (below(aLo, aHi, wLo, wHi, len)) this.stop(h, { kind: 'watchpoint', type: this.wpType[k] as WpType, lo: aLo, hi: aHi });
      if (below(wLo, wHi, aLo, aHi, size)) this.stop(h, { kind: 'watchpoint', type: this.wpType[k] as WpType, lo: wLo, hi: wHi });
    }
  }
}

/** (aLo, aHi) - (bLo, bHi) modulo 2^64 is below n (n <= 2^32). */
function below(aLo: number, aHi: number, bLo: number, bHi: number, n: number): boolean {
  let d = (aLo >>> 0) - (bLo >>> 0);
  let dh = (aHi - bHi) | 0;
  if (d < 0) {
    d += TWO32;
    dh = (dh - 1) | 0;
  }
  return dh === 0 && d < n;
}

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
