/**
 * Real firmware on rvsim's virt machine: Debian's OpenSBI 1.1 fw_jump with Debian's S-mode U-Boot
 * 2023.01 as its payload, driven through the UART as a user would (QEMU equivalent:
 * `qemu-system-riscv64 -M virt -nographic -bios fw_jump.elf -kernel u-boot.bin`).
 *
 * Differences from QEMU 7.2's output (/work/shared/reference/qemu-opensbi-uboot.log), all expected:
 *  - OpenSBI "Boot HART Base ISA": rv64imafdc, QEMU rv64imafdch — OpenSBI prints misa, and rvsim
 *    does not implement H yet.
 *  - "Boot HART MHPM Count": 0, QEMU 16 — OpenSBI counts the mhpmcounters that keep a written value;
 *    rvsim's are read-only zero (legal: privileged spec §3.1.10 allows any to be read-only zero),
 *    QEMU's 7.2 default has 16 writable ones.
 *  - "Boot HART MIDELEG": 0x222, QEMU 0x1666 — OpenSBI also delegates VSSIP/VSTIP/VSEIP/SGEIP
 *    (bits 2, 6, 10, 12) when the hart has H.
 *  - "Boot HART MEDELEG": 0xb109, QEMU 0xf0b509 — likewise ecall-from-VS (10) and the guest-page
 *    faults / virtual-instruction exception (20-23) exist only with H.
 *  - U-Boot "CPU:" prints the device tree's riscv,isa: ours lists what rvsim implements
 *    (rv64imafdc_zicsr_zifencei_sstc), QEMU adds h, zihintpause, zba/zbb/zbc/zbs.
 *  - U-Boot "Core: 14 devices, 10 uclasses" (QEMU 25, 12) and no "Flash: 32 MiB" line: rvsim's tree
 *    has no virtio-mmio slots, PCIe host, CFI flash, RTC or fw-cfg.
 *  - "Working FDT set to" differs (877362d0 vs 87735950): our smaller DTB lands U-Boot's copy elsewhere.
 * Everything else in the OpenSBI banner (platform, devices, domain layout, PMP, Priv v1.12, the
 * "time,sstc" extensions) is identical.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Console } from '../../src/platform/console.js';
import { drive } from '../../src/platform/interactive.js';
import { bootVirt } from '../../src/platform/virt-boot.js';

const FW_JUMP = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf';
const UBOOT = '/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin';

/** The firmware files come from Debian packages; same rule as test/tools.ts for commands. */
function haveFirmware(): boolean {
  const missing = [FW_JUMP, UBOOT].filter((f) => !existsSync(f));
  if (missing.length === 0) return true;
  const line = `${missing.join(', ')} not found: install the Debian packages opensbi u-boot-qemu`;
  if (process.env.RVSIM_REQUIRE_TOOLS === '1') throw new Error(`${line} (RVSIM_REQUIRE_TOOLS=1)`);
  console.warn(`skipping: ${line}`);
  return false;
}

/** OpenSBI's banner lines under QEMU 7.2 (reference log) that rvsim must print identically. */
const SAME_AS_QEMU = [
  'OpenSBI v1.1',
  'Platform Name             : riscv-virtio,qemu',
  'Platform Features         : medeleg',
  'Platform HART Count       : 1',
  'Platform IPI Device       : aclint-mswi',
  'Platform Timer Device     : aclint-mtimer @ 10000000Hz',
  'Platform Console Device   : uart8250',
  'Platform HSM Device       : ---',
  'Platform Reboot Device    : sifive_test',
  'Platform Shutdown Device  : sifive_test',
  'Firmware Base             : 0x80000000',
  'Firmware Size             : 288 KB',
  'Runtime SBI Version       : 1.0',
  'Domain0 Name              : root',
  'Domain0 Boot HART         : 0',
  'Domain0 HARTs             : 0*',
  'Domain0 Region00          : 0x0000000002000000-0x000000000200ffff (I)',
  'Domain0 Region01          : 0x0000000080000000-0x000000008007ffff ()',
  'Domain0 Region02          : 0x0000000000000000-0xffffffffffffffff (R,W,X)',
  'Domain0 Next Address      : 0x0000000080200000',
  // fw_jump's FW_JUMP_FDT_ADDR: the DTB moved from 0x87e00000 (where the ROM said) to 0x82200000.
  'Domain0 Next Arg1         : 0x0000000082200000',
  'Domain0 Next Mode         : S-mode',
  'Domain0 SysReset          : yes',
  'Boot HART ID              : 0',
  'Boot HART Domain          : root',
  'Boot HART Priv Version    : v1.12',
  // OpenSBI probes the time CSR and stimecmp (Sstc) by reading them with a trap handler installed.
  'Boot HART ISA Extensions  : time,sstc',
  'Boot HART PMP Count       : 16',
  'Boot HART PMP Granularity : 4',
  'Boot HART PMP Address Bits: 54',
];

