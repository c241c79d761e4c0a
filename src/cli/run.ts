/** `rvsim run prog.elf`: run a bare-metal ELF to its exit. */
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import type { Machine, RunResult } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { Console } from '../platform/console.js';
import { readElf } from './load.js';
import { parseSize } from './size.js';
import { makeTracer } from './trace.js';
import { virtMachineForElf } from './virt-elf.js';

export interface RunOptions {
  file: string;
  args: string[];
  isa?: string;
  mem?: string;
  maxInsns?: number;
  trace?: boolean;
  stats?: boolean;
  statsJson?: string;
}

/** Exit codes of our own, for runs that end without the guest choosing one. */
export const EXIT_LIMIT = 124;
export const EXIT_DEADLOCK = 125;

export interface RunSummary {
  result: RunResult;
  seconds: number;
  machine: Machine;
}

/** Instructions between flushes of the UART's output when it has no newline to flush on. */
const FLUSH_EVERY = 10_000_000;

export function runOnce(o: RunOptions): RunSummary {
  const elf = readElf(o.file);
  const con = new Console();
  // The QEMU-virt machine (UART, CLINT, PLIC, sifive_test); HTIF too if the program has tohost.
  const virt = virtMachineForElf(elf, o.file, {
    isa: o.isa,
    memSize: o.mem === undefined ? undefined : parseSize(o.mem),
    console: con.putByte,
  });
  const machine = virt.machine;
  if (o.trace) machine.observer = makeTracer(machine, elf, (s) => process.stderr.write(s));
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
  if (virt.powerOff === 'reset') process.stderr.write('rvsim: the program asked for a reset; rvsim stops instead\n');
  return { result, seconds, machine };
}

export function runCommand(o: RunOptions): number {
  if (o.maxInsns !== undefined && !(Number.isInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
  const { result, seconds } = runOnce(o);
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
  }
  if (o.statsJson !== undefined) {
    const json = { instructions: result.instret, seconds, mips, exitCode: result.exitCode, reason: result.reason };
    try {
      writeFileSync(o.statsJson, JSON.stringify(json, null, 2) + '\n');
    } catch (e) {
      throw new HostError(`cannot write --stats-json ${o.statsJson}: ${(e as Error).message}`);
    }
  }
  return code;
}
