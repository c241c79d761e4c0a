/**
 * Where a trace goes: a file, or stderr for `-`. Lines are collected and written in chunks (a
 * trace is millions of lines); `close()` writes the rest. Writes to stderr keep clear of the
 * progress line (src/cli/progress.ts).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { afterGuestOutput, beforeGuestOutput } from '../cli/progress.js';
import { HostError } from '../rv64/trap.js';

const CHUNK = 1 << 16;

export class TraceSink {
  private buf: string[] = [];
  private len = 0;
  private readonly fd: number;
  private readonly isStderr: boolean;

  /** `path` '-' is stderr; `option` names the option in error messages (--log-commits). */
  constructor(
    private readonly path: string,
    private readonly option: string,
  ) {
    this.isStderr = path === '-';
    if (this.isStderr) this.fd = 2;
    else {
      try {
        this.fd = openSync(path, 'w');
      } catch (e) {
        throw new HostError(`cannot write ${option} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
  }

  readonly write = (s: string): void => {
    this.buf.push(s);
    this.len += s.length;
    if (this.len >= CHUNK) this.flush();
  };

  flush(): void {
    if (this.len === 0) return;
    const s = this.buf.join('');
    this.buf = [];
    this.len = 0;
    if (this.isStderr) {
      // process.stderr (synchronous for files, pipes and terminals on Linux), after the progress line.
      beforeGuestOutput();
      process.stderr.write(s);
      afterGuestOutput(s);
      return;
    }
    try {
      writeSync(this.fd, s);
    } catch (e) {
      throw new HostError(`cannot write ${this.option} ${this.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  close(): void {
    this.flush();
    if (!this.isStderr) closeSync(this.fd);
  }
}
