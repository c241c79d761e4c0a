/**
 * A guest's own device tree: its RAM, one hart (with the ISA the hypervisor offers), its timer's
 * timebase, its virtual NS16550A UART, and /chosen with the bootargs and stdout-path. The UART's
 * interrupt reaches the guest as its supervisor external interrupt through hvip.VSEIP, so the
 * UART names the hart's interrupt controller (irq 9) as its parent; there is no PLIC in a guest.
 */
import { buildFdt, cells, empty, node, split64, str, u32 } from '../platform/fdt.js';
import { TIMEBASE_FREQUENCY } from '../platform/virt-dtb.js';
import { GUEST_RAM_BASE, GUEST_UART_BASE, GUEST_UART_SIZE } from './vm.js';

const PH_CPU0 = 1;
const PH_INTC = 2;
/** The supervisor external interrupt, as the guest sees it (mip bit 9). */
const SEI = 9;
const UART_CLOCK = 0x384000;

export interface GuestDtbOptions {
  isa: string;
  memSize: number;
  bootargs?: string;
}

const hex = (n: number): string => n.toString(16);

export function buildGuestDtb(o: GuestDtbOptions): Uint8Array {
  const reg = (base: number, size: number) => cells(...split64(base), ...split64(size));
  const chosen: Record<string, Uint8Array> = { 'stdout-path': str(`/soc/serial@${hex(GUEST_UART_BASE)}`) };
  if (o.bootargs !== undefined) chosen.bootargs = str(o.bootargs);
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
        node(`serial@${hex(GUEST_UART_BASE)}`, {
          'interrupts-extended': cells(PH_INTC, SEI),
          'clock-frequency': u32(UART_CLOCK),
          reg: reg(GUEST_UART_BASE, GUEST_UART_SIZE),
          compatible: str('ns16550a'),
        }),
      ]),
    ],
  );
  return buildFdt(root);
}
