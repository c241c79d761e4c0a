/**
 * The virt machine's wiring (src/platform/virt.ts, virt-boot.ts): each device at QEMU's address and
 * connected to the hart, the reset ROM's register hand-over, the DTB and initrd placement, and
 * Sstc (src/csr/sstc.ts). The devices themselves are unit-tested in test/platform.
 */
import { describe, expect, it } from 'vitest';
import { Ip, val } from '../../src/csr/csr-file.js';
import { Machine } from '../../src/machine.js';
import { findNode, parseFdt, propCells, propStrings } from '../../src/platform/fdt-reader.js';
import { bootVirt, type VirtBoot } from '../../src/platform/virt-boot.js';
import { deviceTreeIsa } from '../../src/platform/virt.js';
import { Priv } from '../../src/rv64/hart.js';
import { parseIsa } from '../../src/rv64/isa-string.js';
import { Cause, HostError } from '../../src/rv64/trap.js';
import { addi, auipc, code, csrrs, csrrw, jal, ld, lui, sb, sd, slli, sw, wfi, X } from './asm.js';

const MiB = 1024 * 1024;
const CSR = { mstatus: 0x300, mie: 0x304, mtvec: 0x305, mcounteren: 0x306, menvcfg: 0x30a, mip: 0x344, time: 0xc01, stimecmp: 0x14d };
const { zero, t0, t1, t2, a0 } = X;

/** Boots a raw program as the firmware at 0x80000000 (pc at the reset ROM), console captured. */
function boot(words: number[], extra: { memSize?: number } = {}): VirtBoot & { out: number[] } {
  const out: number[] = [];
  const b = bootVirt({ bios: { name: 'prog', bytes: code(...words) }, memSize: extra.memSize ?? 128 * MiB, console: (c) => out.push(c) });
  return { ...b, out };
}

/** t0 = 0x100000 (sifive_test); then write `value` there (t1). */
function finisher(value: number): number[] {
  return [lui(t0, 0x100), lui(t1, (value + 0x800) >>> 12), addi(t1, t1, ((value & 0xfff) << 20) >> 20), sw(t1, t0, 0), jal(zero, 0)];
}

/** Reads a CSR through the CSR file, as a CSR instruction at the current privilege would. */
function csrRead(m: Machine, addr: number): bigint | 'illegal' {
  const e = m.csr.lookup(addr, false);
  if (typeof e === 'number') return 'illegal';
  e.read(m.hart);
  return (BigInt(val[1] >>> 0) << 32n) | BigInt(val[0] >>> 0);
}

