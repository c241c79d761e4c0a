/**
 * `rvsim hv --guest kernel.elf [--guest other.elf ...]`: boots guest kernels in VS-mode under the
 * TypeScript hypervisor (src/hv) on rvsim's virt machine with the H extension. Each guest's
 * console (SBI and its virtual UART) streams to stdout, prefixed by its name when there are
 * several; then a summary: instructions, cycles, and the guests' exits by cause with their cost.
 * The exit code is 0 when every guest shut down with 0, the first non-zero guest exit code
 * otherwise, 1 when the hypervisor had to stop a guest, 124 on --max-insns.
 */
import { writeFileSync } from 'node:fs';
import chalk from 'chalk';
import { DEFAULT_MEM_PER_GUEST, Hypervisor } from '../hv/hypervisor.js';
import type { Vm } from '../hv/vm.js';
import { HostError } from '../rv64/trap.js';
import { attachTiming, parseTimingKind, timingReport } from '../timing/index.js';
import { readImage } from './boot.js';
import { EXIT_LIMIT } from './run.js';
import { parseSize } from './size.js';

export interface HvOptions {
  guests: string[];
  /** Bootargs per guest, in order (missing ones: none). */
  append?: string[];
  /** An initrd per guest, in order. */
  initrd?: string[];
  memPerGuest?: string;
  isa?: string;
  maxInsns?: number;
  stats?: boolean;
  statsJson?: string;
  timing?: string;
  timingConfig?: string;
  /** Where console text goes (default stdout) and where the summary goes (default stderr). */
  out?: (s: string) => void;
  err?: (s: string) => void;
}

export interface HvRun {
  code: number;
  hv: Hypervisor;
  seconds: number;
}

/** Writes each guest's bytes, line by line with a "[name] " prefix when several guests share the terminal. */
function consoleSink(out: (s: string) => void, prefixed: boolean): { put: (vm: Vm, b: number) => void; flush: () => void } {
  const lines = new Map<Vm, number[]>();
  const flushVm = (vm: Vm) => {
    const l = lines.get(vm);
    if (l !== undefined && l.length > 0) {
      out(`${chalk.cyan(`[${vm.name}]`)} ${Buffer.from(l).toString('latin1')}\n`);
      l.length = 0;
    }
  };
  return {
    put: (vm, b) => {
      if (!prefixed) {
        out(String.fromCharCode(b));
        return;
      }
      if (b === 13) return;
      if (b === 10) return flushVm(vm);
      let l = lines.get(vm);
      if (l === undefined) lines.set(vm, (l = []));
      l.push(b);
    },
    flush: () => {
      for (const vm of lines.keys()) flushVm(vm);
    },
  };
}

