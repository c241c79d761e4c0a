import { describe, expect, it } from 'vitest';
import { Uart16550 } from '../../src/platform/uart16550.js';

const RBR = 0;
const THR = 0;
const IER = 1;
const IIR = 2;
const FCR = 2;
const LCR = 3;
const MCR = 4;
const LSR = 5;
const MSR = 6;
const SCR = 7;

function setup() {
  const out: number[] = [];
  const irq: boolean[] = [];
  const uart = new Uart16550(
    (b) => out.push(b),
    (l) => irq.push(l),
  );
  const line = () => (irq.length > 0 ? irq[irq.length - 1] : false);
  return { uart, out, irq, line };
}

describe('NS16550A UART', () => {
  it('transmits instantly: THRE and TEMT stay set', () => {
    const { uart, out } = setup();
    expect(uart.read(LSR, 1)).toBe(0x60);
    for (const c of 'hi\n') uart.write(THR, 1, c.charCodeAt(0));
    expect(Buffer.from(out).toString()).toBe('hi\n');
    expect(uart.read(LSR, 1) & 0x60).toBe(0x60);
  });

  it('switches DLL/DLM in with LCR.DLAB and keeps LCR, MCR, SCR', () => {
    const { uart, out } = setup();
    uart.write(LCR, 1, 0x83);
    uart.write(THR, 1, 0x01); // DLL
    uart.write(IER, 1, 0x02); // DLM
    expect(uart.read(RBR, 1)).toBe(0x01);
    expect(uart.read(IER, 1)).toBe(0x02);
    uart.write(LCR, 1, 0x03);
    expect(uart.read(IER, 1)).toBe(0);
    expect(out).toEqual([]);
    expect(uart.read(LCR, 1)).toBe(0x03);
    uart.write(MCR, 1, 0xff);
    expect(uart.read(MCR, 1)).toBe(0x1f);
    uart.write(SCR, 1, 0x5a);
    expect(uart.read(SCR, 1)).toBe(0x5a);
    uart.write(IER, 1, 0xff);
    expect(uart.read(IER, 1)).toBe(0x0f);
    // QEMU mirrors the 8 registers through the 0x100 region.
    expect(uart.read(0x10 + SCR, 1)).toBe(0x5a);
  });

  it('reports FIFO mode in IIR bits 7:6 and LSR.DR while data waits', () => {
    const { uart } = setup();
    expect(uart.read(IIR, 1)).toBe(0x01);
    uart.write(FCR, 1, 0x07);
    expect(uart.read(IIR, 1)).toBe(0xc1);
    uart.pushInput([0x41, 0x42]);
    expect(uart.read(LSR, 1) & 1).toBe(1);
    expect(uart.read(RBR, 1)).toBe(0x41);
    expect(uart.read(RBR, 1)).toBe(0x42);
    expect(uart.read(LSR, 1) & 1).toBe(0);
  });

  it('holds 16 bytes in the FIFO and refills it from the host queue without losing any', () => {
    const { uart } = setup();
    uart.write(FCR, 1, 0x01);
    const data = Array.from({ length: 40 }, (_, i) => i + 1);
    uart.pushInput(data);
    expect(uart.inputPending).toBe(40);
    const got: number[] = [];
    while (uart.read(LSR, 1) & 1) got.push(uart.read(RBR, 1));
    expect(got).toEqual(data);
    // FCR bit 1 clears the receive FIFO (16 bytes), the rest of the host queue flows in.
    uart.pushInput(data);
    uart.write(FCR, 1, 0x03);
    expect(uart.inputPending).toBe(24);
    expect(uart.read(RBR, 1)).toBe(17);
  });

  it('without FIFOs holds one byte at a time', () => {
    const { uart } = setup();
    uart.pushInput([1, 2, 3]);
    expect(uart.read(RBR, 1)).toBe(1);
    expect(uart.read(RBR, 1)).toBe(2);
    expect(uart.read(RBR, 1)).toBe(3);
    expect(uart.read(LSR, 1) & 1).toBe(0);
  });

  it('raises the receive interrupt with IER.ERBFI, at the trigger level or by timeout', () => {
    const { uart, line } = setup();
    uart.write(FCR, 1, 0x81); // FIFO on, trigger level 8
    uart.pushInput([1, 2, 3]);
    expect(line()).toBe(false); // not enabled
    uart.write(IER, 1, 0x01);
    expect(line()).toBe(true);
    expect(uart.read(IIR, 1)).toBe(0xcc); // character timeout: below the trigger level
    uart.pushInput([4, 5, 6, 7, 8]);
    expect(uart.read(IIR, 1)).toBe(0xc4); // received data available
    for (let i = 0; i < 8; i++) uart.read(RBR, 1);
    expect(line()).toBe(false);
    expect(uart.read(IIR, 1)).toBe(0xc1);
  });

  // 16550 datasheet: THRE interrupt is cleared by reading IIR (when it is the source) or writing
  // THR; setting ETBEI while THR is empty raises it (Linux's 8250 start-up THRE test).
  it('raises the THR-empty interrupt on enabling ETBEI and after each write, cleared by an IIR read', () => {
    const { uart, line } = setup();
    uart.write(IER, 1, 0x02);
    expect(line()).toBe(true);
    expect(uart.read(IIR, 1)).toBe(0x02);
    expect(line()).toBe(false);
    expect(uart.read(IIR, 1)).toBe(0x01);
    uart.write(THR, 1, 0x41);
    expect(line()).toBe(true);
    uart.write(IER, 1, 0x00);
    expect(line()).toBe(false);
    uart.write(IER, 1, 0x02);
    expect(line()).toBe(true);
  });

  it('gives received data priority over THR-empty in IIR', () => {
    const { uart } = setup();
    uart.write(IER, 1, 0x03);
    uart.pushInput([9]);
    expect(uart.read(IIR, 1)).toBe(0x04);
    uart.read(RBR, 1);
    expect(uart.read(IIR, 1)).toBe(0x02);
  });

  it('loops back transmitted bytes and modem lines with MCR.LOOP', () => {
    const { uart, out } = setup();
    expect(uart.read(MSR, 1)).toBe(0xb0);
    uart.write(MCR, 1, 0x10 | 0x0a); // LOOP | RTS | OUT2: Linux's autoconfig check wants 0x90
    expect(uart.read(MSR, 1) & 0xf0).toBe(0x90);
    uart.write(MCR, 1, 0x1f);
    expect(uart.read(MSR, 1)).toBe(0xf0);
    uart.write(THR, 1, 0x55);
    expect(out).toEqual([]);
    expect(uart.read(RBR, 1)).toBe(0x55);
  });

  it('snapshots round-trip', () => {
    const a = setup();
    a.uart.write(FCR, 1, 0x01);
    a.uart.write(IER, 1, 0x01);
    a.uart.pushInput(Array.from({ length: 20 }, (_, i) => i));
    const state = JSON.parse(JSON.stringify(a.uart.getState()));
    const b = setup();
    b.uart.setState(state);
    expect(b.line()).toBe(true);
    const got: number[] = [];
    while (b.uart.read(LSR, 1) & 1) got.push(b.uart.read(RBR, 1));
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
