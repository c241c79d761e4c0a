/**
 * `rvsim boot --bios FW --kernel PAYLOAD [--initrd FILE] [--append ARGS]`: QEMU's
 * `qemu-system-riscv64 -M virt -nographic -bios FW -kernel PAYLOAD ...` on rvsim's virt machine.
 * The console is the UART on stdin/stdout (Ctrl-A x quits); the exit code is the guest's (through
 * the sifive_test device), 124 on --max-insns, 125 when the hart sleeps with nothing to wake it.
 */
import { readFileSync } from 'node:fs';
import chalk from 'chalk';
import { Console } from '../platform/console.js';
import { drive, type HostInput } from '../platform/interactive.js';
import { type BootImage, bootVirt } from '../platform/virt-boot.js';
import { HostError } from '../rv64/trap.js';
import { attachTiming, parseTimingKind } from '../timing/index.js';
import { EXIT_DEADLOCK, EXIT_LIMIT } from './run.js';
import { parseSize } from './size.js';
import { EXIT_KILLED, serveGdb } from '../gdb/server.js';
import { guestWrite, startProgress } from './progress.js';
import { attachTraces } from './trace.js';

export interface BootOptions {
  bios: string;
  kernel?: string;
  initrd?: string;
  append?: string;
  isa?: string;
  mem?: string;
  maxInsns?: number;
  stats?: boolean;
  /** --timing none|inorder (default none: a boot is long, and the console is the point). */
  timing?: string;
  timingConfig?: string;
  /** --trace, --log-commits FILE and --trace-window FIRST:COUNT, as for `rvsim run` (cli/trace.ts). */
  trace?: boolean;
  logCommits?: string;
  traceWindow?: string;
  /** --gdb PORT: wait for gdb there and run as it says (src/gdb). */
  gdb?: number;
}

/** QEMU virt's default RAM. */
export const DEFAULT_VIRT_MEM = '128M';

export function readImage(path: string, what: string): BootImage {
  try {
    return { name: path, bytes: readFileSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HostError(`${what} ${path}: no such file`);
    if (code === 'EISDIR') throw new HostError(`${what} ${path}: is a directory`);
    throw new HostError(`${what} ${path}: cannot read (${code ?? String(e)})`);
  }
}

export async function bootCommand(o: BootOptions): Promise<number> {
  if (o.maxInsns !== undefined && !(Number.isInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
  const con = new Console((b) => guestWrite(process.stdout, b));
  const { virt } = bootVirt({
    bios: readImage(o.bios, '--bios'),
    kernel: o.kernel === undefined ? undefined : readImage(o.kernel, '--kernel'),
    initrd: o.initrd === undefined ? undefined : readImage(o.initrd, '--initrd'),
    append: o.append,
    isa: o.isa,
    memSize: parseSize(o.mem ?? DEFAULT_VIRT_MEM),
    console: con.putByte,
  });
  con.attach(virt.uart);
  const timing = attachTiming(virt.machine, { kind: parseTimingKind(o.timing, 'none'), configFile: o.timingConfig });
  const traces = attachTraces(virt.machine, null, { trace: o.trace, logCommits: o.logCommits, window: o.traceWindow });
  const m = virt.machine;
  const progress = startProgress(() => ({ instret: m.hart.instret, simSeconds: m.cycles() / 1e9 }), {
    enabled: !o.trace && o.logCommits !== '-',
  });
  // drive() yields to the event loop between chunks: the line is redrawn from a timer.
  const ticker = progress === null ? null : setInterval(() => progress.tick(), 250);
  ticker?.unref();
  const stdin = process.stdin as unknown as HostInput;
  const t0 = process.hrtime.bigint();
  let r: Awaited<ReturnType<typeof drive>>;
  try {
    if (o.gdb === undefined) r = await drive(virt, con, { maxInsns: o.maxInsns, input: stdin });
    else {
      // --gdb: the stub runs the machine as gdb says (the UART gets no input meanwhile).
      const g = await serveGdb(m, {
        port: o.gdb,
        maxInsns: o.maxInsns,
        flush: () => con.flush(),
        onListening: (p) => process.stderr.write(`rvsim: waiting for gdb on 127.0.0.1:${p}\n`),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      con.flush();
      if (g.kind === 'killed') return EXIT_KILLED;
      r = g.result;
    }
  } finally {
    if (ticker !== null) clearInterval(ticker);
    progress?.stop();
    traces?.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let code: number;
  if (r.reason === 'exit') {
    if (virt.powerOff === 'reset') process.stderr.write('\nrvsim: the guest asked for a reset; rvsim stops instead\n');
    code = r.exitCode! & 0xff;
  } else if (r.reason === 'quit') {
    process.stderr.write('\nrvsim: terminated (Ctrl-A x)\n');
    code = 0;
  } else if (r.reason === 'limit') {
    process.stderr.write(`\nrvsim: stopped after ${r.instret} instructions (--max-insns)\n`);
    code = EXIT_LIMIT;
  } else {
    process.stderr.write(
      '\nrvsim: the hart is waiting for an interrupt that nothing can raise (WFI with no timer armed and no more input)\n',
    );
    code = EXIT_DEADLOCK;
  }
  if (o.stats) {
    const line = (k: string, v: string) => process.stderr.write(`${chalk.dim(k.padEnd(14))}${v}\n`);
    line('instructions', String(r.instret));
    line('seconds', seconds.toFixed(3));
    line('MIPS', (seconds > 0 ? r.instret / seconds / 1e6 : 0).toFixed(1));
    line('sim time', `${(virt.machine.timeNow() / 1e7).toFixed(4)} s`);
    if (timing !== null) line('cycles', `${virt.machine.cycles()} (in-order timing model)`);
  }
  return code;
}
