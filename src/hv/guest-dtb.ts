/**
 * A guest's own device tree: its RAM, one hart (with the ISA the hypervisor offers), its timer's
 * timebase, its virtual PLIC and NS16550A UART (source 10) at virt's addresses, and /chosen with
 * the bootargs and stdout-path. The PLIC's contexts are listed as QEMU lists them (M then S) so a
 * kernel written for virt finds its S context at 1; that context drives hvip.VSEIP.
 */
import { buildFdt, cells, empty, node, split64, str, stringList, u32, u64 } from '../platform/fdt.js';
import { TIMEBASE_FREQUENCY } from '../platform/virt-dtb.js';
import { PLIC_NDEV } from '../platform/plic.js';
import { UART_IRQ } from '../platform/uart16550.js';
import { GUEST_PLIC_BASE, GUEST_PLIC_SIZE, GUEST_RAM_BASE, GUEST_UART_BASE, GUEST_UART_SIZE } from './vm.js';

const PH_CPU0 = 1;
const PH_INTC = 2;
const PH_PLIC = 3;
/** The machine and supervisor external interrupts (mip bits 11 and 9), as QEMU's tree lists them. */
const MEI = 11;
const SEI = 9;
const UART_CLOCK = 0x384000;

export interface GuestDtbOptions {
  isa: string;
  memSize: number;
  bootargs?: string;
  /** Guest-physical [start, end) of an initrd in its RAM. */
  initrd?: { start: number; end: number };
}

const hex = (n: number): string => n.toString(16);

export function buildGuestDtb(o: GuestDtbOptions): Uint8Array {
  const reg = (base: number, size: number) => cells(...split64(base), ...split64(size));
  const chosen: Record<string, Uint8Array> = { 'stdout-path': str(`/soc/serial@${hex(GUEST_UART_BASE)}`) };
  if (o.bootargs !== undefined) chosen.bootargs = str(o.bootargs);
  if (o.initrd !== undefined) {
    chosen['linux,initrd-start'] = u64(o.initrd.start);
    chosen['linux,initrd-end'] = u64(o.initrd.end);
  }
  const root = node(
    '',
    { '#address-cells': u32(2), '#size-cells': u32(2), compatible: str('rvsim,hv-guest'), model: str('rvsim hypervisor guest') },
    [
      node('chosen', chosen),
      node(`memory@${hex(GUEST_RAM_BASE)}`, { device_type: str('memory'), reg: reg(GUEST_RAM_BASE, o.memSize) }),
      node('cpus', { '#address-cells': u32(1), '#size-cells': u32(0), 'timebase-frequency': u32(TIMEBASE_FREQUENCY) }, [
        node(
          'cpu@0',
          {
            phandle: u32(PH_CPU0),
            device_type: str('cpu'),
            reg: u32(0),
            status: str('okay'),
            compatible: str('riscv'),
            'riscv,isa': str(o.isa),
            'mmu-type': str('riscv,sv48'),
          },
          [
            node('interrupt-controller', {
              '#interrupt-cells': u32(1),
              'interrupt-controller': empty(),
              compatible: str('riscv,cpu-intc'),
              phandle: u32(PH_INTC),
            }),
          ],
        ),
      ]),
      node('soc', { '#address-cells': u32(2), '#size-cells': u32(2), compatible: str('simple-bus'), ranges: empty() }, [
        node(`plic@${hex(GUEST_PLIC_BASE)}`, {
          phandle: u32(PH_PLIC),
          'riscv,ndev': u32(PLIC_NDEV),
          reg: reg(GUEST_PLIC_BASE, GUEST_PLIC_SIZE),
          'interrupts-extended': cells(PH_INTC, MEI, PH_INTC, SEI),
          'interrupt-controller': empty(),
          compatible: stringList('sifive,plic-1.0.0', 'riscv,plic0'),
          '#address-cells': u32(0),
          '#interrupt-cells': u32(1),
        }),
        node(`serial@${hex(GUEST_UART_BASE)}`, {
          interrupts: u32(UART_IRQ),
          'interrupt-parent': u32(PH_PLIC),
          'clock-frequency': u32(UART_CLOCK),
          reg: reg(GUEST_UART_BASE, GUEST_UART_SIZE),
          compatible: str('ns16550a'),
        }),
      ]),
    ],
  );
  return buildFdt(root);
}
