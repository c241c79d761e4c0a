/**
 * Linux 6.1 boots natively on rvsim's virt machine under Debian's OpenSBI fw_jump (issue 10): the
 * kernel and initramfs that scripts/build-linux.sh builds into .linux/, booted as
 * `rvsim boot --bios fw_jump.elf --kernel .linux/Image --initrd .linux/initramfs.cpio
 * --append "console=ttyS0 earlycon"` (QEMU: the same with qemu-system-riscv64 -M virt -cpu
 * rv64,h=true). The kernel must reach our init (linux/init), find the H extension for KVM, and
 * power the machine off through SBI SRST -> OpenSBI -> sifive_test with exit code 0.
 *
 * The kernel build takes about 5 minutes, so these tests run only when .linux/ holds it; they skip
 * otherwise (also under RVSIM_REQUIRE_TOOLS=1: the kernel is a build product, not a Debian tool).
 *
 * Differences from QEMU 7.2's log of the same boot (linux/README.md explains each): the OpenSBI
 * banner lines of test/platform-boot/opensbi-uboot.test.ts; KVM's G-stage format Sv48x4 (QEMU
 * Sv57x4: rvsim has no Sv57, and KVM probes hgatp modes by writing them and reading them back);
 * /proc/cpuinfo's isa line without zihintpause and mmu sv48 (our device tree); 24 KiB less
 * "reserved" memory (our smaller device tree); timestamps and counter values (simulated time).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Console } from '../../src/platform/console.js';
import { drive } from '../../src/platform/interactive.js';
import { bootVirt } from '../../src/platform/virt-boot.js';
import { distBuilt, ROOT, rvsim } from '../helpers/cli.js';
import { FW_JUMP, haveFirmware } from '../platform-boot/firmware.js';

const IMAGE = join(ROOT, '.linux', 'Image');
const INITRD = join(ROOT, '.linux', 'initramfs.cpio');
const APPEND = 'console=ttyS0 earlycon';

function haveLinux(): boolean {
  if (existsSync(IMAGE) && existsSync(INITRD)) return true;
  console.warn('skipping: .linux/Image or .linux/initramfs.cpio not found: build it with scripts/build-linux.sh');
  return false;
}

const ready = haveLinux() && haveFirmware(FW_JUMP);

/** Boots in-process with the console scripted; returns the transcript and the machine's figures. */
async function boot(append: string, script: { expect: string; send: string }[] = [], isa?: string) {
  const con = new Console(() => {}, { keepTranscript: true });
  const { virt } = bootVirt({
    bios: { name: FW_JUMP, bytes: readFileSync(FW_JUMP) },
    kernel: { name: IMAGE, bytes: readFileSync(IMAGE) },
    initrd: { name: INITRD, bytes: readFileSync(INITRD) },
    append,
    isa,
    memSize: 128 * 1024 * 1024,
    console: con.putByte,
  });
  con.attach(virt.uart);
  if (script.length > 0) con.runScript(script);
  const r = await drive(virt, con, { maxInsns: 400_000_000, chunk: script.length > 0 ? 200_000 : 2_000_000 });
  return { r, out: con.output.replace(/\r/g, ''), virt, instret: virt.machine.hart.instret };
}

/** The lines init printed (linux/init/init.c prefixes each with "init: "). */
const initLines = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('init: '));

