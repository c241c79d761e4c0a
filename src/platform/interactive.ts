/**
 * Drives a virt machine asynchronously: runs it in chunks of instructions with a `setImmediate`
 * between them, so host input (a terminal, a pipe) can arrive and be typed into the UART while the
 * guest runs. When the hart sleeps in WFI with no timer event pending ('deadlock'), only input can
 * wake it: the driver waits for input then, and stops only when no more input can come.
 *
 * Simulated time never depends on when input arrives relative to the wall clock within a chunk:
 * input is delivered between chunks, so a scripted run (input typed in reaction to output) is
 * deterministic.
 */
import type { StopReason } from '../machine.js';
import type { Console } from './console.js';
import type { VirtMachine } from './virt.js';

/** A source of host input bytes (process.stdin, or a test's scripted stream). */
export interface HostInput {
  on(event: 'data', cb: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', cb: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  pause?(): unknown;
  resume?(): unknown;
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface DriveOptions {
  /** Stop after this many instructions in total (reason 'limit'). */
  maxInsns?: number;
  /** Instructions per chunk (default 2,000,000: ~30 ms, the input latency). */
  chunk?: number;
  /** Host input; null when there is none (scripted runs, or a closed stdin). */
  input?: HostInput | null;
  /** Checked after every chunk (output flushed): true stops the run with reason 'done'. */
  until?: () => boolean;
}

export interface DriveResult {
  /** 'quit': the user typed Ctrl-A x; 'done': `until` said so. */
  reason: StopReason | 'quit' | 'done';
  exitCode: number | null;
  instret: number;
}

const DEFAULT_CHUNK = 2_000_000;

export async function drive(virt: VirtMachine, con: Console, o: DriveOptions = {}): Promise<DriveResult> {
  const m = virt.machine;
  const chunk = o.chunk ?? DEFAULT_CHUNK;
  const max = o.maxInsns ?? Infinity;
  const start = m.hart.instret;
  const input = o.input ?? null;
  let inputOpen = input !== null;
  let wake: (() => void) | null = null;
  const poke = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const raw = input !== null && input.isTTY === true && input.setRawMode !== undefined;
  if (input !== null) {
    if (raw) input.setRawMode!(true);
    input.on('data', (d) => {
      con.feed(typeof d === 'string' ? Buffer.from(d, 'utf8') : d);
      poke();
    });
    input.on('end', () => {
      inputOpen = false;
      poke();
    });
    input.resume?.();
  }
  let lastDeadlock = -1;
  try {
    for (;;) {
      if (con.quit) return { reason: 'quit', exitCode: null, instret: m.hart.instret };
      const left = max - (m.hart.instret - start);
      if (left <= 0) return { reason: 'limit', exitCode: null, instret: m.hart.instret };
      const r = m.run(Math.min(chunk, left));
      con.flush();
      if (r.reason === 'exit') return r;
      if (o.until?.()) return { reason: 'done', exitCode: null, instret: m.hart.instret };
      if (r.reason === 'deadlock') {
        // A script may have typed input during the flush: try once more before believing it.
        if (r.instret !== lastDeadlock) {
          lastDeadlock = r.instret;
          continue;
        }
        if (!inputOpen) return r;
        await new Promise<void>((resolve) => (wake = resolve));
        lastDeadlock = -1;
        continue;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    con.flush();
    if (input !== null) {
      input.removeAllListeners('data');
      input.removeAllListeners('end');
      if (raw) input.setRawMode!(false);
      input.pause?.();
    }
  }
}
