import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootRom, BOOT_ROM_BASE, BOOT_ROM_SIZE, fdtLoadAddress, RESET_VECTOR_CODE } from '../../src/platform/boot-rom.js';
import { HostError } from '../../src/rv64/trap.js';
import { requireTool } from '../tools.js';

const MiB = 1024 * 1024;

function u64At(rom: BootRom, off: number): number {
  return rom.read(off, 4) + rom.read(off + 4, 4) * 2 ** 32;
}

describe('boot ROM', () => {
  const rom = new BootRom({ fdtAddr: 0x87e00000, nextAddr: 0x80200000 });

  it('is QEMU virt\'s mrom region, read-only', () => {
    expect(BOOT_ROM_BASE).toBe(0x1000);
    expect(BOOT_ROM_SIZE).toBe(0xf000);
    expect(rom.size).toBe(0xf000);
    const before = rom.read(0, 4);
    rom.write(0, 4, 0);
    expect(rom.read(0, 4)).toBe(before);
  });

  it('holds the start and DTB addresses where the ld instructions look (t0 + 24, t0 + 32)', () => {
    expect(u64At(rom, 0x18)).toBe(0x80000000);
    expect(u64At(rom, 0x20)).toBe(0x87e00000);
    const high = new BootRom({ fdtAddr: 0x1_2340_0000, startAddr: 0x1_0000_0000 });
    expect(u64At(high, 0x18)).toBe(0x1_0000_0000);
    expect(u64At(high, 0x20)).toBe(0x1_2340_0000);
  });

  // OpenSBI include/sbi/fw_dynamic.h: magic, version, next_addr, next_mode, options, boot_hart.
  it('holds OpenSBI\'s fw_dynamic_info at a2 = t0 + 40', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => u64At(rom, 0x28 + 8 * i))).toEqual([0x4942534f, 2, 0x80200000, 1, 0, 0]);
  });

  it('reads little-endian at any width', () => {
    const w = RESET_VECTOR_CODE[1];
    expect(rom.read(4, 4)).toBe(w);
    expect(rom.read(4, 2)).toBe(w & 0xffff);
    expect(rom.read(6, 2)).toBe(w >>> 16);
    expect(rom.read(7, 1)).toBe(w >>> 24);
  });

  it.runIf(requireTool('riscv64-unknown-elf-objdump', 'binutils-riscv64-unknown-elf'))(
    'disassembles to QEMU\'s reset vector',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'rvsim-rom-'));
      try {
        const file = join(dir, 'rom.bin');
        writeFileSync(file, rom.image.subarray(0, 4 * RESET_VECTOR_CODE.length));
        const r = spawnSync(
          'riscv64-unknown-elf-objdump',
          ['-D', '-b', 'binary', '-m', 'riscv:rv64', '-M', 'no-aliases', `--adjust-vma=0x${BOOT_ROM_BASE.toString(16)}`, file],
          { encoding: 'utf8' },
        );
        expect(r.status).toBe(0);
        const insns = r.stdout
          .split('\n')
          .filter((l) => /^\s+[0-9a-f]+:\t/.test(l))
          .map((l) => l.split('\t').slice(2).join(' ').replace(/\s+/g, ' ').trim());
        expect(insns).toEqual([
          'auipc t0,0x0',
          'addi a2,t0,40 # 0x1028', // a2 = &fw_dynamic_info
          'csrrs a0,mhartid,zero',
          'ld a1,32(t0)',
          'ld t0,24(t0)',
          'jalr zero,0(t0)',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.runIf(requireTool('qemu-system-riscv64', 'qemu-system-misc'))('holds the same words as QEMU virt\'s ROM', () => {
    // -bios none: QEMU jumps to 0x80000000 and, with no kernel, leaves next_addr 0.
    const r = spawnSync(
      'qemu-system-riscv64',
      ['-M', 'virt', '-cpu', 'rv64,h=true', '-m', '128M', '-bios', 'none', '-nographic', '-S', '-serial', 'none', '-monitor', 'stdio'],
      { input: 'xp /22wx 0x1000\nquit\n', encoding: 'utf8', timeout: 20000 },
    );
    const words = [...r.stdout.matchAll(/^[0-9a-f]{16}:((?: 0x[0-9a-f]{8})+)/gm)].flatMap((m) =>
      m[1].trim().split(' ').map((w) => parseInt(w, 16)),
    );
    const ours = new BootRom({ fdtAddr: 0x87e00000, nextAddr: 0 });
    expect(words).toHaveLength(22);
    expect(words).toEqual(Array.from({ length: 22 }, (_, i) => ours.read(4 * i, 4)));
  });
});

describe('DTB load address', () => {
  it('is the top of RAM minus the blob, aligned down to 2 MiB (QEMU: 0x87e00000 for 128 MiB)', () => {
    expect(fdtLoadAddress(0x80000000, 128 * MiB, 0x800)).toBe(0x87e00000);
    expect(fdtLoadAddress(0x80000000, 128 * MiB, 2 * MiB)).toBe(0x87e00000);
    expect(fdtLoadAddress(0x80000000, 128 * MiB, 2 * MiB + 1)).toBe(0x87c00000);
    expect(fdtLoadAddress(0x80000000, 1 * MiB * 1024, 0x800)).toBe(0xbfe00000);
  });

  it('stays below 3 GiB when RAM reaches beyond it (QEMU 7.2)', () => {
    expect(fdtLoadAddress(0x80000000, 4096 * MiB, 0x800)).toBe(3072 * MiB - 2 * MiB);
  });

  it.runIf(requireTool('qemu-system-riscv64', 'qemu-system-misc'))('agrees with where QEMU puts it', () => {
    for (const mib of [128, 256, 4096]) {
      const r = spawnSync(
        'qemu-system-riscv64',
        ['-M', 'virt', '-m', `${mib}M`, '-bios', 'none', '-nographic', '-S', '-serial', 'none', '-monitor', 'stdio'],
        { input: 'xp /2wx 0x1020\nquit\n', encoding: 'utf8', timeout: 20000 },
      );
      const m = /^0{8}00001020: 0x([0-9a-f]{8}) 0x([0-9a-f]{8})/m.exec(r.stdout);
      expect(m, r.stdout + r.stderr).not.toBeNull();
      const qemuAddr = parseInt(m![1], 16) + parseInt(m![2], 16) * 2 ** 32;
      expect(fdtLoadAddress(0x80000000, mib * MiB, 0x1000), `${mib} MiB`).toBe(qemuAddr);
    }
  });

  it('refuses RAM too small for the blob', () => {
    expect(fdtLoadAddress(0x80000000, 1 * MiB, 0x800)).toBe(0x80000000);
    expect(() => fdtLoadAddress(0x80000000, 1 * MiB, 2 * MiB)).toThrow(HostError);
  });
});
