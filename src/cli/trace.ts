/**
 * The instruction traces of `rvsim run` (docs/traces.md):
 * - `--trace`: one human line per retired instruction on stderr, with disassembly and symbols;
 * - `--log-commits FILE|-`: Spike's commit-log format (src/trace/commit-log.ts);
 * - `--trace-window FIRST:COUNT`: both limited to instructions FIRST .. FIRST+COUNT-1 (0-based
 *   indices of retired instructions). Past the window the observers are detached, so the rest of
 *   the run goes at full speed.
 */
import type { ElfImage } from '../loader/elf.js';
import { Symbolizer } from '../loader/symbolizer.js';
import type { Machine } from '../machine.js';
import type { RetireObserver } from '../rv64/cpu.js';
import type { Hart } from '../rv64/hart.js';
import { disassemble } from '../rv64/disasm.js';
import { HostError } from '../rv64/trap.js';
import { CommitLog, fetchedBits } from '../trace/commit-log.js';
import { TraceSink } from '../trace/sink.js';
import { teeObserver } from '../timing/tee.js';

const PRIV = ['U', 'S', '?', 'M'];

function hex64(lo: number, hi: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** The mode letters of a hart: M, S, U, and VS/VU while V=1. */
function mode(virt: number, priv: number): string {
  return virt !== 0 && priv !== 3 ? `V${PRIV[priv]}` : PRIV[priv];
}

export function makeTracer(m: Machine, elf: ElfImage | null, write: (s: string) => void): RetireObserver {
  const sym = elf === null ? null : new Symbolizer(elf.codeSymbols);
  const disasm = (raw: number, pc: bigint): string => disassemble(raw, pc, m.decoder);
  // The mode and instruction bits are taken before the instruction runs (an MRET changes the mode;
  // fetching again after it could translate differently).
  let priv = 3;
  let virt = 0;
  let raw = 0;
  let bPcLo = 0;
  let bPcHi = 0;
  const before = (h: Hart, pcLo: number, pcHi: number, w: number): void => {
    priv = h.priv;
    virt = h.virt;
    bPcLo = pcLo;
    bPcHi = pcHi;
    try {
      raw = fetchedBits(h.mmu, pcLo, pcHi, w);
    } catch {
      raw = 0;
    }
  };
  return {
    before,
    retire(h: Hart, pcLo: number, pcHi: number, w: number) {
      if (pcLo !== bPcLo || pcHi !== bPcHi) before(h, pcLo, pcHi, w);
      bPcLo = ~pcLo; // used up
      const pc = (BigInt(pcHi >>> 0) << 32n) | BigInt(pcLo >>> 0);
      const where = sym?.lookup(pcLo, pcHi);
      const bits = (raw & 3) === 3 ? (raw >>> 0).toString(16).padStart(8, '0') : raw.toString(16).padStart(4, '0').padEnd(8);
      const text = disasm(raw, pc);
      write(`${mode(virt, priv)} ${hex64(pcLo, pcHi)} (${bits}) ${text}${where ? `  <${where}>` : ''}\n`);
    },
    trap(h: Hart, cause: number, interrupt: boolean) {
      write(`${mode(h.virt, h.priv)} trap: ${interrupt ? 'interrupt' : 'exception'} ${cause} at ${hex64(h.pcLo, h.pcHi)}\n`);
    },
  };
}

/** `--trace-window FIRST:COUNT` (or just COUNT, from 0). */
export function parseTraceWindow(s: string): { from: number; count: number } {
  const m = /^\s*(?:(\d+)\s*:)?\s*(\d+)\s*$/.exec(s);
  const from = m === null ? NaN : Number(m[1] ?? 0);
  const count = m === null ? NaN : Number(m[2]);
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(count) && count > 0)) {
    throw new HostError(`bad --trace-window '${s}': expected FIRST:COUNT (instruction indices from 0), e.g. 1000:200`);
  }
  return { from, count };
}

/**
 * Observers limited to instructions [from, from + count): indices are retired instructions before
 * the one at hand (h.instret in `before`, h.instret - 1 in `retire`, which runs after the count).
 * `done` is called once the last one retired.
 */
export function windowed(obs: RetireObserver, from: number, count: number, done: () => void): RetireObserver {
  const end = from + count;
  let finished = false;
  const w: RetireObserver = {
    retire(h, pcLo, pcHi, word, note) {
      const i = h.instret - 1;
      if (i >= from && i < end) obs.retire(h, pcLo, pcHi, word, note);
      if (i >= end - 1 && !finished) {
        finished = true;
        done();
      }
    },
    trap(h, cause, interrupt) {
      const i = h.instret;
      if (i >= from && i < end) obs.trap?.(h, cause, interrupt);
    },
  };
  if (obs.before !== undefined) {
    w.before = (h, pcLo, pcHi, word) => {
      const i = h.instret;
      if (i >= from && i < end) obs.before!(h, pcLo, pcHi, word);
    };
  }
  return w;
}

export interface TraceOptions {
  /** --trace: the human trace on stderr. */
  trace?: boolean;
  /** --log-commits FILE, '-' for stderr. */
  logCommits?: string;
  /** --trace-window FIRST:COUNT. */
  window?: string;
}

/** The traces attached to a machine; `close()` writes what is buffered (call it when the run ends). */
export interface Traces {
  close(): void;
}

/**
 * Attaches the traces `o` asks for to `m`, after whatever observer it has (the timing model), or
 * returns null when none is asked for.
 */
export function attachTraces(m: Machine, elf: ElfImage | null, o: TraceOptions): Traces | null {
  const win = o.window === undefined ? null : parseTraceWindow(o.window);
  if (!o.trace && o.logCommits === undefined) {
    if (win !== null) throw new HostError('--trace-window needs --trace or --log-commits');
    return null;
  }
  const sinks: TraceSink[] = [];
  let obs: RetireObserver | null = null;
  if (o.trace) {
    const s = new TraceSink('-', '--trace');
    sinks.push(s);
    obs = makeTracer(m, elf, s.write);
  }
  if (o.logCommits !== undefined) {
    const s = new TraceSink(o.logCommits, '--log-commits');
    sinks.push(s);
    const log = new CommitLog(m, s.write);
    obs = obs === null ? log : teeObserver(obs, log);
  }
  const rest = m.observer;
  if (win !== null) obs = windowed(obs!, win.from, win.count, () => (m.observer = rest));
  m.observer = rest === null ? obs : teeObserver(rest, obs!);
  return {
    close() {
      for (const s of sinks) s.close();
    },
  };
}

/**
 * yargs reads a lone `-` after an option as no value at all, so `--log-commits -` (stderr) is
 * folded into `--log-commits=-` before parsing (only before a `--`, after which words are the
 * guest's).
 */
export function foldStdioDash(argv: string[], option: string): string[] {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (i < end - 1 && argv[i] === option && argv[i + 1] === '-') {
      out.push(`${option}=-`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}
