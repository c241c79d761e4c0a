/**
 * Debian's gdb-multiarch in batch mode against `rvsim run --gdb`: break at a symbol, continue,
 * step, print registers (x, pc, CSRs, priv), read memory, watch a variable, continue to the exit;
 * and a session that kills the program.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseElf } from '../../src/loader/elf.js';
import { requireTool } from '../tools.js';
import { BIN, distBuilt, ROOT } from '../helpers/cli.js';

const HELLO = join(ROOT, 'programs/build/hello.elf');
const sym = (name: string): string => '0x' + parseElf(readFileSync(HELLO), HELLO).symbols.get(name)!.toString(16);

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `rvsim run hello.elf --gdb 0`; resolves the port once it says where it waits. */
function startRvsim(): Promise<{ port: number; done: Promise<Done> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', HELLO, '--gdb', '0'], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', RVSIM_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const done = new Promise<Done>((res) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        res({ code, stdout, stderr });
      }),
    );
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      const m = /^rvsim: waiting for gdb on 127\.0\.0\.1:(\d+)$/m.exec(stderr);
      if (m !== null) resolve({ port: Number(m[1]), done });
    });
    child.on('error', reject);
    void done.then((d) => reject(new Error(`rvsim ended before listening: ${d.stderr}`)));
  });
}

/** gdb-multiarch -batch with these commands after connecting: its output (stdout and stderr). */
function gdb(port: number, commands: string[]): Promise<string> {
  const args = ['-nx', '-batch', '-ex', 'set pagination off', '-ex', 'set confirm off', '-ex', `file ${HELLO}`, '-ex', `target remote 127.0.0.1:${port}`];
  for (const c of commands) args.push('-ex', c);
  return new Promise((resolve, reject) => {
    // Not spawnSync: this process must keep reading rvsim's output meanwhile.
    const child = spawn('gdb-multiarch', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe.runIf(requireTool('gdb-multiarch', 'gdb-multiarch') && distBuilt())('gdb-multiarch against rvsim run --gdb', () => {
  test('break at main, step, registers, memory, a watchpoint, continue to the exit', async () => {
    const { port, done } = await startRvsim();
    const composite4 = `0x${(Number(sym('composite')) + 4).toString(16)}`;
    const out = await gdb(port, [
      'break main',
      'continue',
      'info registers pc',
      'stepi',
      'info registers pc',
      'x/4wx $sp',
      'p $priv',
      'p $virt',
      'p/x $misa',
      'p/x $mepc',
      'p/x $a0',
      `x/2xb ${composite4}`,
      `watch *(unsigned char *)${composite4}`,
      'continue',
      'delete',
      'continue',
    ]);
    const r = await done;
    // The breakpoint: gdb skips main's prologue, so it stops inside main.
    expect(out).toMatch(/Breakpoint 1 at 0x[0-9a-f]+/);
    expect(out).toMatch(/Breakpoint 1, 0x[0-9a-f]+ in main \(\)/);
    const pcs = [...out.matchAll(/^pc\s+(0x[0-9a-f]+)\s/gm)].map((m) => Number(m[1]));
    expect(pcs).toHaveLength(2);
    const main = Number(sym('main'));
    expect(pcs[0]).toBeGreaterThan(main);
    expect(pcs[0]).toBeLessThan(main + 0x40);
    expect(pcs[1] - pcs[0] === 2 || pcs[1] - pcs[0] === 4 || pcs[1] === Number(sym('printf'))).toBe(true);
    // Memory at sp: four words (the stack is in RAM, near its top).
    expect(out).toMatch(/^0x8[0-9a-f]{7}:\s+0x[0-9a-f]{8}\s+0x[0-9a-f]{8}\s+0x[0-9a-f]{8}\s+0x[0-9a-f]{8}$/m);
    expect(out).toMatch(/^\$1 = 3$/m); // M-mode
    expect(out).toMatch(/^\$2 = 0$/m); // V = 0
    expect(out).toMatch(/^\$3 = 0x80000000001411ad$/m); // misa: RV64 with A C D F H I M S U
    expect(out).toMatch(/^\$4 = 0x0$/m);
    expect(out).toMatch(/^\$5 = 0x[0-9a-f]+$/m);
    // Before the sieve ran, composite[4] is 0; the watchpoint sees it become 1.
    expect(out).toMatch(new RegExp(`^${composite4} <composite\\+4>:\\s+0x00\\s+0x00$`, 'm'));
    expect(out).toMatch(/Hardware watchpoint 2: \*\(unsigned char \*\)0x[0-9a-f]+\s+Old value = 0 '\\000'\s+New value = 1 '\\001'/);
    expect(out).toMatch(/\[Inferior 1 \(Remote target\) exited normally\]/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rvsim demo: bare-metal RV64 program talking HTIF\n');
    expect(r.stdout.endsWith('bye\n')).toBe(true);
  }, 90_000);

  test('kill ends rvsim with 137', async () => {
    const { port, done } = await startRvsim();
    const out = await gdb(port, ['break printf', 'continue', 'kill']);
    expect(out).toMatch(/Breakpoint 1, 0x[0-9a-f]+ in printf \(\)/);
    const r = await done;
    expect(r.code).toBe(137);
    expect(r.stderr).toContain('rvsim: killed by gdb\n');
    expect(r.stdout).toBe(''); // nothing printed yet
  }, 90_000);
});
