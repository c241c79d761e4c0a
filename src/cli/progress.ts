/**
 * The progress line of long runs: on a terminal (stderr is a TTY), once a run has gone on for
 * `delayMs` (2 s), one line on stderr, redrawn in place (`\r` + clear to end of line) at most every
 * `intervalMs`: instructions, MIPS (host speed) and simulated time. Never on a pipe or a file, so
 * scripts and tests see clean output.
 *
 * It never mixes with the guest's output: whatever writes guest output to the terminal calls
 * `beforeGuestOutput()` first, which erases the line, and `afterGuestOutput(bytes)` after it; the
 * line is drawn again only when the guest's output ends at the start of a line, so it always sits on
 * a line of its own below the guest's text and never splits a line the guest is still writing (a
 * shell prompt). Traces written to stderr go through the same two calls.
 *
 * One run at a time shows a line: `startProgress` makes it the active one, `stop()` erases it.
 * Nothing here runs unless a progress line is active: the hooks are a null check otherwise.
 */

/** The part of a stream the progress line uses (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** What the line shows, sampled when it is drawn. */
export interface ProgressSample {
  instret: number;
  /** Simulated seconds (cycles at the modelled clock). */
  simSeconds: number;
}

export interface ProgressOptions {
  delayMs?: number;
  intervalMs?: number;
  /** Wall clock in ms (tests pass a fake one). */
  now?: () => number;
}

const CLEAR = '\r\x1b[K';

export class Progress {
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly t0: number;
  private lastDraw = -Infinity;
  private drawn = false;
  /** The guest's output so far ends at the start of a line (nothing written counts as one). */
  private lineStart = true;
  private stopped = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly sample: () => ProgressSample,
    o: ProgressOptions = {},
  ) {
    this.delayMs = o.delayMs ?? 2000;
    this.intervalMs = o.intervalMs ?? 250;
    this.now = o.now ?? (() => performance.now());
    this.t0 = this.now();
  }

  /** The line as it would be drawn now (without the clearing prefix). */
  text(): string {
    const s = this.sample();
    const secs = Math.max(1e-9, (this.now() - this.t0) / 1000);
    const mips = s.instret / secs / 1e6;
    const line = `rvsim: ${formatCount(s.instret)} instructions  ${mips.toFixed(1)} MIPS  simulated ${s.simSeconds.toFixed(3)} s`;
    const cols = this.stream.columns;
    return cols !== undefined && cols > 1 && line.length >= cols ? line.slice(0, cols - 1) : line;
  }

  /** Draws the line if the run is long enough and the last drawing is old enough. */
  tick(): void {
    if (this.stopped || !this.lineStart) return;
    const t = this.now();
    if (t - this.t0 < this.delayMs || t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    this.drawn = true;
    this.stream.write(CLEAR + this.text());
  }

  /** Erases the line (before guest output or a trace line goes to the terminal). */
  clear(): void {
    if (!this.drawn) return;
    this.drawn = false;
    this.stream.write(CLEAR);
  }

  /** After guest output: remembers whether it ended a line, and redraws if it did. */
  written(lastByte: number): void {
    this.lineStart = lastByte === 0x0a;
    this.tick();
  }

  /** Erases the line for good. */
  stop(): void {
    this.clear();
    this.stopped = true;
    if (active === this) active = null;
  }
}

/** 1234567 -> "1.23 M". */
function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}

let active: Progress | null = null;

/**
 * Starts the progress line of a run on `stream` (stderr by default) if it is a terminal; returns it,
 * or null when the stream is not a TTY (then nothing is ever drawn). `enabled: false` forces none.
 */
export function startProgress(
  sample: () => ProgressSample,
  o: ProgressOptions & { stream?: ProgressStream; enabled?: boolean } = {},
): Progress | null {
  const stream = o.stream ?? process.stderr;
  if (o.enabled === false || stream.isTTY !== true) return null;
  active?.stop();
  active = new Progress(stream, sample, o);
  return active;
}

/** Call before writing guest output (or a trace) to the terminal. */
export function beforeGuestOutput(): void {
  if (active !== null) active.clear();
}

/** Call after writing guest output: `bytes` is what was written. */
export function afterGuestOutput(bytes: Uint8Array | string): void {
  if (active === null || bytes.length === 0) return;
  active.written(typeof bytes === 'string' ? bytes.charCodeAt(bytes.length - 1) : bytes[bytes.length - 1]);
}

/** Guest output to a stream (stdout), with the progress line kept off its lines. */
export function guestWrite(stream: { write(b: Uint8Array | string): unknown }, bytes: Uint8Array | string): void {
  beforeGuestOutput();
  stream.write(bytes);
  afterGuestOutput(bytes);
}
