import { HostError } from '../rv64/trap.js';
import type { Device } from './device.js';
import type { IrqLine } from './irq.js';

export const UART_BASE = 0x10000000;
export const UART_SIZE = 0x100;
/** The UART's PLIC source on QEMU's virt machine. */
export const UART_IRQ = 10;

const FIFO_SIZE = 16;

// Register offsets (reg-shift 0, so 8 byte registers; QEMU mirrors them through the region).
const RBR_THR_DLL = 0;
const IER_DLM = 1;
const IIR_FCR = 2;
const LCR = 3;
const MCR = 4;
const LSR = 5;
const MSR = 6;
const SCR = 7;

const IER_ERBFI = 0x01; // receive data available
const IER_ETBEI = 0x02; // transmitter holding register empty
const LCR_DLAB = 0x80;
const MCR_LOOP = 0x10;
const FCR_ENABLE = 0x01;
const FCR_CLEAR_RX = 0x02;

const IIR_NONE = 0x01;
const IIR_THRE = 0x02;
const IIR_RDA = 0x04;
const IIR_TIMEOUT = 0x0c;
const IIR_FIFOS = 0xc0;

const LSR_DR = 0x01;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;

/** MSR outside loopback: CTS, DSR and DCD asserted, as QEMU reports for a plain character back end. */
const MSR_IDLE = 0xb0;

const RX_TRIGGER = [1, 4, 8, 14];

export interface Uart16550State {
  ier: number;
  lcr: number;
  mcr: number;
  scr: number;
  dll: number;
  dlm: number;
  fcr: number;
  thrPending: boolean;
  rx: number[];
  input: number[];
}

/**
 * An NS16550A UART (QEMU virt's serial@10000000). Transmission is instant: a THR write hands the
 * byte to the sink at once, so LSR.THRE and LSR.TEMT always read 1 and the THR-empty interrupt
 * re-arms straight after each write.
 *
 * Input is queued on the host side by pushInput() and moved into the 16-byte receive FIFO whenever
 * it has room, the way QEMU's character back end only delivers what the FIFO can take; so the
 * FIFO never overruns and the line-status errors and interrupt never occur. With FIFOs enabled and
 * fewer bytes than the trigger level, the character-timeout interrupt (IIR 0xc) is raised at once:
 * the four-character-time delay is modelled as zero. Modem-status deltas and their interrupt are not
 * modelled (MSR has no delta bits). Loopback (MCR bit 4) is: written bytes are received, and MSR
 * reflects MCR's outputs.
 */
export class Uart16550 implements Device {
  readonly name = 'uart16550';
  readonly size = UART_SIZE;
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private scr = 0;
  private dll = 0;
  private dlm = 0;
  /** FIFO control: bit 0 enable, bits 7:6 receive trigger level (the clear bits are actions). */
  private fcr = 0;
  /** THR-empty interrupt pending (cleared by reading it from IIR or by writing THR). */
  private thrPending = false;
  private readonly rx: number[] = [];
  /** Host input not yet in the receive FIFO. */
  private readonly input: number[] = [];
  private irqLevel = false;

  constructor(
    /** Receives every transmitted byte (0..255). */
    private readonly output: (byte: number) => void,
    /** The UART's interrupt line (to the PLIC). */
    private readonly irq: IrqLine,
  ) {}

  /** Queue bytes typed on the host console. */
  pushInput(bytes: Iterable<number>): void {
    for (const b of bytes) this.input.push(b & 0xff);
    this.refill();
    this.updateIrq();
  }

  /** Bytes waiting to be read by the guest (FIFO and host queue). */
  get inputPending(): number {
    return this.rx.length + this.input.length;
  }

  read(offset: number, _size: 1 | 2 | 4): number {
    switch (offset & 7) {
      case RBR_THR_DLL: {
        if (this.lcr & LCR_DLAB) return this.dll;
        const b = this.rx.length > 0 ? (this.rx.shift() as number) : 0;
        this.refill();
        this.updateIrq();
        return b;
      }
      case IER_DLM:
        return this.lcr & LCR_DLAB ? this.dlm : this.ier;
      case IIR_FCR: {
        const id = this.interruptId();
        // Reading IIR while it reports THR-empty acknowledges that interrupt (16550 datasheet).
        if (id === IIR_THRE) {
          this.thrPending = false;
          this.updateIrq();
        }
        return id | (this.fcr & FCR_ENABLE ? IIR_FIFOS : 0);
      }
      case LCR:
        return this.lcr;
      case MCR:
        return this.mcr;
      case LSR:
        return (this.rx.length > 0 ? LSR_DR : 0) | LSR_THRE | LSR_TEMT;
      case MSR:
        return this.mcr & MCR_LOOP ? this.loopbackMsr() : MSR_IDLE;
      default:
        return this.scr;
    }
  }

