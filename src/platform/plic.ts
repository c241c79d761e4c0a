import { HostError } from '../rv64/trap.js';
import type { Device } from './device.js';
import { MipBit, type IrqSink } from './irq.js';

export const PLIC_BASE = 0xc000000;
/** The region QEMU's virt device tree declares. */
export const PLIC_SIZE = 0x600000;
/** riscv,ndev of QEMU 7.2's virt (the reference device tree says 0x60): sources 1..96. */
export const PLIC_NDEV = 96;
/** QEMU virt's PLIC has 7 priority levels (3 bits). */
const PRIORITY_MASK = 7;

const PENDING_BASE = 0x1000;
const ENABLE_BASE = 0x2000;
const ENABLE_STRIDE = 0x80;
const CONTEXT_BASE = 0x200000;
const CONTEXT_STRIDE = 0x1000;

/** One interrupt target: a hart in one privilege mode, with its enables and threshold. */
export class PlicContext {
  /** Enable bits, 32 sources per word. */
  readonly enable: Uint32Array;
  threshold = 0;
  /** The external-interrupt level last driven into the hart. */
  level = false;

  constructor(
    readonly sink: IrqSink,
    /** MipBit.MEIP for an M-mode context, MipBit.SEIP for an S-mode one. */
    readonly mipBit: number,
    words: number,
  ) {
    this.enable = new Uint32Array(words);
  }

  isEnabled(src: number): boolean {
    return ((this.enable[src >>> 5] >>> (src & 31)) & 1) === 1;
  }
}

export interface PlicState {
  priority: number[];
  level: number[];
  pending: number[];
  claimed: number[];
  contexts: { enable: number[]; threshold: number }[];
}

/**
 * The SiFive PLIC (sifive,plic-1.0.0) as QEMU's virt machine has it: priorities at 4*src, pending
 * bits at 0x1000, per-context enables at 0x2000 + 0x80*ctx, per-context threshold and
 * claim/complete at 0x200000 + 0x1000*ctx. Two contexts per hart: 2h is M-mode (drives MEIP), 2h+1
 * is S-mode (drives SEIP).
 *
 * Sources are level-triggered through a gateway (PLIC spec, "Interrupt Gateways"): a raised line
 * makes the source pending unless it is claimed (in service); claiming clears pending; completing
 * ends the service and, if the line is still raised, makes it pending again. As in QEMU, lowering
 * the line also withdraws a pending request.
 *
 * Like QEMU only aligned 32-bit accesses are accepted; others read 0 and are ignored (QEMU faults
 * them; our Device interface has no fault path).
 */
export class Plic implements Device {
  readonly name = 'plic';
  readonly size = PLIC_SIZE;
  readonly contexts: PlicContext[];
  private readonly words: number;
  private readonly priority: Uint8Array;
  private readonly level: Uint8Array;
  private readonly pending: Uint8Array;
  private readonly claimed: Uint8Array;

  /** `harts[h]` receives hart h's MEIP (context 2h) and SEIP (context 2h+1). */
  constructor(
    harts: readonly IrqSink[],
    readonly ndev: number = PLIC_NDEV,
  ) {
    if (ndev < 1 || ndev > 1023) throw new Error(`plic: bad source count ${ndev}`);
    if (harts.length < 1 || harts.length > 7680) throw new Error(`plic: bad hart count ${harts.length}`);
    this.words = (ndev >>> 5) + 1;
    this.priority = new Uint8Array(ndev + 1);
    this.level = new Uint8Array(ndev + 1);
    this.pending = new Uint8Array(ndev + 1);
    this.claimed = new Uint8Array(ndev + 1);
    this.contexts = [];
    for (const h of harts) {
      this.contexts.push(new PlicContext(h, MipBit.MEIP, this.words));
      this.contexts.push(new PlicContext(h, MipBit.SEIP, this.words));
    }
  }

  /** A device's interrupt line `src` (1..ndev) is now at `level`. */
  setSource(src: number, level: boolean): void {
    if (src < 1 || src > this.ndev) throw new Error(`plic: no source ${src}`);
    const l = level ? 1 : 0;
    if (this.level[src] === l) return;
    this.level[src] = l;
    if (l === 1) {
      if (this.claimed[src] === 0) this.pending[src] = 1;
    } else {
      this.pending[src] = 0;
    }
    this.update();
  }

  /** Whether source `src` is pending (for tests and debugging). */
  isPending(src: number): boolean {
    return this.pending[src] === 1;
  }

