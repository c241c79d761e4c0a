/**
 * The in-order model's parameters in one typed object, with Rocket-class defaults. docs/timing.md
 * gives the source of every value. `--timing-config FILE` overrides any subset with JSON of the
 * same shape; unknown keys and values of the wrong type are host errors.
 */
import { readFileSync } from 'node:fs';
import { HostError } from '../rv64/trap.js';

export interface CacheConfig {
  /** Total size in bytes. */
  size: number;
  ways: number;
  /** Line size in bytes. */
  line: number;
  /** Extra cycles a hit costs beyond the pipeline's own latency (0 for L1s: it is in the pipeline). */
  hitLatency: number;
}

export interface TlbConfig {
  /** Entries (4 KiB pages). */
  entries: number;
  ways: number;
  /** Cycles a hit costs (0 for the L1 TLBs, looked up in parallel with the cache). */
  hitLatency: number;
}

export interface TimingConfig {
  /** Core clock in MHz: mtime advances by (cycles * timebaseMHz / coreMHz). Informational here. */
  coreMHz: number;
  /** Result latencies (cycles from issue to a dependent instruction's issue). */
  latency: {
    alu: number;
    /** LW/LD/FLW/FLD hit. */
    load: number;
    /** LB/LBU/LH/LHU hit (sub-word alignment step). */
    loadSubword: number;
    csr: number;
    /** Multiplier: bits of the multiplier retired per cycle, and fixed cycles around the iterations. */
    mulUnroll: number;
    mulOverhead: number;
    /** Divider: bits per cycle, fixed cycles, and whether leading-zero bits are skipped. */
    divUnroll: number;
    divOverhead: number;
    divEarlyOut: boolean;
    fmaS: number;
    fmaD: number;
    /** Sign injection, min/max, FP-to-FP conversion. */
    fpMisc: number;
    /** FP compare, FP-to-integer moves and conversions. */
    fpToInt: number;
    /** Integer-to-FP moves and conversions. */
    intToFp: number;
    /** Iterative divide/sqrt (one quotient bit per cycle in Rocket's hardfloat unit). */
    fdivS: number;
    fdivD: number;
    fsqrtS: number;
    fsqrtD: number;
  };
  branch: {
    /** Cycles lost when the predicted pc was wrong (resolved in execute). */
    mispredictPenalty: number;
    /** Cycles lost by a taken JAL that missed in the BTB (redirected at decode). */
    jalMissPenalty: number;
    bhtEntries: number;
    /** Global history bits hashed into the BHT index. */
    historyBits: number;
    btbEntries: number;
    rasEntries: number;
  };
  icache: CacheConfig;
  dcache: CacheConfig;
  /** Optional shared L2: null for none. */
  l2: CacheConfig | null;
  /** Cycles to fetch a line from memory after missing every cache. */
  memoryLatency: number;
  itlb: TlbConfig;
  dtlb: TlbConfig;
  /** Optional second-level TLB shared by fetches and data: null for none. */
  l2tlb: TlbConfig | null;
  /** Cycles the page-table walker adds per PTE beyond the D-cache access itself. */
  ptwPerLevel: number;
  /** Cycles from a trap to the first instruction of its handler (pipeline flush and redirect). */
  trapPenalty: number;
  /** MRET/SRET: flush and redirect. */
  xretPenalty: number;
  /** FENCE.I: the I-cache is flushed; plus the pipeline flush. */
  fenceIPenalty: number;
  /** SFENCE.VMA / HFENCE: the TLBs are flushed; plus the pipeline flush. */
  sfencePenalty: number;
  /** FENCE: waits for outstanding memory operations (modelled as a fixed cost). */
  fencePenalty: number;
}

export const ROCKET: TimingConfig = {
  coreMHz: 1000,
  latency: {
    alu: 1,
    load: 2,
    loadSubword: 3,
    csr: 3,
    mulUnroll: 8,
    mulOverhead: 1,
    divUnroll: 1,
    divOverhead: 2,
    divEarlyOut: true,
    fmaS: 3,
    fmaD: 4,
    fpMisc: 2,
    fpToInt: 2,
    intToFp: 2,
    fdivS: 27,
    fdivD: 56,
    fsqrtS: 27,
    fsqrtD: 56,
  },
  branch: {
    mispredictPenalty: 3,
    jalMissPenalty: 2,
    bhtEntries: 512,
    historyBits: 8,
    btbEntries: 28,
    rasEntries: 6,
  },
  icache: { size: 16384, ways: 4, line: 64, hitLatency: 0 },
  dcache: { size: 16384, ways: 4, line: 64, hitLatency: 0 },
  l2: { size: 512 * 1024, ways: 8, line: 64, hitLatency: 20 },
  memoryLatency: 100,
  itlb: { entries: 32, ways: 32, hitLatency: 0 },
  dtlb: { entries: 32, ways: 32, hitLatency: 0 },
  l2tlb: { entries: 1024, ways: 1, hitLatency: 3 },
  ptwPerLevel: 1,
  trapPenalty: 5,
  xretPenalty: 4,
  fenceIPenalty: 6,
  sfencePenalty: 5,
  fencePenalty: 1,
};

