/**
 * The host side of the virt machine's UART: guest output goes to a sink (stdout by default),
 * buffered and flushed at line ends and whenever the driver pauses; host input (a terminal in raw
 * mode, a pipe, or a test script) goes into the UART's receive queue.
 *
 * As QEMU's -nographic console: Ctrl-A x quits, Ctrl-A Ctrl-A sends one Ctrl-A to the guest, Ctrl-A
 * followed by anything else is dropped. Everything else, Ctrl-C included, goes to the guest.
 */
import type { Uart16550 } from './uart16550.js';

const CTRL_A = 0x01;
const BUF_SIZE = 4096;

/** One step of a console script: when `expect` has appeared in the output, type `send`. */
export interface ScriptStep {
  expect: string;
  send: string;
}

export class Console {
  /** Set when the user typed Ctrl-A x. */
  quit = false;
  private uart: Uart16550 | null = null;
  private escape = false;
  private readonly buf = new Uint8Array(BUF_SIZE);
  private len = 0;
  /** Everything the guest printed, kept only while a script runs (or when asked to). */
  private transcript = '';
  private keep: boolean;
  private script: ScriptStep[] = [];
  /** Where in the transcript the next expectation is searched from. */
  private searchFrom = 0;

  constructor(
    private readonly sink: (bytes: Uint8Array) => void = (b) => process.stdout.write(b),
    opts: { keepTranscript?: boolean } = {},
  ) {
    this.keep = opts.keepTranscript ?? false;
  }

  /** Connects the console to the UART whose input it feeds. */
  attach(uart: Uart16550): void {
    this.uart = uart;
  }

  /** The UART's transmit callback. */
  readonly putByte = (byte: number): void => {
    this.buf[this.len++] = byte;
    if (byte === 0x0a || this.len === BUF_SIZE) this.flush();
  };

  /** Hands buffered output to the sink and advances the script. */
  flush(): void {
    if (this.len === 0) return;
    const bytes = this.buf.slice(0, this.len);
    this.len = 0;
    this.sink(bytes);
    if (this.keep) {
      this.transcript += Buffer.from(bytes).toString('latin1');
      this.advanceScript();
    }
  }

  /** The guest's output so far (needs keepTranscript or a script). */
  get output(): string {
    return this.transcript;
  }

  /** Types `steps` one by one, each once its expected text has appeared in the output. */
  runScript(steps: ScriptStep[]): void {
    this.keep = true;
    this.script.push(...steps);
    this.advanceScript();
  }

  /** Steps of the script not typed yet. */
  get scriptPending(): number {
    return this.script.length;
  }

  /** Bytes from the host keyboard or a pipe: handles the Ctrl-A escape, queues the rest. */
  feed(bytes: Uint8Array): void {
    const pass: number[] = [];
    for (const b of bytes) {
      if (this.escape) {
        this.escape = false;
        if (b === 0x78 /* x */) {
          this.quit = true;
          break;
        }
        if (b === CTRL_A) pass.push(CTRL_A);
        continue;
      }
      if (b === CTRL_A) this.escape = true;
      else pass.push(b);
    }
    if (pass.length > 0) this.type(pass);
  }

  /** Queues bytes for the guest as typed, with no escape processing (scripts). */
  type(bytes: Iterable<number>): void {
    if (this.uart === null) throw new Error('console: no UART attached');
    this.uart.pushInput(bytes);
  }

  private advanceScript(): void {
    while (this.script.length > 0) {
      const step = this.script[0];
      const at = this.transcript.indexOf(step.expect, this.searchFrom);
      if (at < 0) return;
      this.searchFrom = at + step.expect.length;
      this.script.shift();
      this.type(Buffer.from(step.send, 'latin1'));
    }
  }
}
