/**
 * `rvsim run prog.elf`: run an ELF to its exit. A bare-metal ELF runs on the virt machine (HTIF
 * or UART); a static Linux program runs in U-mode with Linux system-call emulation (src/linux-user),
 * like qemu-riscv64, with the arguments after the file name as its argv and the host's environment.
 */
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { Machine, RunResult } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { EXIT_KILLED, type GdbOutcome, serveGdb } from '../gdb/server.js';
import { Console } from '../platform/console.js';
import { readElfFile } from './load.js';
import { LinuxProcess } from '../linux-user/process.js';
import { parseSize } from './size.js';
import { attachTraces } from './trace.js';
import { guestWrite, startProgress } from './progress.js';
import { virtMachineForElf } from './virt-elf.js';
import { attachTiming, parseTimingKind, timingReport } from '../timing/index.js';
import type { InOrderModel } from '../timing/inorder.js';
import { formatReport } from '../timing/print.js';

export interface RunOptions {
  file: string;
  args: string[];
  isa?: string;
  mem?: string;
  maxInsns?: number;
  trace?: boolean;
  /** --log-commits FILE ('-': stderr): Spike's commit log. */
  logCommits?: string;
  /** --trace-window FIRST:COUNT: the instructions --trace and --log-commits show. */
  traceWindow?: string;
  stats?: boolean;
  statsJson?: string;
  /** --timing none|inorder (default: inorder with --stats, else none). */
  timing?: string;
  timingConfig?: string;
  /** --pipeview FILE: a Konata trace of instructions [pipeviewFrom, pipeviewFrom + pipeviewCount). */
  pipeview?: string;
  pipeviewFrom?: number;
  pipeviewCount?: number;
}

/** Exit codes of our own, for runs that end without the guest choosing one. */
export const EXIT_LIMIT = 124;
export const EXIT_DEADLOCK = 125;

export interface RunSummary {
  result: RunResult;
  seconds: number;
  machine: Machine;
  timing: InOrderModel | null;
  /** The Linux process, for a Linux program. */
  linux: LinuxProcess | null;
}

/** The default RAM for a Linux program: its heap, stack and mmap pages come from it. */
const LINUX_MEM = 1024 * 1024 * 1024;

/** Instructions between flushes of the UART's output when it has no newline to flush on. */
const FLUSH_EVERY = 10_000_000;

