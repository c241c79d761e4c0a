/**
 * Debian's firmware images for the boot tests, and the rule of test/tools.ts applied to files:
 * missing ones skip the test with one line naming the packages, or fail under RVSIM_REQUIRE_TOOLS=1.
 */
import { existsSync } from 'node:fs';

/** OpenSBI 1.1 generic platform, fw_jump (jumps to 0x80200000 with the DTB at 0x82200000). */
export const FW_JUMP = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf';
/** U-Boot 2023.01 for qemu-riscv64, S-mode build (an OpenSBI payload). */
export const UBOOT_SMODE = '/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin';

const PACKAGES: Record<string, string> = { [FW_JUMP]: 'opensbi', [UBOOT_SMODE]: 'u-boot-qemu' };

export function haveFirmware(...files: string[]): boolean {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return true;
  const pkgs = [...new Set(files.map((f) => PACKAGES[f] ?? 'opensbi u-boot-qemu'))].join(' ');
  const line = `${missing.join(', ')} not found: install the Debian packages ${pkgs}`;
  if (process.env.RVSIM_REQUIRE_TOOLS === '1') throw new Error(`${line} (RVSIM_REQUIRE_TOOLS=1)`);
  console.warn(`skipping: ${line}`);
  return false;
}
