/**
 * Loading firmware, a payload and an initrd into a virt machine the way QEMU 7.2's `-bios`,
 * `-kernel`, `-initrd` and `-append` do (hw/riscv/boot.c):
 *  - the firmware (ELF at its own addresses, or a raw binary) at the start of RAM;
 *  - the payload: an ELF at its own addresses, a raw image at the firmware's end rounded up to
 *    2 MiB (0x80200000 for OpenSBI, the address fw_jump jumps to);
 *  - the initrd at payload entry + min(RAM / 2, 128 MiB), announced in /chosen;
 *  - the device tree at the end of RAM (below 3 GiB) aligned down to 2 MiB; the reset ROM passes
 *    its address in a1 and the payload entry in fw_dynamic_info.next_addr.
 */
import { parseElf } from '../loader/elf.js';
import { loadSegments } from '../loader/load-segments.js';
import type { Machine } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { VirtMachine, type VirtOptions } from './virt.js';

const MiB = 0x100000;

export interface BootImage {
  /** For messages: usually the file name. */
  name: string;
  bytes: Uint8Array;
}

export interface VirtBootSpec extends VirtOptions {
  bios: BootImage;
  kernel?: BootImage;
  initrd?: BootImage;
  append?: string;
}

export interface LoadedImage {
  entry: number;
  start: number;
  /** One past the last byte loaded (including .bss). */
  end: number;
  elf: boolean;
}

export interface VirtBoot {
  virt: VirtMachine;
  firmware: LoadedImage;
  kernel: LoadedImage | null;
  initrd: { start: number; end: number } | null;
}

function isElf(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/** Loads an ELF at its physical addresses, or raw bytes at `rawAddr`. */
export function loadImage(m: Machine, img: BootImage, rawAddr: number): LoadedImage {
  const ram = m.ram;
  if (isElf(img.bytes)) {
    const elf = parseElf(img.bytes, img.name);
    try {
      loadSegments(
        elf,
        (pa, bytes) => m.mmu.writePhys(pa, bytes),
        (pa, len) => m.mmu.writePhys(pa, new Uint8Array(len)),
        (pa, len) => ram.contains(pa, len),
        { base: ram.base, size: ram.size },
      );
    } catch (e) {
      if (e instanceof HostError) throw new HostError(`${img.name}: ${e.message}`);
      throw e;
    }
    let start = Infinity;
    let end = 0;
    for (const s of elf.segments) {
      if (s.memsz === 0n) continue;
      start = Math.min(start, Number(s.paddr));
      end = Math.max(end, Number(s.paddr + s.memsz));
    }
    return { entry: Number(elf.entryPaddr), start, end, elf: true };
  }
  if (img.bytes.length === 0) throw new HostError(`${img.name}: empty file`);
  if (!ram.contains(rawAddr, img.bytes.length)) {
    throw new HostError(
      `${img.name}: ${img.bytes.length} bytes at ${hex(rawAddr)} do not fit in RAM ${hex(ram.base)}..${hex(ram.base + ram.size)}`,
    );
  }
  m.mmu.writePhys(rawAddr, img.bytes);
  return { entry: rawAddr, start: rawAddr, end: rawAddr + img.bytes.length, elf: false };
}

/** A virt machine with the images loaded, at its reset vector (pc = 0x1000). */
export function bootVirt(spec: VirtBootSpec): VirtBoot {
  const virt = new VirtMachine(spec);
  const m = virt.machine;
  const ramBase = m.ram.base;
  const ramEnd = ramBase + m.ram.size;
  const firmware = loadImage(m, spec.bios, ramBase);

  let kernel: LoadedImage | null = null;
  if (spec.kernel !== undefined) {
    // QEMU's riscv_calc_kernel_start_addr: the firmware's end aligned up to 2 MiB on RV64.
    const at = Math.ceil(firmware.end / (2 * MiB)) * 2 * MiB;
    kernel = loadImage(m, spec.kernel, at);
  }

  let initrd: { start: number; end: number } | null = null;
  if (spec.initrd !== undefined) {
    if (kernel === null) throw new HostError('--initrd needs --kernel (QEMU places it after the kernel)');
    const start = kernel.entry + Math.min(m.ram.size / 2, 128 * MiB);
    const end = start + spec.initrd.bytes.length;
    if (end > ramEnd) {
      throw new HostError(`${spec.initrd.name}: ${spec.initrd.bytes.length} bytes at ${hex(start)} do not fit in RAM (try a larger --mem)`);
    }
    m.mmu.writePhys(start, spec.initrd.bytes);
    initrd = { start, end };
  }

  virt.setupBoot({
    bootargs: spec.append,
    initrd: initrd ?? undefined,
    startAddr: ramBase,
    nextAddr: kernel?.entry ?? 0,
  });
  const dtbEnd = virt.dtbAddr + (virt.dtb?.length ?? 0);
  for (const [what, r] of [
    ['the firmware', firmware],
    ['the kernel', kernel],
    ['the initrd', initrd],
  ] as const) {
    if (r !== null && r.start < dtbEnd && virt.dtbAddr < r.end) {
      throw new HostError(`${what} overlaps the device tree at ${hex(virt.dtbAddr)} (try a larger --mem)`);
    }
  }
  return { virt, firmware, kernel, initrd };
}