export function hvRun(o: HvOptions): HvRun {
  if (o.guests.length === 0) throw new HostError('hv: name a guest kernel (rvsim hv --guest kernel.elf)');
  if (o.maxInsns !== undefined && !(Number.isInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
  const out = o.out ?? ((s: string) => process.stdout.write(s));
  const err = o.err ?? ((s: string) => process.stderr.write(s));
  const images = o.guests.map((g) => readImage(g, '--guest'));
  if ((o.initrd?.length ?? 0) > o.guests.length) throw new HostError('hv: more --initrd than --guest');
  const initrds = (o.initrd ?? []).map((f) => readImage(f, '--initrd'));
  const memPerGuest = o.memPerGuest === undefined ? DEFAULT_MEM_PER_GUEST : parseSize(o.memPerGuest);
  if (memPerGuest % (2 * 1024 * 1024) !== 0) throw new HostError(`bad --mem-per-guest '${o.memPerGuest}': must be a multiple of 2M`);
  const sink = consoleSink(out, o.guests.length > 1);
  const hv = new Hypervisor({
    maxGuests: images.length,
    memPerGuest,
    isa: o.isa,
    output: sink.put,
    onStop: (vm) => {
      sink.flush();
      err(`${chalk.red('rvsim hv:')} stopped ${vm.name}: ${vm.stopReason}\n`);
    },
  });
  const timing = attachTiming(hv.machine, {
    kind: parseTimingKind(o.timing, o.stats || o.statsJson !== undefined ? 'inorder' : 'none'),
    configFile: o.timingConfig,
  });
  if (timing !== null) {
    hv.trapCycles = timing.cfg.trapPenalty;
    hv.sretCycles = timing.cfg.xretPenalty;
  }
  const names = new Set<string>();
  images.forEach((img, i) => {
    let name = img.name.replace(/^.*\//, '').replace(/\.elf$/, '');
    while (names.has(name)) name += `.${i}`;
    names.add(name);
    hv.createVm({ name, elf: img.bytes, source: img.name, bootargs: o.append?.[i], initrd: initrds[i]?.bytes });
  });
  const t0 = process.hrtime.bigint();
  const r = hv.run(o.maxInsns ?? Infinity);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  sink.flush();

  let code = 0;
  if (r.reason === 'limit') {
    err(`\nrvsim: stopped after ${r.instret} instructions (--max-insns)\n`);
    code = EXIT_LIMIT;
  } else {
    for (const vm of hv.vms) {
      if (vm.state === 'stopped') code = code === 0 ? 1 : code;
      else if (vm.exitCode !== null && vm.exitCode !== 0 && code === 0) code = vm.exitCode;
    }
  }
  if (o.stats) err(formatSummary(hv, seconds, timing !== null));
  if (o.statsJson !== undefined) {
    const json = {
      instructions: hv.machine.hart.instret,
      cycles: hv.machine.cycles(),
      seconds,
      totals: hv.totals,
      guests: hv.vms.map((vm) => ({
        name: vm.name,
        state: vm.state,
        exitCode: vm.exitCode,
        reason: vm.stopReason,
        instructions: vm.instret,
        cycles: vm.cycles,
        exits: Object.fromEntries(vm.exits),
        injected: Object.fromEntries(vm.injected),
      })),
      ...(timing === null ? {} : { timing: timingReport(hv.machine, timing) }),
    };
    try {
      writeFileSync(o.statsJson, JSON.stringify(json, null, 2) + '\n');
    } catch (e) {
      throw new HostError(`cannot write --stats-json ${o.statsJson}: ${(e as Error).message}`);
    }
  }
  return { code, hv, seconds };
}

/** The summary `--stats` prints: totals, then per guest its outcome and its exits by cause. */
export function formatSummary(hv: Hypervisor, seconds: number, timed: boolean): string {
  const m = hv.machine;
  const insns = m.hart.instret;
  const cycles = m.cycles();
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`${chalk.dim(k.padEnd(22))}${v}`);
  lines.push('', chalk.bold('rvsim hv summary'));
  row('instructions', insns.toLocaleString('en-US'));
  row('cycles', `${cycles.toLocaleString('en-US')}${timed ? ' (in-order timing model)' : ' (one per instruction)'}`);
  row('simulated time', `${(m.timeNow() / 1e7).toFixed(4)} s`);
  row('host time', `${seconds.toFixed(3)} s (${(seconds > 0 ? insns / seconds / 1e6 : 0).toFixed(1)} MIPS)`);
  row('exits', `${hv.totals.exits} (${(seconds > 0 ? hv.totals.exits / seconds : 0).toFixed(0)} per host second)`);
  row('world switches', String(hv.totals.worldSwitches));
  row('hypervisor cycles', `${hv.totals.handlerCycles.toLocaleString('en-US')} (${((100 * hv.totals.handlerCycles) / Math.max(1, cycles)).toFixed(2)}% of all)`);
  for (const vm of hv.vms) {
    const outcome =
      vm.state === 'exited' ? `exited with ${vm.exitCode} (${vm.stopReason})` : vm.state === 'stopped' ? chalk.red(`stopped: ${vm.stopReason}`) : vm.state;
    lines.push('', `${chalk.bold(vm.name)} (VMID ${vm.vmid}, ${vm.memSize / 1048576} MiB): ${outcome}`);
    row('  instructions', vm.instret.toLocaleString('en-US'));
    row('  cycles', vm.cycles.toLocaleString('en-US'));
    lines.push(chalk.dim(`  ${'exit cause'.padEnd(26)}${'count'.padStart(9)}${'cycles'.padStart(12)}${'cyc/exit'.padStart(10)}`));
    const exits = [...vm.exits].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    for (const [cause, s] of exits) {
      lines.push(`  ${cause.padEnd(26)}${String(s.count).padStart(9)}${String(s.cycles).padStart(12)}${(s.cycles / s.count).toFixed(0).padStart(10)}`);
    }
    const inj = [...vm.injected].map(([k, n]) => `${k} ${n}`).join(', ');
    row('  interrupts injected', inj === '' ? 'none' : inj);
  }
  return lines.join('\n') + '\n';
}
