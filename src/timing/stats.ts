/**
 * What the model counts: the CPI stack (every modelled cycle is charged to exactly one category,
 * so the stack sums to the cycle count) and the events the hpm counters select.
 */

/** CPI-stack categories. */
export const enum Stack {
  Base = 0,
  /** Waiting for an operand: load-use, multiplier, divider, FPU, CSR results; busy iterative units. */
  Hazard,
  /** Mispredicted branches and jumps, BTB misses of JALs. */
  Branch,
  ICache,
  /** Waiting for a load that missed, an AMO that missed, a FENCE draining a miss. */
  DCache,
  /** L1-TLB misses that hit the L2 TLB. */
  Tlb,
  /** Page-table walks (every PTE access through the D-cache): single-stage and VS-stage PTE reads. */
  Walk,
  /** The G-stage walks of two-stage translation (H extension). */
  WalkG,
  Trap,
  /** xRET, FENCE, FENCE.I, SFENCE.VMA: pipeline flushes and cache/TLB flushes. */
  Serialize,
  Count,
}

export const STACK_NAMES = ['base', 'hazards', 'branch', 'I-cache', 'D-cache', 'TLB', 'page walk', 'page walk G', 'traps', 'serialize'];

/**
 * Event numbers the mhpmevent selectors take (implementation-defined per privileged spec 3.1.11;
 * written down in docs/timing.md). 0 counts nothing.
 */
export const enum Ev {
  None = 0,
  ICacheMiss = 1,
  DCacheMiss = 2,
  L2Miss = 3,
  ItlbMiss = 4,
  DtlbMiss = 5,
  L2TlbMiss = 6,
  Mispredict = 7,
  WalkCycles = 8,
  HazardCycles = 9,
  ICacheAccess = 10,
  DCacheAccess = 11,
  L2Access = 12,
  ItlbAccess = 13,
  DtlbAccess = 14,
  L2TlbAccess = 15,
  Branches = 16,
  Walks = 17,
  Traps = 18,
  /** The G-stage part of page-walk cycles (two-stage translation). */
  WalkCyclesG = 19,
  Count = 20,
}

export const EVENT_NAMES = [
  'none', 'icache_miss', 'dcache_miss', 'l2_miss', 'itlb_miss', 'dtlb_miss', 'l2tlb_miss', 'mispredict',
  'walk_cycles', 'hazard_cycles', 'icache_access', 'dcache_access', 'l2_access', 'itlb_access', 'dtlb_access',
  'l2tlb_access', 'branches', 'walks', 'traps', 'walk_cycles_g',
];

/** The timing part of `--stats-json`. */
export interface TimingReport {
  model: string;
  instructions: number;
  cycles: number;
  /** WFI cycles with nothing to run (time skipped to the next timer event). */
  idleCycles: number;
  ipc: number;
  cpi: number;
  /** Cycles per category (sums to cycles - idleCycles). */
  cpiStack: Record<string, number>;
  missRates: Record<string, { accesses: number; misses: number; rate: number }>;
  events: Record<string, number>;
}

export function makeReport(model: string, instructions: number, busy: number, idle: number, stack: Float64Array, ev: Float64Array): TimingReport {
  const cycles = busy + idle;
  const cpiStack: Record<string, number> = {};
  for (let i = 0; i < Stack.Count; i++) cpiStack[STACK_NAMES[i]] = stack[i];
  const rate = (acc: Ev, miss: Ev) => ({ accesses: ev[acc], misses: ev[miss], rate: ev[acc] > 0 ? ev[miss] / ev[acc] : 0 });
  const events: Record<string, number> = {};
  for (let i = 1; i < Ev.Count; i++) events[EVENT_NAMES[i]] = ev[i];
  return {
    model,
    instructions,
    cycles,
    idleCycles: idle,
    ipc: cycles > 0 ? instructions / cycles : 0,
    cpi: instructions > 0 ? cycles / instructions : 0,
    cpiStack,
    missRates: {
      icache: rate(Ev.ICacheAccess, Ev.ICacheMiss),
      dcache: rate(Ev.DCacheAccess, Ev.DCacheMiss),
      l2: rate(Ev.L2Access, Ev.L2Miss),
      itlb: rate(Ev.ItlbAccess, Ev.ItlbMiss),
      dtlb: rate(Ev.DtlbAccess, Ev.DtlbMiss),
      l2tlb: rate(Ev.L2TlbAccess, Ev.L2TlbMiss),
      branch: rate(Ev.Branches, Ev.Mispredict),
    },
    events,
  };
}
