/**
 * The machine `rvsim run` builds: the virt machine with the ELF loaded, so a program written for
 * `qemu-system-riscv64 -M virt -bios none -kernel prog.elf` (console on the UART, exit through the
 * sifive_test device) runs unchanged, and an HTIF program (one with a `tohost` symbol) still talks
 * HTIF. The hart starts at the ELF entry in M-mode (as Spike, and as QEMU's reset ROM jumps there)
 * with a0 = hartid and a1 = the DTB address, which the ROM would have set.
 */
import type { ElfImage } from '../loader/elf.js';
import type { MachineOptions } from '../machine.js';
import { VirtMachine } from '../platform/virt.js';
import { HostError } from '../rv64/trap.js';
import { machineForElf } from './load.js';

export function virtMachineForElf(
  elf: ElfImage,
  path: string,
  opts: MachineOptions & { console: (byte: number) => void },
): VirtMachine {
  let virt: VirtMachine | null = null;
  machineForElf(elf, path, opts, (o) => {
    virt = new VirtMachine({ ...o, console: opts.console });
    return virt.machine;
  });
  const v = virt as VirtMachine | null;
  if (v === null) throw new Error('virtMachineForElf: no machine built');
  const ram = v.machine.ram;
  v.setupBoot();
  // As QEMU (its ROM loader refuses overlapping images): the program must leave the DTB's place free.
  const dtbEnd = v.dtbAddr + v.dtb!.length;
  for (const s of elf.segments) {
    const start = Number(s.paddr);
    const end = start + Number(s.memsz);
    if (s.memsz > 0n && start < dtbEnd && v.dtbAddr < end) {
      throw new HostError(
        `${path}: a segment (0x${start.toString(16)}..0x${end.toString(16)}) overlaps the device tree at 0x${v.dtbAddr.toString(16)} (the top of RAM ${ram.base.toString(16)}+${ram.size.toString(16)}); try a larger --mem`,
      );
    }
  }
  v.startAt(elf.entryPaddr);
  return v;
}
