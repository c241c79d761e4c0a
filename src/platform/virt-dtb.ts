import { HostError } from '../rv64/trap.js';
import { CLINT_BASE, CLINT_SIZE } from './clint.js';
import { buildFdt, cells, empty, node, split64, str, stringList, u32, u64, type FdtNode } from './fdt.js';
import { MipBit } from './irq.js';
import { PLIC_BASE, PLIC_NDEV, PLIC_SIZE } from './plic.js';
import { SIFIVE_TEST_BASE, SIFIVE_TEST_SIZE, FINISHER_PASS, FINISHER_RESET } from './sifive-test.js';
import { UART_BASE, UART_IRQ, UART_SIZE } from './uart16550.js';

export const RAM_BASE = 0x80000000;
export const TIMEBASE_FREQUENCY = 10_000_000;
/** The UART input clock QEMU declares (3.6864 MHz). */
const UART_CLOCK = 0x384000;

export interface VirtDtbOptions {
  /** riscv,isa of cpu@0, e.g. "rv64imafdch_zicsr_zifencei_zihintpause_sstc". */
  isa: string;
  /** mmu-type of cpu@0; QEMU's default is "riscv,sv48". */
  mmuType?: string;
  ramBase?: number;
  ramSize: number;
  /** /chosen bootargs (the kernel command line); omitted when undefined. */
  bootargs?: string;
  /** Physical address range [start, end) of an initrd already placed in RAM. */
  initrd?: { start: number; end: number };
  timebaseFrequency?: number;
}

// Phandles as QEMU numbers them, so that dumps of both trees line up.
const PH_CPU0 = 1;
const PH_CPU0_INTC = 2;
const PH_PLIC = 3;
const PH_TEST = 4;

/** A `reg` of one region with #address-cells = #size-cells = 2. */
function reg64(base: number, size: number): Uint8Array {
  return cells(...split64(base), ...split64(size));
}

/**
 * The device tree of rvsim's `virt` machine: QEMU 7.2's virt tree for one hart (see
 * /work/shared/reference/qemu-virt-h.dts), with the same memory map, compatible strings, interrupt
 * numbers and phandles, restricted to what rvsim emulates. Left out because rvsim has no such
 * device: the virtio-mmio slots, the PCIe host, the CFI flash, the goldfish RTC, fw-cfg, the
 * (empty) platform bus and the PMU event map; /chosen has no rng-seed (it would need entropy).
 */
export function virtDeviceTree(opts: VirtDtbOptions): FdtNode {
  const ramBase = opts.ramBase ?? RAM_BASE;
  if (!/^rv64[a-z0-9_]+$/.test(opts.isa)) throw new HostError(`virt-dtb: bad ISA string "${opts.isa}"`);

  const chosen: Record<string, Uint8Array> = {};
  if (opts.bootargs !== undefined) chosen.bootargs = str(opts.bootargs);
  chosen['stdout-path'] = str(`/soc/serial@${hex(UART_BASE)}`);
  if (opts.initrd !== undefined) {
    if (opts.initrd.end < opts.initrd.start) throw new HostError('virt-dtb: initrd ends before it starts');
    chosen['linux,initrd-start'] = u64(opts.initrd.start);
    chosen['linux,initrd-end'] = u64(opts.initrd.end);
  }

  const cpu0 = node(
    'cpu@0',
    {
      phandle: u32(PH_CPU0),
      device_type: str('cpu'),
      reg: u32(0),
      status: str('okay'),
      compatible: str('riscv'),
      'riscv,isa': str(opts.isa),
      'mmu-type': str(opts.mmuType ?? 'riscv,sv48'),
    },
    [
      node('interrupt-controller', {
        '#interrupt-cells': u32(1),
        'interrupt-controller': empty(),
        compatible: str('riscv,cpu-intc'),
        phandle: u32(PH_CPU0_INTC),
      }),
    ],
  );

  const soc = node(
    'soc',
    {
      '#address-cells': u32(2),
      '#size-cells': u32(2),
      compatible: str('simple-bus'),
      ranges: empty(),
    },
    [
      node(`serial@${hex(UART_BASE)}`, {
        interrupts: u32(UART_IRQ),
        'interrupt-parent': u32(PH_PLIC),
        'clock-frequency': u32(UART_CLOCK),
        reg: reg64(UART_BASE, UART_SIZE),
        compatible: str('ns16550a'),
      }),
      node(`test@${hex(SIFIVE_TEST_BASE)}`, {
        phandle: u32(PH_TEST),
        reg: reg64(SIFIVE_TEST_BASE, SIFIVE_TEST_SIZE),
        compatible: stringList('sifive,test1', 'sifive,test0', 'syscon'),
      }),
      node(`plic@${hex(PLIC_BASE)}`, {
        phandle: u32(PH_PLIC),
        'riscv,ndev': u32(PLIC_NDEV),
        reg: reg64(PLIC_BASE, PLIC_SIZE),
        'interrupts-extended': cells(PH_CPU0_INTC, MipBit.MEIP, PH_CPU0_INTC, MipBit.SEIP),
        'interrupt-controller': empty(),
        compatible: stringList('sifive,plic-1.0.0', 'riscv,plic0'),
        '#address-cells': u32(0),
        '#interrupt-cells': u32(1),
      }),
      node(`clint@${hex(CLINT_BASE)}`, {
        'interrupts-extended': cells(PH_CPU0_INTC, MipBit.MSIP, PH_CPU0_INTC, MipBit.MTIP),
        reg: reg64(CLINT_BASE, CLINT_SIZE),
        compatible: stringList('sifive,clint0', 'riscv,clint0'),
      }),
    ],
  );

  return node(
    '',
    {
      '#address-cells': u32(2),
      '#size-cells': u32(2),
      compatible: str('riscv-virtio'),
      model: str('riscv-virtio,qemu'),
    },
    [
      node('chosen', chosen),
      node('poweroff', {
        value: u32(FINISHER_PASS),
        offset: u32(0),
        regmap: u32(PH_TEST),
        compatible: str('syscon-poweroff'),
      }),
      node('reboot', {
        value: u32(FINISHER_RESET),
        offset: u32(0),
        regmap: u32(PH_TEST),
        compatible: str('syscon-reboot'),
      }),
      node(`memory@${hex(ramBase)}`, {
        device_type: str('memory'),
        reg: reg64(ramBase, opts.ramSize),
      }),
      node(
        'cpus',
        {
          '#address-cells': u32(1),
          '#size-cells': u32(0),
          'timebase-frequency': u32(opts.timebaseFrequency ?? TIMEBASE_FREQUENCY),
        },
        [cpu0, node('cpu-map', {}, [node('cluster0', {}, [node('core0', { cpu: u32(PH_CPU0) })])])],
      ),
      soc,
    ],
  );
}

/** The DTB of rvsim's `virt` machine. */
export function buildVirtDtb(opts: VirtDtbOptions): Uint8Array {
  return buildFdt(virtDeviceTree(opts));
}

function hex(n: number): string {
  return n.toString(16);
}
