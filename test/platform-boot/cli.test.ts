/**
 * `rvsim boot`, `rvsim dtb` and `rvsim run` on the virt machine, as a user runs them (child process,
 * stdin closed). dist/ is built by the globalSetup test/helpers/build-dist.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFdt, findNode, propCells, propStrings } from '../../src/platform/fdt-reader.js';
import { distBuilt, rvsim } from '../helpers/cli.js';
import { requireTool } from '../tools.js';
import { addi, code, jal, lui, sb, sw, wfi, X } from './asm.js';
import { FW_JUMP, haveFirmware } from './firmware.js';

const { zero, t0, t1 } = X;

let tmp = '';
const at = (name: string) => join(tmp, name);

beforeAll(() => {
  if (!distBuilt()) throw new Error('dist/ is missing: run `npm run build` (or use the globalSetup test/helpers/build-dist.ts)');
  tmp = mkdtempSync(join(tmpdir(), 'rvsim-boot-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One `rvsim: ` line on stderr and nothing else (the CLI's rule for bad input). */
function oneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^rvsim: /);
  return lines[0];
}

describe('rvsim dtb', () => {
  it('writes the blob: /memory follows --mem, /chosen/bootargs --append', async () => {
    const r = await rvsim(['dtb', '--out', at('v.dtb'), '--mem', '256M', '--append', 'console=ttyS0']);
    expect(r.code).toBe(0);
    const root = parseFdt(readFileSync(at('v.dtb')));
    expect(propCells(findNode(root, '/memory@80000000')!.props.reg)).toEqual([0, 0x80000000, 0, 0x10000000]);
    expect(propStrings(findNode(root, '/chosen')!.props.bootargs)).toEqual(['console=ttyS0']);
  });

  it.runIf(requireTool('dtc', 'device-tree-compiler'))('decompiles cleanly with dtc', async () => {
    await rvsim(['dtb', '--out', at('d.dtb')]);
    const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', at('d.dtb')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    // The one warning is the one dtc also gives for QEMU 7.2's own virt tree (the CPU's interrupt
    // controller has no #address-cells there either).
    const warnings = r.stderr.split('\n').filter((l) => l.length > 0 && !/interrupt_provider.*cpu@0\/interrupt-controller: Missing #address-cells/.test(l));
    expect(warnings).toEqual([]);
    expect(r.stdout).toContain('riscv,isa = "rv64imafdch_zicsr_zifencei_sstc";');
    expect(r.stdout).toContain('compatible = "ns16550a";');
  });

  it('names a missing --out and an unwritable file in one line', async () => {
    const a = await rvsim(['dtb']);
    expect(a.code).toBe(2);
    expect(oneErrorLine(a.stderr)).toContain('--out');
    const b = await rvsim(['dtb', '--out', join(tmp, 'no-such-dir', 'x.dtb')]);
    expect(b.code).not.toBe(0);
    expect(oneErrorLine(b.stderr)).toContain('x.dtb');
  });
});

describe('rvsim boot', () => {
  it('runs raw firmware: UART output on stdout, the exit code from sifive_test', async () => {
    const prog = [
      lui(t0, 0x10000), addi(t1, zero, 0x6f), sb(t1, t0, 0), addi(t1, zero, 0x6b), sb(t1, t0, 0), addi(t1, zero, 10), sb(t1, t0, 0),
      lui(t0, 0x100), lui(t1, 0x73), addi(t1, t1, 0x333), sw(t1, t0, 0), jal(zero, 0), // (7 << 16) | 0x3333
    ];
    writeFileSync(at('ok.bin'), code(...prog));
    const r = await rvsim(['boot', '--bios', at('ok.bin')]);
    expect(r.stdout).toBe('ok\n');
    expect(r.code).toBe(7);
  });

  it('stops with 125 and one message when the hart sleeps and no input can come', async () => {
    writeFileSync(at('sleep.bin'), code(wfi(), jal(zero, -4)));
    const r = await rvsim(['boot', '--bios', at('sleep.bin')]);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/waiting for an interrupt that nothing can raise/);
  });

  it('stops with 124 at --max-insns', async () => {
    writeFileSync(at('spin.bin'), code(jal(zero, 0)));
    const r = await rvsim(['boot', '--bios', at('spin.bin'), '--max-insns', '1000']);
    expect(r.code).toBe(124);
    expect(r.stderr).toContain('stopped after 1000 instructions');
  });

  it('names bad arguments in one line', async () => {
    const a = await rvsim(['boot']);
    expect(a.code).toBe(2);
    expect(oneErrorLine(a.stderr)).toContain('--bios');
    const b = await rvsim(['boot', '--bios', at('missing.bin')]);
    expect(b.code).not.toBe(0);
    expect(oneErrorLine(b.stderr)).toContain('missing.bin: no such file');
    writeFileSync(at('spin2.bin'), code(jal(zero, 0)));
    const c = await rvsim(['boot', '--bios', at('spin2.bin'), '--initrd', at('spin2.bin')]);
    expect(oneErrorLine(c.stderr)).toContain('--initrd needs --kernel');
  });

  it.runIf(haveFirmware(FW_JUMP))(
    'prints the OpenSBI banner for fw_jump.elf',
    async () => {
      const r = await rvsim(['boot', '--bios', FW_JUMP, '--max-insns', '20000000'], { timeoutMs: 60_000 });
      expect(r.code).toBe(124);
      expect(r.stdout).toContain('Platform Name             : riscv-virtio,qemu');
      expect(r.stdout).toContain('Boot HART ISA Extensions  : time,sstc');
    },
    60_000,
  );
});

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('rvsim run: a program for QEMU virt', () => {
  const src = `
    .globl _start
    _start:
      li t0, 0x10000000
      li t1, 'h'
      sb t1, 0(t0)
      li t1, 'i'
      sb t1, 0(t0)
      li t1, '\\n'
      sb t1, 0(t0)
      li t0, 0x100000
      li t1, (5 << 16) | 0x3333
      sw t1, 0(t0)
    1: j 1b
  `;

  it('runs unchanged: console on the UART, exit code through sifive_test (as qemu -M virt -bios none)', async () => {
    writeFileSync(at('virt.S'), src);
    const cc = spawnSync('riscv64-unknown-elf-gcc', ['-nostdlib', '-Wl,-N', '-Wl,-Ttext=0x80000000', '-o', at('virt.elf'), at('virt.S')], { encoding: 'utf8' });
    expect(cc.status, cc.stderr).toBe(0);
    const r = await rvsim(['run', at('virt.elf')]);
    expect(r.stdout).toBe('hi\n');
    expect(r.code).toBe(5);
    if (requireTool('qemu-system-riscv64', 'qemu-system-misc')) {
      const q = spawnSync('qemu-system-riscv64', ['-M', 'virt', '-bios', 'none', '-nographic', '-kernel', at('virt.elf')], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(q.stdout.replace(/\r/g, '')).toBe('hi\n');
      expect(q.status).toBe(5);
    }
  });
});
