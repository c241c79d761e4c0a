/** Runs a Linux test program on rvsim (the built CLI) or on qemu-riscv64, with a fixed environment and stdin. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';

export const PROGRAMS = join(ROOT, 'programs', 'build', 'linux');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunOpts {
  /** The guest's environment (the same on both sides). */
  env?: Record<string, string>;
  stdin?: Buffer | string;
  cwd?: string;
  /** rvsim options before the program (e.g. --stats-json f). */
  rvsimOpts?: string[];
}

const BASE_ENV = { LANG: 'C', TZ: 'UTC' };

function go(cmd: string, args: string[], env: Record<string, string>, o: RunOpts): Run {
  const r = spawnSync(cmd, args, {
    cwd: o.cwd ?? ROOT,
    env,
    input: o.stdin ?? '',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** `rvsim run [opts] PROGRAM -- args` (PROGRAM: a name in programs/build/linux, or a path). */
export function onRvsim(prog: string, args: string[], o: RunOpts = {}): Run {
  const env = { ...BASE_ENV, ...o.env };
  const path = prog.includes('/') ? prog : join(PROGRAMS, prog);
  return go(process.execPath, [BIN, 'run', ...(o.rvsimOpts ?? []), path, '--', ...args], env, o);
}

/** `qemu-riscv64 PROGRAM args`, same environment. */
export function onQemu(prog: string, args: string[], o: RunOpts = {}): Run {
  const env = { ...BASE_ENV, ...o.env };
  const path = prog.includes('/') ? prog : join(PROGRAMS, prog);
  return go('qemu-riscv64', [path, ...args], env, o);
}
