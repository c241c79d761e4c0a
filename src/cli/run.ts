/**
 * `rvsim run prog.elf`: run an ELF to its exit. A bare-metal ELF runs on the virt machine (HTIF
 * or UART); a static Linux program runs in U-mode with Linux system-call emulation (src/linux-user),
 * like qemu-riscv64, with the arguments after the file name as its argv and the host's environment.
 */
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { Machine, RunResult } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { Console } from '../platform/console.js';
import { readElfFile } from './load.js';
import { LinuxProcess } from '../linux-user/process.js';
import { parseSize } from './size.js';
import { makeTracer } from './trace.js';
import { virtMachineForElf } from './virt-elf.js';
import { attachTiming, parseTimingKind, timingReport } from '../timing/index.js';
import type { InOrderModel } from '../timing/inorder.js';
import { formatReport } from '../timing/print.js';
import { teeObserver } from '../timing/tee.js';

export interface RunOptions {
  file: string;
  args: string[];
  isa?: string;
  mem?: string;
  maxInsns?: number;
  trace?: boolean;
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

export function runOnce(o: RunOptions): RunSummary {
  const { elf, bytes } = readElfFile(o.file);
  const con = new Console();
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
    virt = virtMachineForElf(elf, o.file, { isa: o.isa, memSize, console: con.putByte });
  }
  const machine = linux?.machine ?? virt!.machine;
  const timing = attachTiming(machine, {
    kind: parseTimingKind(o.timing, o.stats || o.pipeview !== undefined ? 'inorder' : 'none'),
    configFile: o.timingConfig,
    pipeview: o.pipeview === undefined ? undefined : { file: o.pipeview, from: o.pipeviewFrom ?? 0, count: o.pipeviewCount ?? 1000 },
  });
  if (o.trace) {
    const tracer = makeTracer(machine, elf, (s) => process.stderr.write(s));
    machine.observer = timing === null ? tracer : teeObserver(timing, tracer);
  }
  const t0 = process.hrtime.bigint();
  const max = o.maxInsns ?? Infinity;
  let result: RunResult;
  for (;;) {
    const done = machine.hart.instret;
    result = machine.run(Math.min(FLUSH_EVERY, max - done));
    con.flush();
    if (result.reason !== 'limit' || machine.hart.instret >= max) break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (virt?.powerOff === 'reset') process.stderr.write('rvsim: the program asked for a reset; rvsim stops instead\n');
  timing?.pipeview?.write();
  return { result, seconds, machine, timing, linux };
}

export function runCommand(o: RunOptions): number {
  if (o.maxInsns !== undefined && !(Number.isInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
  const { result, seconds, machine, timing } = runOnce(o);
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
