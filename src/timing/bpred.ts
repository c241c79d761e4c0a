/**
 * Rocket-style branch prediction: a BTB of taken control-flow instructions (pc -> target), a BHT of
 * 2-bit counters indexed by pc XOR global history, and a return-address stack. Pcs are their low
 * 32 bits (signed), as partial tags. `predict*` returns
 * whether the front end would have fetched the right next pc; each call also trains the structures
 * with the real outcome.
 */
import type { TimingConfig } from './config.js';
import { SetAssoc } from './set-assoc.js';

export class BranchPredictor {
  private readonly btb: SetAssoc;
  private readonly bht: Uint8Array;
  private readonly bhtMask: number;
  private readonly histMask: number;
  private history = 0;
  private readonly ras: Int32Array;
  private rasTop = 0;
  private rasCount = 0;

  constructor(cfg: TimingConfig['branch']) {
    this.btb = new SetAssoc(cfg.btbEntries, cfg.btbEntries);
    this.bht = new Uint8Array(cfg.bhtEntries).fill(1); // weakly not-taken
    this.bhtMask = cfg.bhtEntries - 1;
    this.histMask = (1 << cfg.historyBits) - 1;
    this.ras = new Int32Array(cfg.rasEntries);
  }

  /** A conditional branch at `pc` went to `target` (taken) or fell through. True if predicted right. */
  branch(pc: number, taken: boolean, target: number): boolean {
    const btbHit = this.btb.lookup(pc);
    const i = ((pc >>> 1) ^ this.history) & this.bhtMask;
    const ctr = this.bht[i];
    // Without a BTB entry the front end cannot redirect: it predicts fall-through.
    const predTaken = btbHit && ctr >= 2;
    const right = predTaken ? taken && this.btb.data[this.btb.way] === target : !taken;
    this.bht[i] = taken ? (ctr < 3 ? ctr + 1 : 3) : ctr > 0 ? ctr - 1 : 0;
    this.history = ((this.history << 1) | (taken ? 1 : 0)) & this.histMask;
    if (taken) {
      if (btbHit) this.btb.data[this.btb.way] = target;
      else this.btb.fill(pc, target);
    }
    return right;
  }

  /** A JAL: true if the BTB knew it (no bubble). Calls push the return address. */
  jal(pc: number, target: number, link: boolean, ret: number): boolean {
    if (link) this.push(ret);
    if (this.btb.lookup(pc)) {
      const right = this.btb.data[this.btb.way] === target;
      this.btb.data[this.btb.way] = target;
      return right;
    }
    this.btb.fill(pc, target);
    return false;
  }

  /** A JALR: returns are predicted by the RAS, others by the BTB. True if predicted right. */
  jalr(pc: number, target: number, isReturn: boolean, link: boolean, ret: number): boolean {
    let right: boolean;
    if (isReturn && this.rasCount > 0) {
      this.rasTop = (this.rasTop === 0 ? this.ras.length : this.rasTop) - 1;
      this.rasCount--;
      right = this.ras[this.rasTop] === target;
    } else if (this.btb.lookup(pc)) {
      right = this.btb.data[this.btb.way] === target;
      this.btb.data[this.btb.way] = target;
    } else {
      right = false;
      this.btb.fill(pc, target);
    }
    if (link) this.push(ret);
    return right;
  }

  private push(ret: number): void {
    this.ras[this.rasTop] = ret;
    this.rasTop = this.rasTop + 1 === this.ras.length ? 0 : this.rasTop + 1;
    if (this.rasCount < this.ras.length) this.rasCount++;
  }
}