/** The machine for the ELF, with the timing model and traces asked for, ready to run. */
function prepareRun(o: RunOptions) {
  const { elf, bytes } = readElfFile(o.file);
  const con = new Console((b) => guestWrite(process.stdout, b));
  const memSize = o.mem === undefined ? undefined : parseSize(o.mem);
  let virt: ReturnType<typeof virtMachineForElf> | null = null;
  let linux: LinuxProcess | null = null;
  if (elf.isLinux) {
    const env = Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ''}`);
    linux = new LinuxProcess({ path: o.file, bytes, args: o.args, env, isa: o.isa, memSize: memSize ?? LINUX_MEM });
  } else {
    if (o.args.length > 0) {
      // Bare-metal programs have no argv channel (HTIF's syscall proxy is not one either); say so
      // rather than drop the arguments silently.
      process.stderr.write(`rvsim: warning: program arguments are not passed to bare-metal programs (ignored: ${o.args.join(' ')})\n`);
    }
    // The QEMU-virt machine (UART, CLINT, PLIC, sifive_test); HTIF too if the program has tohost.
    virt = virtMachineForElf(elf, o.file, {
      isa: o.isa,
      memSize,
      console: con.putByte,
      output: (fd, b) => guestWrite(fd === 2 ? process.stderr : process.stdout, b),
    });
  }
  const machine = linux?.machine ?? virt!.machine;
  const timing = attachTiming(machine, {
    kind: parseTimingKind(o.timing, o.stats || o.pipeview !== undefined ? 'inorder' : 'none'),
    configFile: o.timingConfig,
    pipeview: o.pipeview === undefined ? undefined : { file: o.pipeview, from: o.pipeviewFrom ?? 0, count: o.pipeviewCount ?? 1000 },
  });
  const traces = attachTraces(machine, elf, { trace: o.trace, logCommits: o.logCommits, window: o.traceWindow });
  return { machine, timing, traces, linux, virt, con };
}

export function runOnce(o: RunOptions): RunSummary {
  const { machine, timing, traces, linux, virt, con } = prepareRun(o);
  // A Linux program writes its output straight to the host's fds (src/linux-user), past the
  // progress line's hooks: no progress line for it. None either with a trace on stderr.
  const progress = startProgress(() => ({ instret: machine.hart.instret, simSeconds: machine.cycles() / 1e9 }), {
    enabled: linux === null && !o.trace && o.logCommits !== '-',
  });
  const t0 = process.hrtime.bigint();
  const max = o.maxInsns ?? Infinity;
  let result: RunResult;
  try {
    for (;;) {
      const done = machine.hart.instret;
      result = machine.run(Math.min(FLUSH_EVERY, max - done));
      con.flush();
      progress?.tick();
      if (result.reason !== 'limit' || machine.hart.instret >= max) break;
    }
  } finally {
    progress?.stop();
    traces?.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (virt?.powerOff === 'reset') process.stderr.write('rvsim: the program asked for a reset; rvsim stops instead\n');
  timing?.pipeview?.write();
  return { result, seconds, machine, timing, linux };
}

/** Runs the program (or takes the run `runWithGdb` made) and reports it: the exit code. */
export function runCommand(o: RunOptions, ran?: RunSummary): number {
  if (o.maxInsns !== undefined && !(Number.isInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
  const { result, seconds, machine, timing } = ran ?? runOnce(o);
  const report = timing === null ? null : timingReport(machine, timing);
  let code: number;
  if (result.reason === 'exit') code = result.exitCode! & 0xff;
  else if (result.reason === 'limit') {
    process.stderr.write(`rvsim: stopped after ${result.instret} instructions (--max-insns)\n`);
    code = EXIT_LIMIT;
  } else {
    process.stderr.write(`rvsim: the hart is waiting for an interrupt that nothing can raise (pc stuck in WFI)\n`);
    code = EXIT_DEADLOCK;
  }
  const mips = seconds > 0 ? result.instret / seconds / 1e6 : 0;
  if (o.stats) {
    const line = (k: string, v: string) => process.stderr.write(`${chalk.dim(k.padEnd(14))}${v}\n`);
    line('instructions', String(result.instret));
    line('seconds', seconds.toFixed(3));
    line('MIPS', mips.toFixed(1));
    line('exit code', result.exitCode === null ? '-' : String(result.exitCode));
    if (report !== null) process.stderr.write(formatReport(report));
  }
  if (o.statsJson !== undefined) {
    const json = {
      instructions: result.instret,
      seconds,
      mips,
      exitCode: result.exitCode,
      reason: result.reason,
      // With a timing model: its cycles and the CPI stack, miss rates and events.
      ...(report === null ? {} : { cycles: machine.cycles(), timing: report }),
    };
    try {
      writeFileSync(o.statsJson, JSON.stringify(json, null, 2) + '\n');
    } catch (e) {
      throw new HostError(`cannot write --stats-json ${o.statsJson}: ${(e as Error).message}`);
    }
  }
  return code;
}

/**
 * `rvsim run prog.elf --gdb PORT`: the machine goes to the gdb stub (src/gdb/server.ts), which runs
 * it as gdb says; the exit code is the program's as without gdb, or EXIT_KILLED if gdb killed it.
 */
export async function runWithGdb(o: RunOptions, port: number): Promise<number> {
  if (o.maxInsns !== undefined && !(Number.isInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
  const { machine, timing, traces, linux, virt, con } = prepareRun(o);
  const t0 = process.hrtime.bigint();
  let outcome: GdbOutcome;
  try {
    outcome = await serveGdb(machine, {
      port,
      maxInsns: o.maxInsns,
      flush: () => con.flush(),
      onListening: (p) => process.stderr.write(`rvsim: waiting for gdb on 127.0.0.1:${p}\n`),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } finally {
    con.flush();
    traces?.close();
  }
  let code = EXIT_KILLED;
  if (outcome.kind === 'ended') {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (virt?.powerOff === 'reset') process.stderr.write('rvsim: the program asked for a reset; rvsim stops instead\n');
    timing?.pipeview?.write();
    code = runCommand(o, { result: outcome.result, seconds, machine, timing, linux });
  }
  // The caller ends the process with process.exit: let the output reach a slow reader first.
  for (const s of [process.stdout, process.stderr]) await new Promise<void>((r) => s.write('', () => r()));
  return code;
}
