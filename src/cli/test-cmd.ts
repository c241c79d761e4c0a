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

/** A readable regular file starting with the ELF magic. Anything else in the folder is skipped. */
function isElfFile(path: string): boolean {
  let fd: number;
  try {
    if (!statSync(path).isFile()) return false;
    fd = openSync(path, 'r');
  } catch {
    return false; // a dangling symlink or an unreadable file: not a test we can run
  }
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
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new HostError(`${dir}: not a folder`);
    if (code === 'EACCES') throw new HostError(`${dir}: permission denied`);
    throw new HostError(`${dir}: no such folder`);
  }
  return names.filter((n) => (filter === undefined || n.includes(filter)) && isElfFile(join(dir, n)));
}

/**
 * What a non-zero riscv-tests exit code means. Plain failures exit with the test number (TESTNUM,
 * 1..255); our env/p (riscv-tests/env/p/riscv_test.h) reports an unexpected trap as
 * (mcause << 9) | 0x100 | TESTNUM, which would otherwise read as a test number in the thousands.
 */
export function describeFailure(code: number): string {
  if (code >= 0x100 && (code & 0x100) !== 0) {
    return `unexpected trap (mcause ${Math.floor(code / 512)}) in test ${code % 256}`;
  }
  return `test ${code} failed`;
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
        : { name, status: 'fail', detail: describeFailure(r.exitCode!), instret: r.instret };
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
  if (o.maxInsns !== undefined && !(Number.isSafeInteger(o.maxInsns) && o.maxInsns > 0)) {
    throw new HostError(`bad --max-insns '${o.maxInsns}': expected a positive whole number`);
  }
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
