/**
 * Linux 6.1 as a guest of the TypeScript hypervisor (issue 10, "The two boots"): the same Image and
 * initramfs as test/linux/native-boot.test.ts, booted in VS-mode by `rvsim hv` (SBI from the
 * hypervisor, console on the virtual UART through the virtual PLIC, timer through Sstc's
 * vstimecmp), reach the same init and power off through SBI SRST; next to it, our own guest kernel
 * runs to completion (two guests time-sliced). Runs only when .linux/ holds the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Hypervisor } from '../../src/hv/hypervisor.js';
import { ROOT } from '../helpers/cli.js';

const IMAGE = join(ROOT, '.linux', 'Image');
const INITRD = join(ROOT, '.linux', 'initramfs.cpio');
const GUEST = join(ROOT, 'programs/build/guest.elf');

function haveLinux(): boolean {
  if (existsSync(IMAGE) && existsSync(INITRD)) return true;
  console.warn('skipping: .linux/Image or .linux/initramfs.cpio not found: build it with scripts/build-linux.sh');
  return false;
}

const initLines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('init: '));

describe.runIf(haveLinux())('Linux 6.1 as a guest of the TypeScript hypervisor', () => {
  it('boots in VS-mode to our init and powers off, while our guest kernel shares the hart', () => {
    const hv = new Hypervisor({ maxGuests: 2, memPerGuest: 128 * 1024 * 1024 });
    const linux = hv.createVm({
      name: 'linux',
      elf: readFileSync(IMAGE),
      initrd: readFileSync(INITRD),
      bootargs: 'console=ttyS0 earlycon=sbi',
    });
    const ours = hv.createVm({ name: 'ours', elf: readFileSync(GUEST), bootargs: 'name=beta' });
    const r = hv.run(400_000_000);
    const out = linux.text.replace(/\r/g, '');
    expect(r.reason, out.slice(-3000)).toBe('done');
    expect(linux.state).toBe('exited');
    expect(linux.exitCode).toBe(0);
    expect(linux.stopReason).toBe('SRST shutdown');

    expect(out).toMatch(/\] Linux version 6\.1\.\d+ \(rvsim@rvsim\)/);
    expect(out).toContain('Machine model: rvsim hypervisor guest');
    expect(out).toContain('SBI implementation ID=0x7276 Version=0x1');
    expect(out).toContain('SBI TIME extension detected');
    expect(out).toContain('SBI SRST extension detected');
    // The guest's hart has no H (no nested virtualization) but has Sstc.
    expect(out).toContain('riscv: base ISA extensions acdfim');
    expect(out).toContain('riscv-timer: Timer interrupt in S-mode is available via sstc extension');
    expect(out).toContain('kvm [1]: hypervisor extension not available');
    expect(out).toContain('plic: plic@c000000: mapped 96 interrupts with 1 handlers for 2 contexts.');
    expect(out).toContain('10000000.serial: ttyS0 at MMIO 0x10000000 (irq = 1, base_baud = 230400) is a 16550A');
    expect(out).not.toMatch(/Oops|Kernel panic|BUG:|WARNING:|Unable to handle/);

    const lines = initLines(out);
    expect(lines[0]).toMatch(/^init: hello from PID 1: Linux 6\.1\.\d+ #1 .* riscv64$/);
    expect(lines[1]).toMatch(/^init: uptime \d+\.\d\d s$/);
    expect(lines[2]).toMatch(/^init: cpuinfo isa\t\t: rv64imafdc_sstc$/);
    expect(lines[3]).toBe('init: cpuinfo mmu\t\t: sv48');
    expect(lines[4]).toBe('init: /dev/kvm absent');
    // The hypervisor leaves scounteren = 7 as OpenSBI does, so init's U-mode counter reads work.
    const ctr = /^init: rdinstret=(\d+) rdcycle=(\d+)$/.exec(lines[5] ?? '');
    expect(ctr, lines.join('\n')).not.toBeNull();
    expect(Number(ctr![2])).toBeGreaterThanOrEqual(Number(ctr![1]));
    expect(lines[6]).toBe('init: powering off');

    // The exits a Linux guest makes: UART and PLIC by trap-and-emulate, SBI, external interrupts.
    expect(linux.exits.get('mmio:uart-store')!.count).toBeGreaterThan(1000);
    expect(linux.exits.get('mmio:plic-load')!.count).toBeGreaterThan(10);
    expect(linux.injected.get('external')).toBeGreaterThan(0);

    expect(ours.exitCode).toBe(0);
    expect(ours.text).toContain('guest: all checks passed');
  }, 600_000);
});