/** A deep copy of the defaults with `over` merged in, checked against the defaults' shape. */
export function makeConfig(over: unknown = {}, where = 'timing config'): TimingConfig {
  const base = structuredClone(ROCKET) as unknown as Record<string, unknown>;
  merge(base, over, where);
  const c = base as unknown as TimingConfig;
  check(c, where);
  return c;
}

function merge(into: Record<string, unknown>, over: unknown, path: string): void {
  if (typeof over !== 'object' || over === null || Array.isArray(over)) throw new HostError(`${path}: expected an object`);
  for (const [k, v] of Object.entries(over)) {
    const p = `${path}.${k}`;
    if (!(k in into)) throw new HostError(`${p}: unknown parameter`);
    const cur = into[k];
    if (k === 'l2' || k === 'l2tlb') {
      if (v === null) {
        into[k] = null;
        continue;
      }
      const dflt = structuredClone((ROCKET as unknown as Record<string, unknown>)[k]) as Record<string, unknown>;
      const target = (cur ?? dflt) as Record<string, unknown>;
      merge(target, v, p);
      into[k] = target;
    } else if (typeof cur === 'object' && cur !== null) {
      merge(cur as Record<string, unknown>, v, p);
    } else if (typeof cur !== typeof v) {
      throw new HostError(`${p}: expected a ${typeof cur}, got ${JSON.stringify(v)}`);
    } else {
      into[k] = v;
    }
  }
}

const pow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

function check(c: TimingConfig, where: string): void {
  const nonNeg = (v: number, p: string) => {
    if (!Number.isInteger(v) || v < 0) throw new HostError(`${where}.${p}: expected a whole number >= 0, got ${v}`);
  };
  for (const [k, v] of Object.entries(c.latency)) if (typeof v === 'number') nonNeg(v, `latency.${k}`);
  for (const k of ['alu', 'load', 'loadSubword', 'mulUnroll', 'divUnroll'] as const) {
    if (c.latency[k] < 1) throw new HostError(`${where}.latency.${k}: must be at least 1`);
  }
  for (const [k, v] of Object.entries(c.branch)) nonNeg(v, `branch.${k}`);
  if (!pow2(c.branch.bhtEntries)) throw new HostError(`${where}.branch.bhtEntries: must be a power of two`);
  if (c.branch.btbEntries < 1 || c.branch.rasEntries < 1) throw new HostError(`${where}.branch: the BTB and RAS need at least one entry`);
  const cache = (cc: CacheConfig, p: string) => {
    if (!pow2(cc.line) || cc.line < 8) throw new HostError(`${where}.${p}.line: must be a power of two >= 8`);
    if (!pow2(cc.ways)) throw new HostError(`${where}.${p}.ways: must be a power of two`);
    if (!pow2(cc.size) || cc.size < cc.line * cc.ways) throw new HostError(`${where}.${p}.size: must be a power of two >= line * ways`);
    nonNeg(cc.hitLatency, `${p}.hitLatency`);
  };
  cache(c.icache, 'icache');
  cache(c.dcache, 'dcache');
  if (c.l2 !== null) cache(c.l2, 'l2');
  const tlb = (t: TlbConfig, p: string) => {
    if (!pow2(t.entries) || !pow2(t.ways) || t.ways > t.entries) throw new HostError(`${where}.${p}: entries and ways must be powers of two, ways <= entries`);
    nonNeg(t.hitLatency, `${p}.hitLatency`);
  };
  tlb(c.itlb, 'itlb');
  tlb(c.dtlb, 'dtlb');
  if (c.l2tlb !== null) tlb(c.l2tlb, 'l2tlb');
  for (const k of ['memoryLatency', 'ptwPerLevel', 'trapPenalty', 'xretPenalty', 'fenceIPenalty', 'sfencePenalty', 'fencePenalty', 'coreMHz'] as const) {
    nonNeg(c[k], k);
  }
}

/** Reads a JSON override file (`--timing-config`). */
export function loadConfig(file: string): TimingConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HostError(`cannot read --timing-config ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HostError(`--timing-config ${file} is not JSON: ${(e as Error).message}`);
  }
  return makeConfig(json, file);
}