describe.runIf(ready)('Linux 6.1 native boot under OpenSBI', () => {
  let first: Awaited<ReturnType<typeof boot>> | null = null;

  it('reaches our init, finds the H extension for KVM and powers off with exit code 0', async () => {
    const b = await boot(APPEND);
    first = b;
    const { r, out } = b;
    expect(r.reason, out.slice(-3000)).toBe('exit');
    expect(r.exitCode).toBe(0);

    expect(out).toContain('OpenSBI v1.1');
    expect(out).toMatch(/\] Linux version 6\.1\.\d+ \(rvsim@rvsim\)/);
    expect(out).toContain('Machine model: riscv-virtio,qemu');
    expect(out).toContain("earlycon: ns16550a0 at MMIO 0x0000000010000000 (options '')");
    expect(out).toContain('SBI SRST extension detected');
    expect(out).toContain('riscv: base ISA extensions acdfhim');
    expect(out).toContain('riscv-timer: Timer interrupt in S-mode is available via sstc extension');
    expect(out).toContain('plic: plic@c000000: mapped 96 interrupts with 1 handlers for 2 contexts.');
    expect(out).toContain('kvm [1]: hypervisor extension available');
    expect(out).toContain('kvm [1]: VMID 14 bits available');
    expect(out).toContain('10000000.serial: ttyS0 at MMIO 0x10000000 (irq = 1, base_baud = 230400) is a 16550A');
    expect(out).toContain('Run /init as init process');
    expect(out).not.toMatch(/Oops|Kernel panic|BUG:|WARNING:|Unable to handle/);

    const lines = initLines(out);
    expect(lines[0]).toMatch(/^init: hello from PID 1: Linux 6\.1\.\d+ #1 .* riscv64$/);
    expect(lines[1]).toMatch(/^init: uptime \d+\.\d\d s$/);
    // What the kernel made of our device tree's riscv,isa and mmu-type.
    const isa = /^init: cpuinfo isa\t\t: (rv64\S+)$/.exec(lines[2] ?? '');
    expect(isa, lines.join('\n')).not.toBeNull();
    expect(isa![1]).toMatch(/^rv64imafdch/);
    const mmu = /^init: cpuinfo mmu\t\t: sv(39|48|57)$/.exec(lines[3] ?? '');
    expect(mmu, lines.join('\n')).not.toBeNull();
    // KVM found the largest G-stage mode the hart keeps in hgatp: the SvNNx4 matching satp's mode.
    expect(out).toContain(`kvm [1]: using Sv${mmu![1]}x4 G-stage page table format`);
    expect(lines[4]).toBe('init: /dev/kvm present');
    // OpenSBI sets scounteren = 7, so user mode reads the counters. Without a timing model a cycle
    // is a retired instruction (plus idle cycles): cycle >= instret, both below the run's total.
    const ctr = /^init: rdinstret=(\d+) rdcycle=(\d+)$/.exec(lines[5] ?? '');
    expect(ctr, lines.join('\n')).not.toBeNull();
    const [instret, cycle] = [Number(ctr![1]), Number(ctr![2])];
    expect(instret).toBeGreaterThan(10_000_000);
    expect(instret).toBeLessThan(b.instret);
    expect(cycle).toBeGreaterThanOrEqual(instret);
    expect(lines[6]).toBe('init: powering off');
    expect(lines).toHaveLength(7);
    expect(out.indexOf('Run /init as init process')).toBeLessThan(out.indexOf('init: hello'));
    expect(out).toMatch(/kvm: exiting hardware virtualization\n\[[ .\d]+\] reboot: Power down\n$/);

    // QEMU executes about 60.5 M instructions for its tiny boot (reset to power-off); this one
    // took 51.2 M on rvsim (6.5 M of them in OpenSBI).
    expect(b.instret).toBeGreaterThan(30_000_000);
    expect(b.instret).toBeLessThan(80_000_000);
  }, 300_000);

  it.runIf(distBuilt())('boots the same through `rvsim boot`: same output, same instruction count', async () => {
    const c = await rvsim(['boot', '--bios', FW_JUMP, '--kernel', IMAGE, '--initrd', INITRD, '--append', APPEND, '--stats'], {
      timeoutMs: 280_000,
    });
    expect(c.code, c.stderr).toBe(0);
    expect(c.signal).toBeNull();
    const out = c.stdout.replace(/\r/g, '');
    expect(out).toContain('kvm [1]: hypervisor extension available');
    expect(out).toContain('init: powering off');
    const insns = /^instructions\s+(\d+)$/m.exec(c.stderr);
    expect(insns, c.stderr).not.toBeNull();
    if (first !== null) {
      // Determinism: guest time is simulated, so the whole transcript repeats exactly.
      expect(Number(insns![1])).toBe(first.instret);
      expect(out).toBe(first.out);
    }
  }, 300_000);

  it('without H, KVM finds no hypervisor extension and /dev/kvm is absent', async () => {
    const { r, out } = await boot(APPEND, [], 'rv64imafdc');
    expect(r.reason, out.slice(-3000)).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(out).toContain('riscv: base ISA extensions acdfim');
    expect(out).toContain('kvm [1]: hypervisor extension not available');
    expect(out).not.toContain('G-stage');
    expect(initLines(out)).toContain('init: /dev/kvm absent');
    expect(initLines(out)).toContain('init: powering off');
  }, 300_000);

  it('runs the interactive shell of our init with rvsim.shell on the command line', async () => {
    const { r, out } = await boot(`${APPEND} rvsim.shell`, [
      { expect: 'rvsim# ', send: 'echo hello   from the shell\r' },
      { expect: 'rvsim# ', send: 'uname\r' },
      { expect: 'rvsim# ', send: 'ls /\r' },
      { expect: 'rvsim# ', send: 'cat /proc/interrupts /nonexistent\r' },
      { expect: 'rvsim# ', send: 'frobnicate\r' },
      { expect: 'rvsim# ', send: 'poweroff\r' },
    ]);
    expect(r.reason, out.slice(-3000)).toBe('exit');
    expect(r.exitCode).toBe(0);
    expect(out).toContain('init: starting the shell (type help)');
    // The tty echoes what was typed; the shell's answer is on the next line.
    expect(out).toContain('rvsim# echo hello   from the shell\nhello from the shell\n');
    expect(out).toMatch(/rvsim# uname\nLinux 6\.1\.\d+ #1 [^\n]* riscv64\n/);
    const ls = /rvsim# ls \/\n([^]*?)rvsim# /.exec(out);
    expect(ls).not.toBeNull();
    expect(ls![1].split('\n').filter(Boolean).sort()).toEqual(['dev/', 'init', 'proc/', 'root/', 'sys/']);
    // The UART's interrupt (PLIC source 10, Linux irq 1) delivered the typed characters.
    expect(out).toMatch(/\n\s+1:\s+[1-9]\d*\s+SiFive PLIC\s+10 Edge\s+ttyS0\n/);
    expect(out).toMatch(/\n\s+5:\s+[1-9]\d*\s+RISC-V INTC\s+5 Edge\s+riscv-timer\n/);
    expect(out).toContain('cat: /nonexistent: No such file or directory\n');
    expect(out).toContain('frobnicate: unknown command (type help)\n');
    expect(out).toContain('rvsim# poweroff\ninit: powering off\n');
    expect(out).toContain('reboot: Power down');
  }, 300_000);
});
