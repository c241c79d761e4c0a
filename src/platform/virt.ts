/**
 * rvsim's `virt` machine: a Machine with the devices of QEMU's `-M virt` at QEMU's addresses —
 * the reset ROM (0x1000), the sifive_test finisher (0x100000), the CLINT (0x2000000), the PLIC
 * (0xc000000) and the NS16550A UART (0x10000000, PLIC source 10) — plus Sstc, and the device
 * tree that describes them placed in RAM where QEMU 7.2 puts it.
 */
import { defineSstc, Sstc } from '../csr/sstc.js';
import { defineVstimecmp, VsTimecmp } from '../csr/vstimecmp.js';
import { Machine, type MachineOptions } from '../machine.js';
import { Ext } from '../rv64/hart.js';
import type { IsaConfig } from '../rv64/isa-string.js';
import { BootRom, BOOT_ROM_BASE, fdtLoadAddress } from './boot-rom.js';
import { Clint, CLINT_BASE } from './clint.js';
import type { Device } from './device.js';
import { Plic, PLIC_BASE } from './plic.js';
import { type PowerOffKind, SifiveTest, SIFIVE_TEST_BASE } from './sifive-test.js';
import { Uart16550, UART_BASE, UART_IRQ } from './uart16550.js';
import { buildVirtDtb } from './virt-dtb.js';

export interface VirtOptions extends MachineOptions {
  /** Receives each byte the guest transmits on the UART. Default: stdout. */
  console?: (byte: number) => void;
}

export interface VirtBootOptions {
  /** /chosen bootargs. */
  bootargs?: string;
  /** An initrd already in RAM: [start, end). */
  initrd?: { start: number; end: number };
  /** Where the reset ROM jumps (the firmware entry); QEMU: the start of RAM. */
  startAddr?: number;
  /** fw_dynamic_info.next_addr: the payload's entry (0 without one, as QEMU). */
  nextAddr?: number;
}

/**
 * The riscv,isa string of the device tree, in the canonical order QEMU writes it: single letters
 * in the order of the ISA manual's naming chapter (I M A F D Q C ... H), then the Z extensions, then
 * the S extensions. E.g. "rv64imafdc_zicsr_zifencei_sstc" (QEMU: "rv64imafdch_zicsr_zifencei_
 * zihintpause_zba_zbb_zbc_zbs_sstc"). Linux reads multi-letter extensions (sstc) from here;
 * OpenSBI reads misa instead.
 */
export function deviceTreeIsa(isa: IsaConfig, sExtensions: readonly string[]): string {
  const order: [string, number][] = [
    ['i', Ext.I],
    ['m', Ext.M],
    ['a', Ext.A],
    ['f', Ext.F],
    ['d', Ext.D],
    ['c', Ext.C],
    ['h', Ext.H],
  ];
  let s = 'rv64';
  for (const [ch, bit] of order) if (isa.ext & bit) s += ch;
  for (const z of ['Zicsr', 'Zifencei']) if (isa.names.has(z)) s += '_' + z.toLowerCase();
  for (const x of sExtensions) s += '_' + x;
  return s;
}

export class VirtMachine {
  readonly machine: Machine;
  readonly clint: Clint;
  readonly plic: Plic;
  readonly uart: Uart16550;
  readonly sstc: Sstc;
  /** How the guest powered off through sifive_test, once it has. */
  powerOff: PowerOffKind | null = null;
  /** The DTB and where it sits in RAM (after setupBoot). */
  dtb: Uint8Array | null = null;
  dtbAddr = 0;
  readonly memSize: number;
  private readonly mtime = new Int32Array(2);

  constructor(readonly opts: VirtOptions = {}) {
    const m = new Machine(opts);
    this.machine = m;
    this.memSize = m.ram.size;
    const h = m.hart;
    const sink = m.irq;

    this.clint = new Clint({ now: () => m.timeNow() }, [sink]);
    // The time CSR reads the CLINT's mtime (an mtime write moves both, as on QEMU).
    m.csr.timeNow = () => this.readMtime();
    m.timers.push(this.clint);
    m.bus.add(CLINT_BASE, endsSliceOnWrite(this.clint, () => h.endSlice()));

    this.sstc = new Sstc(m.csr, () => this.readMtime(), () => m.timeNow(), sink);
    defineSstc(m.csr, this.sstc);
    m.timers.push(this.sstc);
    if (h.ext & Ext.H) {
      // Sstc's VS-level timer: vstimecmp and henvcfg.STCE.
      const vst = new VsTimecmp(m.csr, () => this.readMtime(), () => m.timeNow(), sink);
      defineVstimecmp(m.csr, vst);
      m.timers.push(vst);
    }

    this.plic = new Plic([sink]);
    m.bus.add(PLIC_BASE, this.plic);

    const out = opts.console ?? ((b: number) => process.stdout.write(Uint8Array.of(b)));
    this.uart = new Uart16550(out, (level) => this.plic.setSource(UART_IRQ, level));
    m.bus.add(UART_BASE, this.uart);

    m.bus.add(
      SIFIVE_TEST_BASE,
      new SifiveTest((kind, code) => {
        this.powerOff = kind;
        // pass -> 0, fail -> the code (as QEMU's exit(code)), reset -> stop with 0 (rvsim does not reset).
        m.exitCode = kind === 'fail' ? code : 0;
        h.endSlice();
      }),
    );
  }

  /** The `riscv,isa` the device tree carries for this machine. */
  get dtIsa(): string {
    // Multi-letter S extensions in canonical (alphabetical) order.
    return deviceTreeIsa(this.machine.isa, ['sstc', ...(this.machine.isa.names.has('Svadu') ? ['svadu'] : [])]);
  }

  /**
   * Builds the device tree, writes it where QEMU would, maps the reset ROM and points the hart at
   * it (M-mode, pc = 0x1000). Call once, after the images are in RAM.
   */
  setupBoot(o: VirtBootOptions = {}): void {
    const m = this.machine;
    const dtb = buildVirtDtb({
      isa: this.dtIsa,
      ramBase: m.ram.base,
      ramSize: m.ram.size,
      bootargs: o.bootargs,
      initrd: o.initrd,
    });
    const addr = fdtLoadAddress(m.ram.base, m.ram.size, dtb.length);
    m.mmu.writePhys(addr, dtb);
    this.dtb = dtb;
    this.dtbAddr = addr;
    m.bus.add(
      BOOT_ROM_BASE,
      new BootRom({ startAddr: o.startAddr ?? m.ram.base, fdtAddr: addr, nextAddr: o.nextAddr ?? 0 }),
    );
    m.hart.pc = BigInt(BOOT_ROM_BASE);
  }

  /** Starts the hart at `entry` with the registers the reset ROM would have set: a0 = hartid, a1 = DTB. */
  startAt(entry: bigint): void {
    const h = this.machine.hart;
    h.pc = entry;
    h.setX(10, 0n);
    h.setX(11, BigInt(this.dtbAddr));
  }

  private readMtime(): number {
    this.clint.readMtime(this.mtime);
    return (this.mtime[1] >>> 0) * 0x100000000 + (this.mtime[0] >>> 0);
  }
}

/** A device whose register writes end the execution slice (they may move the next timer event). */
function endsSliceOnWrite(d: Device, endSlice: () => void): Device {
  return {
    name: d.name,
    size: d.size,
    read: (offset, size) => d.read(offset, size),
    write: (offset, size, value) => {
      d.write(offset, size, value);
      endSlice();
    },
    tick: d.tick?.bind(d),
    getState: d.getState?.bind(d),
    setState: d.setState?.bind(d),
  };
}