/** The lines that differ from QEMU's, with rvsim's value (see the header comment for why). */
const DIFFERENT_FROM_QEMU = [
  'Boot HART Base ISA        : rv64imafdc', // QEMU: rv64imafdch
  'Boot HART MHPM Count      : 0', // QEMU: 16
  'Boot HART MIDELEG         : 0x0000000000000222', // QEMU: 0x1666
  'Boot HART MEDELEG         : 0x000000000000b109', // QEMU: 0xf0b509
];

describe.runIf(haveFirmware())('OpenSBI fw_jump + U-Boot on the virt machine', () => {
  it('boots to the U-Boot prompt and answers commands typed on the UART', async () => {
    const con = new Console(() => {}, { keepTranscript: true });
    const { virt } = bootVirt({
      bios: { name: FW_JUMP, bytes: readFileSync(FW_JUMP) },
      kernel: { name: UBOOT, bytes: readFileSync(UBOOT) },
      memSize: 128 * 1024 * 1024,
      console: con.putByte,
    });
    con.attach(virt.uart);
    const m = virt.machine;
    let promptAt = 0;
    // U-Boot's autoboot countdown is 2 s of simulated time (2e9 cycles): stop it with a key, as a
    // user would, then type the commands one prompt at a time.
    con.runScript([
      { expect: 'Hit any key to stop autoboot', send: ' ' },
      { expect: '=> ', send: 'version\r' },
      { expect: '=> ', send: 'bdinfo\r' },
      { expect: '=> ', send: 'fdt addr $fdtcontroladdr; fdt print /cpus\r' },
    ]);
    const r = await drive(virt, con, {
      maxInsns: 150_000_000,
      chunk: 100_000,
      until: () => {
        if (promptAt === 0 && con.output.includes('=> ')) promptAt = m.hart.instret;
        // Done when the last command has been typed and its output ends in a fresh prompt.
        return con.scriptPending === 0 && /\};\r?\n=> $/.test(con.output);
      },
    });
    const out = con.output.replace(/\r/g, '');
    expect(r.reason, out.slice(-2000)).toBe('done');

    const lines = new Set(out.split('\n').map((l) => l.trimEnd()));
    for (const l of [...SAME_AS_QEMU, ...DIFFERENT_FROM_QEMU]) expect(lines, l).toContain(l);

    expect(out).toContain('U-Boot 2023.01');
    expect(out).toContain('CPU:   rv64imafdc_zicsr_zifencei_sstc\n');
    expect(out).toContain('Model: riscv-virtio,qemu\n');
    expect(out).toContain('DRAM:  128 MiB\n');
    expect(out).toContain('In:    serial@10000000\n');
    // The reset ROM -> OpenSBI -> U-Boot took about 25 M instructions (QEMU: the same code).
    expect(promptAt).toBeGreaterThan(5_000_000);
    expect(promptAt).toBeLessThan(60_000_000);

    // `version`
    expect(out).toMatch(/=> version\nU-Boot 2023\.01[^\n]*\n\n[^\n]*gcc[^\n]*\n/);
    // `bdinfo`: the memory bank from /memory, the relocated U-Boot near the top of RAM.
    expect(out).toContain('-> start    = 0x0000000080000000\n');
    expect(out).toContain('-> size     = 0x0000000008000000\n');
    expect(out).toMatch(/relocaddr   = 0x0000000087f[0-9a-f]{5}\n/);
    expect(out).toContain('memory[0]\t[0x80000000-0x87ffffff], 0x08000000 bytes');
    // OpenSBI's own 512 KiB, reserved in the tree it passes on (the Domain0 Region01 above).
    expect(out).toContain('[0x80000000-0x8007ffff], 0x00080000 bytes');
    // `fdt print /cpus`: the tree U-Boot got from OpenSBI, which got it from our ROM.
    expect(out).toContain('timebase-frequency = <0x00989680>;');
    expect(out).toContain('riscv,isa = "rv64imafdc_zicsr_zifencei_sstc";');
    expect(out).toContain('mmu-type = "riscv,sv48";');
    expect(out).toContain('compatible = "riscv,cpu-intc";');
  }, 120_000);
});
