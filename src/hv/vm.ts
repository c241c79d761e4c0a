/**
 * The virtual-machine control block: one guest's vCPU, its memory assignment and G-stage tables,
 * its VMID, its virtual devices, its state in the scheduler and its exit statistics.
 */
import type { Device } from '../platform/device.js';
import { MipBit } from '../platform/irq.js';
import { Plic, PLIC_BASE, PLIC_SIZE } from '../platform/plic.js';
import { Uart16550, UART_BASE, UART_IRQ, UART_SIZE } from '../platform/uart16550.js';
import type { GStageTables } from './gstage.js';
import { Vcpu } from './vcpu.js';

/** Guest-physical RAM starts where QEMU virt's does. */
export const GUEST_RAM_BASE = 0x80000000;
export const GUEST_UART_BASE = UART_BASE;
export const GUEST_UART_SIZE = UART_SIZE;
export const GUEST_PLIC_BASE = PLIC_BASE;
export const GUEST_PLIC_SIZE = PLIC_SIZE;

/** A virtual device: where the guest sees it and the model behind it. */
export interface GuestDevice {
  name: string;
  base: number;
  size: number;
  device: Device;
}

/**
 * ready: runnable; running: on the hart; waiting: in WFI until a virtual interrupt; paused: held
 * by the host; exited: shut down through SBI; stopped: stopped by the hypervisor (a fault it could
 * not handle, memory outside its assignment, or a deadlock); destroyed: its memory released.
 */
export type VmState = 'ready' | 'running' | 'waiting' | 'paused' | 'exited' | 'stopped' | 'destroyed';

export interface ExitStat {
  count: number;
  cycles: number;
}

export class Vm {
  readonly vcpu = new Vcpu();
  state: VmState = 'ready';
  exitCode: number | null = null;
  /** Why the hypervisor stopped it (cause, pc, addresses). */
  stopReason: string | null = null;
  /** The guest's timer (SBI set_timer) in host timebase ticks; Infinity when not armed. */
  timerDeadline = Infinity;
  /** Exits by cause, with the modelled cycles their handling cost. */
  readonly exits = new Map<string, ExitStat>();
  /** Virtual interrupts injected through hvip, by kind. */
  readonly injected = new Map<string, number>();
  /** Instructions and cycles the guest ran (on the hart, between entry and exit). */
  instret = 0;
  cycles = 0;
  /** Everything the guest printed (SBI console and virtual UART), in order. */
  readonly output: number[] = [];
  readonly uart: Uart16550;
  /**
   * Its interrupt controller: a PLIC like the virt machine's (the same model), whose S-mode
   * context (1) drives the guest's external interrupt, i.e. hvip.VSEIP; context 0 (M) leads nowhere.
   */
  readonly plic: Plic;
  /** The MMIO windows the hypervisor emulates for it (every other unmapped access stops it). */
  readonly devices: GuestDevice[];

  constructor(
    readonly id: number,
    readonly name: string,
    /** hgatp.VMID. */
    readonly vmid: number,
    /** Host physical base of its RAM and the RAM's size. */
    readonly hostBase: number,
    readonly memSize: number,
    readonly gstage: GStageTables,
    /** Receives each byte the guest prints. */
    private readonly sink: (vm: Vm, byte: number) => void,
    /** Called when the guest's external interrupt (from its PLIC) changes. */
    externalIrq: (vm: Vm, level: boolean) => void,
  ) {
    this.plic = new Plic([{ setIrq: (bit, level) => bit === MipBit.SEIP && externalIrq(this, level) }]);
    this.uart = new Uart16550(
      (b) => this.print(b),
      (level) => this.plic.setSource(UART_IRQ, level),
    );
    this.devices = [
      { name: 'uart', base: GUEST_UART_BASE, size: GUEST_UART_SIZE, device: this.uart },
      { name: 'plic', base: GUEST_PLIC_BASE, size: GUEST_PLIC_SIZE, device: this.plic },
    ];
  }

  /** The virtual device whose window holds guest-physical [gpa, gpa + len), if any. */
  deviceAt(gpa: number, len: number): GuestDevice | undefined {
    return this.devices.find((d) => gpa >= d.base && gpa + len <= d.base + d.size);
  }

  print(byte: number): void {
    this.output.push(byte);
    this.sink(this, byte);
  }

  get alive(): boolean {
    return this.state === 'ready' || this.state === 'running' || this.state === 'waiting' || this.state === 'paused';
  }

  /** Host physical address of guest-physical [gpa, gpa + len) in this guest's RAM, or -1. */
  gpaToHpa(gpa: number, len: number): number {
    const off = gpa - GUEST_RAM_BASE;
    return off >= 0 && len >= 0 && off + len <= this.memSize ? this.hostBase + off : -1;
  }

  countExit(cause: string, cycles: number): void {
    const s = this.exits.get(cause);
    if (s === undefined) this.exits.set(cause, { count: 1, cycles });
    else {
      s.count++;
      s.cycles += cycles;
    }
  }

  countInjected(kind: string): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  /** The text the guest printed. */
  get text(): string {
    return Buffer.from(this.output).toString('latin1');
  }
}
