/** Building the timing model a run asked for (`--timing none|inorder`). */
import type { Machine } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { loadConfig, makeConfig, type TimingConfig } from './config.js';
import { InOrderModel } from './inorder.js';
import { KonataWriter } from './konata.js';
import { makeReport, type TimingReport } from './stats.js';

export const TIMING_KINDS = ['none', 'inorder'] as const;
export type TimingKind = (typeof TIMING_KINDS)[number];

export interface TimingOptions {
  kind: TimingKind;
  /** JSON overrides (--timing-config). */
  configFile?: string;
  config?: TimingConfig;
  /** --pipeview FILE, with the window of instructions to trace. */
  pipeview?: { file: string; from: number; count: number };
}

export function parseTimingKind(v: string | undefined, dflt: TimingKind): TimingKind {
  if (v === undefined) return dflt;
  if ((TIMING_KINDS as readonly string[]).includes(v)) return v as TimingKind;
  throw new HostError(`bad --timing '${v}': expected ${TIMING_KINDS.join(' or ')}`);
}

/** Attaches the model to the machine; null for `none`. */
export function attachTiming(m: Machine, o: TimingOptions): InOrderModel | null {
  if (o.kind === 'none') {
    if (o.pipeview !== undefined) throw new HostError('--pipeview needs a timing model (--timing inorder)');
    if (o.configFile !== undefined) throw new HostError('--timing-config needs a timing model (--timing inorder)');
    return null;
  }
  const cfg = o.config ?? (o.configFile !== undefined ? loadConfig(o.configFile) : makeConfig());
  const model = new InOrderModel(cfg, m.decoder, m.ram);
  if (o.pipeview !== undefined) model.pipeview = new KonataWriter(o.pipeview.file, o.pipeview.from, o.pipeview.count);
  m.attachTiming(model);
  return model;
}

export function timingReport(m: Machine, model: InOrderModel): TimingReport {
  return makeReport(model.name, m.hart.instret, model.cycles, m.idleCycles, model.cpiStack(), model.ev);
}

/** `--pipeview-window FIRST:COUNT` (or COUNT alone, from the first instruction). */
export function parseWindow(s: string): { from: number; count: number } {
  const m = /^\s*(?:(\d+)\s*:)?\s*(\d+)\s*$/.exec(s);
  const from = m === null ? NaN : Number(m[1] ?? 0);
  const count = m === null ? NaN : Number(m[2]);
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(count) && count > 0)) {
    throw new HostError(`bad --pipeview-window '${s}': expected FIRST:COUNT (instructions), e.g. 1000:200`);
  }
  return { from, count };
}
