import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVirtDtb, virtDeviceTree } from '../../src/platform/virt-dtb.js';
import { findNode, parseFdt, propCells, propStrings } from '../../src/platform/fdt-reader.js';
import type { FdtNode } from '../../src/platform/fdt.js';
import { HostError } from '../../src/rv64/trap.js';
import { requireTool } from '../tools.js';

/** The riscv,isa QEMU 7.2 reports for `-cpu rv64,h=true` (see the reference device tree). */
const QEMU_ISA = 'rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc';
const MiB = 1024 * 1024;

const opts = {
  isa: QEMU_ISA,
  ramSize: 128 * MiB,
  bootargs: 'console=ttyS0 earlycon',
  initrd: { start: 0x84000000, end: 0x8407c000 },
};

function prop(tree: FdtNode, path: string, name: string): Uint8Array {
  const n = findNode(tree, path);
  if (n === undefined) throw new Error(`no node ${path}`);
  const v = n.props[name];
  if (v === undefined) throw new Error(`no property ${path}:${name}`);
  return v;
}
const cellsOf = (t: FdtNode, p: string, n: string) => propCells(prop(t, p, n));
const stringsOf = (t: FdtNode, p: string, n: string) => propStrings(prop(t, p, n));

function withTmp<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-dtb-'));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('virt device tree', () => {
  const tree = parseFdt(buildVirtDtb(opts));

  it('describes the CPU, its interrupt controller and the timebase', () => {
    expect(cellsOf(tree, '/cpus', 'timebase-frequency')).toEqual([10_000_000]);
    expect(stringsOf(tree, '/cpus/cpu@0', 'riscv,isa')).toEqual([QEMU_ISA]);
    expect(stringsOf(tree, '/cpus/cpu@0', 'mmu-type')).toEqual(['riscv,sv48']);
    expect(stringsOf(tree, '/cpus/cpu@0/interrupt-controller', 'compatible')).toEqual(['riscv,cpu-intc']);
    const intc = cellsOf(tree, '/cpus/cpu@0/interrupt-controller', 'phandle')[0];
    // CLINT: MSIP (3) and MTIP (7); PLIC: M-mode context → MEIP (11), S-mode → SEIP (9).
    expect(cellsOf(tree, '/soc/clint@2000000', 'interrupts-extended')).toEqual([intc, 3, intc, 7]);
    expect(cellsOf(tree, '/soc/plic@c000000', 'interrupts-extended')).toEqual([intc, 11, intc, 9]);
    const sv39 = parseFdt(buildVirtDtb({ ...opts, mmuType: 'riscv,sv39' }));
    expect(stringsOf(sv39, '/cpus/cpu@0', 'mmu-type')).toEqual(['riscv,sv39']);
  });

  it('has memory, the devices, and their wiring', () => {
    expect(cellsOf(tree, '/memory@80000000', 'reg')).toEqual([0, 0x80000000, 0, 128 * MiB]);
    expect(cellsOf(tree, '/soc/clint@2000000', 'reg')).toEqual([0, 0x2000000, 0, 0x10000]);
    expect(cellsOf(tree, '/soc/plic@c000000', 'reg')).toEqual([0, 0xc000000, 0, 0x600000]);
    expect(cellsOf(tree, '/soc/plic@c000000', 'riscv,ndev')).toEqual([96]);
    expect(stringsOf(tree, '/soc/plic@c000000', 'compatible')).toEqual(['sifive,plic-1.0.0', 'riscv,plic0']);
    const plic = cellsOf(tree, '/soc/plic@c000000', 'phandle')[0];
    expect(cellsOf(tree, '/soc/serial@10000000', 'interrupt-parent')).toEqual([plic]);
    expect(cellsOf(tree, '/soc/serial@10000000', 'interrupts')).toEqual([10]);
    expect(cellsOf(tree, '/soc/serial@10000000', 'clock-frequency')).toEqual([0x384000]);
    expect(stringsOf(tree, '/soc/serial@10000000', 'compatible')).toEqual(['ns16550a']);
    expect(stringsOf(tree, '/soc/test@100000', 'compatible')).toEqual(['sifive,test1', 'sifive,test0', 'syscon']);
    const test = cellsOf(tree, '/soc/test@100000', 'phandle')[0];
    expect(cellsOf(tree, '/poweroff', 'regmap')).toEqual([test]);
    expect(cellsOf(tree, '/poweroff', 'value')).toEqual([0x5555]);
    expect(cellsOf(tree, '/reboot', 'value')).toEqual([0x7777]);
  });

  it('fills /chosen from the options', () => {
    expect(stringsOf(tree, '/chosen', 'stdout-path')).toEqual(['/soc/serial@10000000']);
    expect(stringsOf(tree, '/chosen', 'bootargs')).toEqual(['console=ttyS0 earlycon']);
    expect(cellsOf(tree, '/chosen', 'linux,initrd-start')).toEqual([0, 0x84000000]);
    expect(cellsOf(tree, '/chosen', 'linux,initrd-end')).toEqual([0, 0x8407c000]);
    const bare = virtDeviceTree({ isa: QEMU_ISA, ramSize: 64 * MiB });
    expect(Object.keys(findNode(bare, '/chosen')!.props)).toEqual(['stdout-path']);
  });

  it('rejects bad options with a HostError', () => {
    expect(() => buildVirtDtb({ ...opts, isa: 'x86' })).toThrow(HostError);
    expect(() => buildVirtDtb({ ...opts, initrd: { start: 10, end: 5 } })).toThrow(HostError);
  });

  it.runIf(requireTool('dtc', 'device-tree-compiler'))('decompiles cleanly with dtc, which reads it as we wrote it', () => {
    withTmp((dir) => {
      const file = join(dir, 'virt.dtb');
      const blob = buildVirtDtb(opts);
      writeFileSync(file, blob);
      const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', file], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      // The one warning dtc gives is the one it also gives for QEMU 7.2's own virt tree: the CPU's
      // interrupt controller has no #address-cells (a schema nit, not a malformed blob).
      const warnings = r.stderr
        .split('\n')
        .filter((l) => l.length > 0)
        .filter((l) => !/Warning \(interrupt_provider\): \/cpus\/cpu@0\/interrupt-controller: Missing #address-cells/.test(l));
      expect(warnings).toEqual([]);
      expect(r.stdout).toContain('riscv,isa = "' + QEMU_ISA + '";');
      expect(r.stdout).toContain('compatible = "sifive,plic-1.0.0\\0riscv,plic0";');
      expect(r.stdout).toContain('stdout-path = "/soc/serial@10000000";');
      // dtc's own re-encoding of our blob parses to the same tree.
      const again = spawnSync('dtc', ['-I', 'dtb', '-O', 'dtb', '-o', join(dir, 'again.dtb'), file], { encoding: 'utf8' });
      expect(again.status).toBe(0);
      expect(normalize(parseFdt(readFileSync(join(dir, 'again.dtb'))))).toEqual(normalize(parseFdt(blob)));
    });
  });

  it.runIf(requireTool('qemu-system-riscv64', 'qemu-system-misc'))(
    'matches the tree QEMU virt generates, node for node, except what rvsim does not emulate',
    () => {
      withTmp((dir) => {
        const file = join(dir, 'qemu.dtb');
        const r = spawnSync('qemu-system-riscv64', ['-M', `virt,dumpdtb=${file}`, '-cpu', 'rv64,h=true', '-m', '128M', '-nographic'], {
          encoding: 'utf8',
        });
        expect(r.status).toBe(0);
        const qemu = parseFdt(readFileSync(file));
        const ours = parseFdt(buildVirtDtb({ isa: QEMU_ISA, ramSize: 128 * MiB }));
        const omitted = new Set(['/pmu', '/fw-cfg@10100000', '/flash@20000000', '/platform-bus@4000000', '/soc/rtc@101000', '/soc/pci@30000000']);
        const qemuNodes = flatten(qemu).filter(([p]) => !omitted.has(p) && !p.startsWith('/soc/virtio_mmio@'));
        const ourNodes = flatten(ours);
        expect(ourNodes.map(([p]) => p).sort()).toEqual(qemuNodes.map(([p]) => p).sort());
        const qemuByPath = new Map(qemuNodes);
        for (const [path, props] of ourNodes) {
          const q = { ...qemuByPath.get(path)! };
          if (path === '/chosen') delete q['rng-seed']; // random per run in QEMU
          expect(props, path).toEqual(q);
        }
      });
    },
  );
});

/** Every node as [path, {prop: bytes as array}], properties in sorted order. */
function flatten(n: FdtNode, path = ''): [string, Record<string, number[]>][] {
  const here = path === '' ? '/' : path;
  const props = Object.fromEntries(
    Object.keys(n.props)
      .sort()
      .map((k) => [k, Array.from(n.props[k])]),
  );
  return [[here, props], ...n.children.flatMap((c) => flatten(c, `${path}/${c.name}`))];
}

function normalize(n: FdtNode): unknown {
  return flatten(n);
}
