/**
 * Real firmware on rvsim's virt machine: Debian's OpenSBI 1.1 fw_jump with Debian's S-mode U-Boot
 * 2023.01 as its payload, driven through the UART as a user would (QEMU equivalent:
 * `qemu-system-riscv64 -M virt -nographic -bios fw_jump.elf -kernel u-boot.bin`).
 *
 * Differences from QEMU 7.2's output (/work/shared/reference/qemu-opensbi-uboot.log), all expected:
 *  - OpenSBI "Boot HART Base ISA": rv64imafdch as QEMU with the default ISA (OpenSBI prints misa;
 *    with --isa without h it reads rv64imafdc).
 *  - "Boot HART MHPM Count": 0, QEMU 16 — OpenSBI counts the mhpmcounters that keep a written value;
 *    rvsim's are read-only zero (legal: privileged spec §3.1.10 allows any to be read-only zero),
 *    QEMU's 7.2 default has 16 writable ones.
 *  - "Boot HART MIDELEG": 0x666, QEMU 0x1666 — with H, mideleg bits 2/6/10 (VSSIP/VSTIP/VSEIP)
 *    read as one; bit 12 (SGEIP) reads as one only when GEILEN > 0 (privileged spec 21.2.2 /
 *    3.1.8): rvsim has no guest external interrupt files (GEILEN = 0), QEMU 7.2 has some. Without
 *    H the value is 0x222.
 *  - "Boot HART MEDELEG": 0xf0b509 as QEMU; without H 0xb109 (ecall-from-VS (10) and the
 *    guest-page faults / virtual-instruction exception (20-23) exist only with H).
 *  - U-Boot "CPU:" prints the device tree's riscv,isa: ours lists what rvsim implements
 *    (rv64imafdch_zicsr_zifencei_sstc), QEMU adds zihintpause, zba/zbb/zbc/zbs.
 *  - U-Boot "Core: 14 devices, 10 uclasses" (QEMU 25, 12) and no "Flash: 32 MiB" line: rvsim's tree
 *    has no virtio-mmio slots, PCIe host, CFI flash, RTC or fw-cfg.
 *  - "Working FDT set to" differs (877362d0 vs 87735950): our smaller DTB lands U-Boot's copy elsewhere.
 * Everything else in the OpenSBI banner (platform, devices, domain layout, PMP, Priv v1.12, the
 * "time,sstc" extensions) is identical.
 */
import { readFileSync } from 'node:fs';
import { val } from '../../src/csr/csr-file.js';
import type { Machine } from '../../src/machine.js';
import { describe, expect, it } from 'vitest';
import { Console } from '../../src/platform/console.js';
import { drive } from '../../src/platform/interactive.js';
import { bootVirt } from '../../src/platform/virt-boot.js';
import { FW_JUMP, haveFirmware, UBOOT_SMODE as UBOOT } from './firmware.js';

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

/**
 * The lines that differ from QEMU's, computed from the machine so that they follow rvsim's ISA and
 * counters (see the header comment for why they differ). With rvsim's default ISA they read:
 * Base ISA rv64imafdch (as QEMU), MHPM Count 0 (QEMU 16), MIDELEG 0x666 (QEMU 0x1666),
 * MEDELEG 0xf0b509 (as QEMU).
 */
function machineDependentLines(m: Machine): string[] {
  const misa = m.csr.misaLo;
  const letters = [...'imafdqch'].filter((ch) => misa & (1 << (ch.charCodeAt(0) - 97))).join('');
  const h = (misa & (1 << 7)) !== 0;
  return [
    `Boot HART Base ISA        : rv64${letters}`,
    `Boot HART MHPM Count      : ${mhpmCount(m)}`,
    // OpenSBI delegates SSIP, STIP, SEIP; with H, VSSIP/VSTIP/VSEIP read as one (SGEIP too, but
    // only when GEILEN > 0, which rvsim does not implement) ...
    `Boot HART MIDELEG         : 0x${(h ? 0x666 : 0x222).toString(16).padStart(16, '0')}`,
    // ... and misaligned fetch, breakpoint, U-ecall, the page faults (+ VS-ecall, guest-page
    // faults and virtual instruction with H).
    `Boot HART MEDELEG         : 0x${(h ? 0xf0b509 : 0xb109).toString(16).padStart(16, '0')}`,
  ];
}

/** OpenSBI 1.1's probe (sbi_hart.c): mhpmcounter3, 4, ... counted while each keeps a written 1. */
function mhpmCount(m: Machine): number {
  let n = 0;
  for (let c = 3; c < 32; c++) {
    const e = m.csr.lookup(0xb00 + c, true);
    if (typeof e === 'number') break;
    e.write!(m.hart, 1, 0);
    e.read(m.hart);
    if (val[0] !== 1 || val[1] !== 0) break;
    e.write!(m.hart, 0, 0);
    n++;
  }
  return n;
}

describe.runIf(haveFirmware(FW_JUMP, UBOOT))('OpenSBI fw_jump + U-Boot on the virt machine', () => {
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
    for (const l of [...SAME_AS_QEMU, ...machineDependentLines(m)]) expect(lines, l).toContain(l);

    expect(out).toContain('U-Boot 2023.01');
    expect(out).toContain(`CPU:   ${virt.dtIsa}\n`);
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
    expect(out).toContain(`riscv,isa = "${virt.dtIsa}";`);
    expect(out).toContain('mmu-type = "riscv,sv48";');
    expect(out).toContain('compatible = "riscv,cpu-intc";');
  }, 120_000);
});
