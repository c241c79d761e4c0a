/** `rvsim test DIR`: run every ELF in a folder (riscv-tests style: exit 0 = pass) and tabulate. */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { HostError } from '../rv64/trap.js';
import { machineForElf, readElf } from './load.js';

export interface TestOptions {
  dir: string;
  isa?: string;
  maxInsns?: number;
  filter?: string;
}

export interface TestOutcome {
  name: string;
  status: 'pass' | 'fail' | 'timeout' | 'error';
  detail: string;
  instret: number;
}

function isElf(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0) === 4 && b.readUInt32BE(0) === 0x7f454c46;
  } finally {
    closeSync(fd);
  }
}

export function listTests(dir: string, filter?: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new HostError(`${dir}: no such folder`);
  }
  return names
    .filter((n) => (filter === undefined || n.includes(filter)) && statSync(join(dir, n)).isFile() && isElf(join(dir, n)));
}

export function runTest(path: string, name: string, o: TestOptions): TestOutcome {
  const out: Uint8Array[] = [];
  try {
    const elf = readElf(path);
    const m = machineForElf(elf, path, { isa: o.isa, output: (_fd, b) => out.push(Uint8Array.from(b)) });
    const r = m.run(o.maxInsns ?? 50_000_000);
    if (r.reason === 'exit') {
      return r.exitCode === 0
        ? { name, status: 'pass', detail: '', instret: r.instret }
        : { name, status: 'fail', detail: `test ${r.exitCode} failed`, instret: r.instret };
    }
    return {
      name,
      status: 'timeout',
      detail: r.reason === 'limit' ? `no result after ${r.instret} instructions` : 'stuck in WFI',
      instret: r.instret,
    };
  } catch (e) {
    return { name, status: 'error', detail: (e as Error).message, instret: 0 };
  }
}

export function testCommand(o: TestOptions): number {
  const names = listTests(o.dir, o.filter);
  if (names.length === 0) throw new HostError(`${o.dir}: no ELF files to run`);
  const results: TestOutcome[] = [];
  const width = Math.max(...names.map((n) => n.length));
  for (const n of names) {
    const r = runTest(join(o.dir, n), n, o);
    results.push(r);
    const tag = r.status === 'pass' ? chalk.green('PASS') : chalk.red(r.status.toUpperCase());
    process.stdout.write(`${n.padEnd(width)}  ${tag}  ${r.detail}\n`);
  }
  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.length - passed;
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