  write(offset: number, _size: 1 | 2 | 4, value: number): void {
    const v = value & 0xff;
    switch (offset & 7) {
      case RBR_THR_DLL:
        if (this.lcr & LCR_DLAB) {
          this.dll = v;
          return;
        }
        if (this.mcr & MCR_LOOP) {
          if (this.rx.length < this.fifoDepth()) this.rx.push(v);
        } else {
          this.output(v);
        }
        // The byte left at once, so the holding register is empty again.
        this.thrPending = true;
        this.updateIrq();
        return;
      case IER_DLM: {
        if (this.lcr & LCR_DLAB) {
          this.dlm = v;
          return;
        }
        const rising = (v & ~this.ier & IER_ETBEI) !== 0;
        this.ier = v & 0x0f;
        // Enabling ETBEI while THR is empty raises the interrupt (Linux's 8250 THRE test relies on it).
        if (rising) this.thrPending = true;
        else if (!(this.ier & IER_ETBEI)) this.thrPending = false;
        this.updateIrq();
        return;
      }
      case IIR_FCR: {
        const enableChanged = ((v ^ this.fcr) & FCR_ENABLE) !== 0;
        if (enableChanged || v & FCR_CLEAR_RX) this.rx.length = 0;
        this.fcr = v & 0xc1;
        this.refill();
        this.updateIrq();
        return;
      }
      case LCR:
        this.lcr = v;
        return;
      case MCR:
        this.mcr = v & 0x1f;
        return;
      case LSR:
      case MSR:
        return; // read-only
      default:
        this.scr = v;
    }
  }

  getState(): Uart16550State {
    return {
      ier: this.ier,
      lcr: this.lcr,
      mcr: this.mcr,
      scr: this.scr,
      dll: this.dll,
      dlm: this.dlm,
      fcr: this.fcr,
      thrPending: this.thrPending,
      rx: this.rx.slice(),
      input: this.input.slice(),
    };
  }

  setState(state: unknown): void {
    const s = state as Uart16550State;
    if (!s || !Array.isArray(s.rx) || !Array.isArray(s.input)) throw new HostError('uart16550: bad snapshot');
    this.ier = s.ier & 0x0f;
    this.lcr = s.lcr & 0xff;
    this.mcr = s.mcr & 0x1f;
    this.scr = s.scr & 0xff;
    this.dll = s.dll & 0xff;
    this.dlm = s.dlm & 0xff;
    this.fcr = s.fcr & 0xc1;
    this.thrPending = s.thrPending;
    this.rx.length = 0;
    this.rx.push(...s.rx);
    this.input.length = 0;
    this.input.push(...s.input);
    this.irqLevel = !this.interruptPending();
    this.updateIrq();
  }

  private fifoDepth(): number {
    return this.fcr & FCR_ENABLE ? FIFO_SIZE : 1;
  }

  private refill(): void {
    const depth = this.fifoDepth();
    while (this.rx.length < depth && this.input.length > 0) this.rx.push(this.input.shift() as number);
  }

  /** IIR bits 3:0: the highest-priority pending interrupt (receive data above THR-empty). */
  private interruptId(): number {
    if (this.ier & IER_ERBFI && this.rx.length > 0) {
      if (!(this.fcr & FCR_ENABLE)) return IIR_RDA;
      return this.rx.length >= RX_TRIGGER[this.fcr >>> 6] ? IIR_RDA : IIR_TIMEOUT;
    }
    if (this.ier & IER_ETBEI && this.thrPending) return IIR_THRE;
    return IIR_NONE;
  }

  private interruptPending(): boolean {
    return this.interruptId() !== IIR_NONE;
  }

  private updateIrq(): void {
    const level = this.interruptPending();
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq(level);
    }
  }

  /** Loopback: CTS=RTS, DSR=DTR, RI=OUT1, DCD=OUT2. */
  private loopbackMsr(): number {
    const m = this.mcr;
    return ((m & 0x02) << 3) | ((m & 0x01) << 5) | ((m & 0x04) << 4) | ((m & 0x08) << 4);
  }
}
