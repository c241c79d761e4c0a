#!/usr/bin/env node
// The hypervisor's part of `npm run bench`: the bundled guest kernel (programs/build/guest.elf)
// under rvsim's TypeScript hypervisor (one guest, then two), against the same kernel on bare rvsim
// under Debian's OpenSBI (fw_jump; its own boot, about 6 M instructions, is included there).
// Prints instructions, host seconds (best of 3), MIPS, exits and exits per host second.
//   node scripts/bench-hv.mjs
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUEST = join(ROOT, 'programs/build/guest.elf');
const FW_JUMP = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf';
const RUNS = 3;

if (!existsSync(join(ROOT, 'dist/hv/hypervisor.js'))) {
  console.error(chalk.red('bench-hv: rvsim is not built: run `npm run build` first'));
  process.exit(1);
}
const { Hypervisor } = await import(join(ROOT, 'dist/hv/hypervisor.js'));
const { bootVirt } = await import(join(ROOT, 'dist/platform/virt-boot.js'));
const { attachTiming } = await import(join(ROOT, 'dist/timing/index.js'));

const elf = readFileSync(GUEST);

function best(fn) {
  let b;
  for (let i = 0; i < RUNS; i++) {
    const r = fn();
    if (b === undefined || r.seconds < b.seconds) b = r;
  }
  return b;
}

function hvRun(guests, timing) {
  const hv = new Hypervisor({ maxGuests: guests });
  if (timing) attachTiming(hv.machine, { kind: 'inorder' });
  for (let i = 0; i < guests; i++) hv.createVm({ elf, bootargs: `name=g${i}` });
  const t0 = process.hrtime.bigint();
  const r = hv.run(1e9);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.reason !== 'done' || hv.vms.some((vm) => vm.exitCode !== 0)) throw new Error('the guest did not finish cleanly');
  return { insns: hv.machine.hart.instret, cycles: hv.machine.cycles(), seconds, exits: hv.totals.exits };
}

function bareRun(timing) {
  const { virt } = bootVirt({
    bios: { name: FW_JUMP, bytes: readFileSync(FW_JUMP) },
    kernel: { name: GUEST, bytes: elf },
    append: 'name=g0',
    memSize: 128 * 1024 * 1024,
    console: () => {},
  });
  if (timing) attachTiming(virt.machine, { kind: 'inorder' });
  const t0 = process.hrtime.bigint();
  const r = virt.machine.run(1e9);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.reason !== 'exit') throw new Error('the bare boot did not power off');
  return { insns: virt.machine.hart.instret, cycles: virt.machine.cycles(), seconds, exits: null };
}

const rows = [['run', 'instructions', 'host s', 'MIPS', 'cycles', 'exits', 'exits/s']];
const add = (name, r) =>
  rows.push([
    name,
    r.insns.toLocaleString('en-US'),
    r.seconds.toFixed(3),
    (r.insns / r.seconds / 1e6).toFixed(1),
    r.cycles.toLocaleString('en-US'),
    r.exits === null ? '-' : String(r.exits),
    r.exits === null ? '-' : (r.exits / r.seconds).toFixed(0),
  ]);

add('hv, 1 guest (timing none)', best(() => hvRun(1, false)));
add('hv, 1 guest (inorder)', best(() => hvRun(1, true)));
add('hv, 2 guests (timing none)', best(() => hvRun(2, false)));
if (existsSync(FW_JUMP)) {
  add('bare + OpenSBI (timing none)', best(() => bareRun(false)));
  add('bare + OpenSBI (inorder)', best(() => bareRun(true)));
} else {
  console.log(chalk.yellow(`note: ${FW_JUMP} not found (Debian package opensbi): bare rows skipped`));
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const [i, r] of rows.entries()) {
  const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(i === 0 ? chalk.bold(line) : line);
}