function csrWrite(m: Machine, addr: number, v: bigint): 'ok' | 'illegal' {
  const e = m.csr.lookup(addr, true);
  if (typeof e === 'number') return 'illegal';
  e.write!(m.hart, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
  return 'ok';
}

/**
 * A program that arms a timer, enables its interrupt (MTIE or STIE, not delegated so M-mode takes
 * it), sleeps in WFI and records `time` in a0 in the handler. `arm` sets up the compare register.
 */
function timerProgram(arm: number[], mieBit: number): number[] {
  const body = [
    ...arm,
    addi(t1, zero, mieBit),
    csrrs(zero, CSR.mie, t1),
    addi(t1, zero, 8),
    csrrs(zero, CSR.mstatus, t1), // MIE
    wfi(),
    jal(zero, 0),
  ];
  // handler right after: a0 = time; power off
  const handlerAt = 4 * (3 + body.length);
  return [auipc(t2, 0), addi(t2, t2, handlerAt), csrrw(zero, CSR.mtvec, t2), ...body, csrrs(a0, CSR.time, zero), ...finisher(0x5555)];
}

describe('virt: reset ROM and device tree', () => {
  it('starts at 0x1000 and enters the firmware with a0 = hartid, a1 = DTB, a2 = fw_dynamic_info', () => {
    const { virt } = boot([jal(zero, 0)]);
    const m = virt.machine;
    expect(m.hart.pc).toBe(0x1000n);
    m.run(7); // the ROM's six instructions, then one turn of the loop
    expect(m.hart.pc).toBe(0x80000000n);
    expect(m.hart.priv).toBe(Priv.M);
    expect(m.hart.getX(10)).toBe(0n);
    // QEMU 7.2 with 128 MiB: the DTB at 0x87e00000 (reference README).
    expect(m.hart.getX(11)).toBe(0x87e00000n);
    expect(virt.dtbAddr).toBe(0x87e00000);
    expect(m.hart.getX(12)).toBe(0x1028n);
    expect([...m.mmu.readPhys(0x87e00000, 4)]).toEqual([0xd0, 0x0d, 0xfe, 0xed]);
  });

  it('describes the machine: ISA with sstc, RAM size, bootargs, initrd where QEMU puts it', () => {
    const initrd = new Uint8Array(4096).fill(0xa5);
    const b = bootVirt({
      bios: { name: 'fw', bytes: code(jal(zero, 0)) },
      kernel: { name: 'k', bytes: code(jal(zero, 0)) },
      initrd: { name: 'rd', bytes: initrd },
      append: 'console=ttyS0 earlycon',
      memSize: 128 * MiB,
      console: () => {},
    });
    const root = parseFdt(b.virt.dtb!);
    const cpu = findNode(root, '/cpus/cpu@0')!;
    expect(propStrings(cpu.props['riscv,isa'])).toEqual(['rv64imafdch_zicsr_zifencei_sstc']);
    expect(propCells(findNode(root, '/memory@80000000')!.props.reg)).toEqual([0, 0x80000000, 0, 128 * MiB]);
    const chosen = findNode(root, '/chosen')!;
    expect(propStrings(chosen.props.bootargs)).toEqual(['console=ttyS0 earlycon']);
    // A raw kernel goes to the firmware's end rounded up to 2 MiB; the initrd to kernel + min(RAM/2, 128 MiB).
    expect(b.kernel!.entry).toBe(0x80200000);
    const start = 0x80200000 + 64 * MiB;
    expect(propCells(chosen.props['linux,initrd-start'])).toEqual([0, start]);
    expect(propCells(chosen.props['linux,initrd-end'])).toEqual([0, start + 4096]);
    expect([...b.virt.machine.mmu.readPhys(start, 4)]).toEqual([0xa5, 0xa5, 0xa5, 0xa5]);
    // fw_dynamic_info.next_addr in the ROM = the kernel entry.
    expect(b.virt.machine.bus.readIo(0x1000 + 0x28 + 16, 4)).toBe(0x80200000);
  });

  it('places the initrd at +128 MiB with 512 MiB of RAM, and refuses one that does not fit', () => {
    const k = { name: 'k', bytes: code(jal(zero, 0)) };
    const fw = { name: 'fw', bytes: code(jal(zero, 0)) };
    const b = bootVirt({ bios: fw, kernel: k, initrd: { name: 'rd', bytes: new Uint8Array(16) }, memSize: 512 * MiB, console: () => {} });
    expect(b.initrd).toEqual({ start: 0x80200000 + 128 * MiB, end: 0x80200000 + 128 * MiB + 16 });
    expect(() => bootVirt({ bios: fw, kernel: k, initrd: { name: 'rd', bytes: new Uint8Array(70 * MiB) }, memSize: 128 * MiB, console: () => {} })).toThrow(HostError);
  });

  it('writes riscv,isa in canonical order from the ISA string', () => {
    expect(deviceTreeIsa(parseIsa('rv64gc'), ['sstc'])).toBe('rv64imafdc_zicsr_zifencei_sstc');
    expect(deviceTreeIsa(parseIsa('rv64imac'), [])).toBe('rv64imac_zicsr_zifencei');
  });
});

describe('virt: devices reached by programs', () => {
  it('sifive_test: 0x5555 powers off with 0, (code << 16) | 0x3333 with code', () => {
    const pass = boot(finisher(0x5555));
    expect(pass.virt.machine.run(1000)).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(pass.virt.powerOff).toBe('pass');
    const fail = boot(finisher((42 << 16) | 0x3333));
    expect(fail.virt.machine.run(1000)).toMatchObject({ reason: 'exit', exitCode: 42 });
    expect(fail.virt.powerOff).toBe('fail');
    const reset = boot(finisher(0x7777));
    expect(reset.virt.machine.run(1000)).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(reset.virt.powerOff).toBe('reset');
  });

  it('UART: bytes stored to 0x10000000 reach the console', () => {
    const b = boot([lui(t0, 0x10000), addi(t1, zero, 0x68), sb(t1, t0, 0), addi(t1, zero, 0x69), sb(t1, t0, 0), ...finisher(0x5555)]);
    b.virt.machine.run(1000);
    expect(String.fromCharCode(...b.out)).toBe('hi');
  });

  it('the time CSR reads the CLINT mtime, and follows an mtime write', () => {
    // t0 = 0x200c000; mtime is at 0x200bff8. Write 0x12345000, then read it back both ways.
    const b = boot([lui(t0, 0x200c), lui(t1, 0x12345), sd(t1, t0, -8), csrrs(t2, CSR.time, zero), ld(a0, t0, -8), jal(zero, 0)]);
    const m = b.virt.machine;
    m.run(11);
    expect(m.hart.getX(t2)).toBe(0x12345000n);
    expect(m.hart.getX(a0)).toBe(0x12345000n);
    // 100 cycles per tick (machine.ts): after 1000 more instructions, 10 more ticks on both.
    m.run(1000);
    expect(csrRead(m, CSR.time)).toBe(0x12345000n + 10n);
  });

  it('CLINT: mtimecmp wakes WFI exactly at its time; the idle time is skipped, not executed', () => {
    // mtimecmp[0] at 0x2004000 = 1000 ticks.
    const b = boot(timerProgram([lui(t0, 0x2004), addi(t1, zero, 1000), sd(t1, t0, 0)], Ip.MTI));
    const m = b.virt.machine;
    expect(m.run(10_000)).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(m.hart.getX(a0)).toBe(1000n);
    expect(m.hart.instret).toBeLessThan(100);
    expect(csrRead(m, 0x342)).toBe((1n << 63n) | 7n); // mcause: machine timer interrupt
  });

  it('PLIC: a UART receive interrupt reaches MEIP (context 0) and SEIP (context 1)', () => {
    const { virt } = boot([jal(zero, 0)]);
    const bus = virt.machine.bus;
    bus.writeIo(0xc000000 + 4 * 10, 4, 1); // priority of source 10
    bus.writeIo(0xc002000, 4, 1 << 10); // context 0 (M) enables source 10
    bus.writeIo(0xc002080, 4, 1 << 10); // context 1 (S)
    bus.writeIo(0x10000001, 1, 1); // UART IER: receive data available
    expect(virt.machine.csr.mip & (Ip.MEI | Ip.SEI)).toBe(0);
    virt.uart.pushInput([0x41]);
    expect(virt.machine.csr.mip & (Ip.MEI | Ip.SEI)).toBe(Ip.MEI | Ip.SEI);
    expect(bus.readIo(0xc200004, 4)).toBe(10); // claim
    expect(bus.readIo(0x10000000, 1)).toBe(0x41);
    bus.writeIo(0xc200004, 4, 10); // complete
    expect(virt.machine.csr.mip & (Ip.MEI | Ip.SEI)).toBe(0);
  });
});

// Privileged spec, chapter "Sstc" (v1.12+): stimecmp (0x14d), menvcfg.STCE (bit 63).
describe('Sstc', () => {
  const STCE = 1n << 63n;

  it('menvcfg.STCE is writable only on a machine with Sstc', () => {
    const plain = new Machine({ memSize: MiB });
    csrWrite(plain, CSR.menvcfg, STCE | 1n);
    expect(csrRead(plain, CSR.menvcfg)).toBe(1n);
    expect(plain.csr.lookup(CSR.stimecmp, false)).toBe(Cause.IllegalInsn);
    const { virt } = boot([jal(zero, 0)]);
    csrWrite(virt.machine, CSR.menvcfg, STCE | 1n);
    expect(csrRead(virt.machine, CSR.menvcfg)).toBe(STCE | 1n);
  });

  it('S-mode may access stimecmp only with mcounteren.TM = 1 and menvcfg.STCE = 1; M-mode always', () => {
    const m = boot([jal(zero, 0)]).virt.machine;
    expect(csrWrite(m, CSR.stimecmp, 5n)).toBe('ok');
    m.hart.priv = Priv.S;
    for (const [tm, stce, ok] of [[0n, 0n, false], [2n, 0n, false], [0n, STCE, false], [2n, STCE, true]] as const) {
      m.hart.priv = Priv.M;
      csrWrite(m, CSR.mcounteren, tm);
      csrWrite(m, CSR.menvcfg, stce);
      m.hart.priv = Priv.S;
      expect(csrRead(m, CSR.stimecmp), `TM=${tm} STCE=${stce}`).toBe(ok ? 5n : 'illegal');
    }
  });

  it('with STCE = 1, STIP is time >= stimecmp and read-only in mip; with STCE = 0 software owns it', () => {
    const m = boot([jal(zero, 0)]).virt.machine;
    const stip = () => (m.csr.mip & Ip.STI) !== 0;
    csrWrite(m, CSR.stimecmp, 0n); // already reached, but STCE = 0: no effect
    m.run(1); // the machine re-evaluates its timers between slices
    expect(stip()).toBe(false);
    csrWrite(m, CSR.mip, BigInt(Ip.STI));
    expect(stip()).toBe(true); // software-writable
    csrWrite(m, CSR.mip, 0n);
    csrWrite(m, CSR.menvcfg, STCE);
    expect(stip()).toBe(true); // time (0) >= stimecmp (0)
    csrWrite(m, CSR.mip, 0n);
    expect(stip()).toBe(true); // read-only now
    csrWrite(m, CSR.stimecmp, 300n);
    expect(stip()).toBe(false);
    m.run(300 * 100 - 50); // just before tick 300
    expect(stip()).toBe(false);
    m.run(100);
    expect(stip()).toBe(true);
    csrWrite(m, CSR.menvcfg, 0n);
    expect(stip()).toBe(false);
  });

  it('stimecmp wakes WFI at its time, measured on mtime (which software may have moved)', () => {
    const menvcfgStce = [addi(t1, zero, 1), slli(t1, t1, 63), csrrs(zero, CSR.menvcfg, t1)];
    // mtime := 5000, then stimecmp := 5700: the interrupt comes 700 ticks later.
    const arm = [lui(t0, 0x200c), lui(t1, 1), addi(t1, t1, 5000 - 4096), sd(t1, t0, -8), ...menvcfgStce, lui(t1, 1), addi(t1, t1, 5700 - 4096), csrrw(zero, CSR.stimecmp, t1)];
    const b = boot(timerProgram(arm, Ip.STI));
    const m = b.virt.machine;
    expect(m.run(10_000)).toMatchObject({ reason: 'exit', exitCode: 0 });
    expect(m.hart.getX(a0)).toBe(5700n);
    expect(csrRead(m, 0x342)).toBe((1n << 63n) | 5n); // supervisor timer interrupt, taken in M
    expect(m.timeNow()).toBeGreaterThanOrEqual(700);
    expect(m.timeNow()).toBeLessThan(702);
  });
});