  read(offset: number, size: 1 | 2 | 4): number {
    if (size !== 4 || (offset & 3) !== 0) return 0;
    if (offset < PENDING_BASE) {
      const src = offset >>> 2;
      return src <= this.ndev ? this.priority[src] : 0;
    }
    if (offset < ENABLE_BASE) {
      const w = (offset - PENDING_BASE) >>> 2;
      return w < this.words ? this.pendingWord(w) : 0;
    }
    if (offset < CONTEXT_BASE) {
      const ctx = this.contexts[Math.floor((offset - ENABLE_BASE) / ENABLE_STRIDE)];
      const w = ((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2;
      return ctx !== undefined && w < this.words ? ctx.enable[w] : 0;
    }
    const ctx = this.contexts[Math.floor((offset - CONTEXT_BASE) / CONTEXT_STRIDE)];
    if (ctx === undefined) return 0;
    const reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
    if (reg === 0) return ctx.threshold;
    if (reg === 4) return this.claim(ctx);
    return 0;
  }

  write(offset: number, size: 1 | 2 | 4, value: number): void {
    if (size !== 4 || (offset & 3) !== 0) return;
    const v = value >>> 0;
    if (offset < PENDING_BASE) {
      const src = offset >>> 2;
      // Source 0 does not exist (its priority is hardwired to 0).
      if (src === 0 || src > this.ndev) return;
      this.priority[src] = v & PRIORITY_MASK;
      this.update();
      return;
    }
    if (offset < ENABLE_BASE) return; // pending bits are read-only
    if (offset < CONTEXT_BASE) {
      const ctx = this.contexts[Math.floor((offset - ENABLE_BASE) / ENABLE_STRIDE)];
      const w = ((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2;
      if (ctx === undefined || w >= this.words) return;
      ctx.enable[w] = v & this.validMask(w);
      this.update();
      return;
    }
    const ctx = this.contexts[Math.floor((offset - CONTEXT_BASE) / CONTEXT_STRIDE)];
    if (ctx === undefined) return;
    const reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
    if (reg === 0) {
      // QEMU keeps the old threshold when the value is out of range.
      if (v <= PRIORITY_MASK) ctx.threshold = v;
      this.update();
    } else if (reg === 4) {
      this.complete(ctx, v);
    }
  }

  getState(): PlicState {
    return {
      priority: Array.from(this.priority),
      level: Array.from(this.level),
      pending: Array.from(this.pending),
      claimed: Array.from(this.claimed),
      contexts: this.contexts.map((c) => ({ enable: Array.from(c.enable), threshold: c.threshold })),
    };
  }

  setState(state: unknown): void {
    const s = state as PlicState;
    const n = this.ndev + 1;
    if (
      !s ||
      s.priority?.length !== n ||
      s.level?.length !== n ||
      s.pending?.length !== n ||
      s.claimed?.length !== n ||
      s.contexts?.length !== this.contexts.length
    ) {
      throw new HostError('plic: snapshot does not match this machine');
    }
    this.priority.set(s.priority);
    this.level.set(s.level);
    this.pending.set(s.pending);
    this.claimed.set(s.claimed);
    this.contexts.forEach((c, i) => {
      const cs = s.contexts[i];
      if (cs.enable.length !== this.words) throw new HostError('plic: snapshot does not match this machine');
      c.enable.set(cs.enable);
      c.threshold = cs.threshold;
      c.sink.setIrq(c.mipBit, false);
      c.level = false;
    });
    this.update();
  }

  /** Bits of enable word `w` that name real sources (1..ndev). */
  private validMask(w: number): number {
    let mask = 0xffffffff;
    if (w === 0) mask &= ~1;
    const last = this.ndev - 32 * w; // highest valid bit in this word
    if (last < 31) mask &= (2 ** (last + 1) - 1) | 0;
    return mask >>> 0;
  }

  private pendingWord(w: number): number {
    let word = 0;
    const end = Math.min(32 * w + 31, this.ndev);
    for (let src = 32 * w; src <= end; src++) if (this.pending[src] === 1) word |= 1 << (src & 31);
    return word >>> 0;
  }

  /** Highest-priority pending source enabled for `ctx` above its threshold (ties: lowest id), or 0. */
  private best(ctx: PlicContext): number {
    let best = 0;
    let bestPrio = ctx.threshold;
    for (let src = 1; src <= this.ndev; src++) {
      if (this.pending[src] === 1 && this.priority[src] > bestPrio && ctx.isEnabled(src)) {
        best = src;
        bestPrio = this.priority[src];
      }
    }
    return best;
  }

  private claim(ctx: PlicContext): number {
    const src = this.best(ctx);
    if (src !== 0) {
      this.pending[src] = 0;
      this.claimed[src] = 1;
      this.update();
    }
    return src;
  }

  /** PLIC spec: a completion for a source not enabled for this context is ignored. */
  private complete(ctx: PlicContext, src: number): void {
    if (src < 1 || src > this.ndev || !ctx.isEnabled(src) || this.claimed[src] === 0) return;
    this.claimed[src] = 0;
    if (this.level[src] === 1) this.pending[src] = 1;
    this.update();
  }

  private update(): void {
    for (const ctx of this.contexts) {
      const level = this.best(ctx) !== 0;
      if (level !== ctx.level) {
        ctx.level = level;
        ctx.sink.setIrq(ctx.mipBit, level);
      }
    }
  }
}
