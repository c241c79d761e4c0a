/**
 * The UART console (src/platform/console.ts) and the asynchronous driver (interactive.ts): QEMU's
 * Ctrl-A escape, scripted input, and a hart asleep in WFI woken by input that arrives while the
 * driver waits (what `rvsim boot` does with a terminal).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Ip } from '../../src/csr/csr-file.js';
import { Console } from '../../src/platform/console.js';
import { drive, type HostInput } from '../../src/platform/interactive.js';
import { Uart16550 } from '../../src/platform/uart16550.js';
import { bootVirt } from '../../src/platform/virt-boot.js';
import { addi, code, csrrs, jal, lbu, lui, or, sb, slli, sw, wfi, X } from './asm.js';

const { zero, t0, t1, t2 } = X;
const MIE_CSR = 0x304;

/** Bytes the guest would read from the UART's receive side. */
function received(u: Uart16550): number[] {
  const out: number[] = [];
  while (u.read(5, 1) & 1) out.push(u.read(0, 1));
  return out;
}

describe('Console', () => {
  it('Ctrl-A x quits, Ctrl-A Ctrl-A sends one Ctrl-A, Ctrl-A + other is dropped', () => {
    const con = new Console(() => {});
    const uart = new Uart16550(() => {}, () => {});
    uart.write(2, 1, 1); // FIFO on, so more than one byte can wait
    con.attach(uart);
    con.feed(Uint8Array.of(0x61, 0x01, 0x01, 0x62, 0x01, 0x63, 0x64));
    expect(received(uart)).toEqual([0x61, 0x01, 0x62, 0x64]);
    expect(con.quit).toBe(false);
    // The escape may be split across reads, as keystrokes are.
    con.feed(Uint8Array.of(0x03, 0x01));
    con.feed(Uint8Array.of(0x78, 0x65));
    expect(con.quit).toBe(true);
    expect(received(uart)).toEqual([0x03]); // Ctrl-C goes to the guest; nothing after the quit
  });

  it('flushes output at line ends and on request; a script types when its text has appeared', () => {
    const chunks: string[] = [];
    const con = new Console((b) => chunks.push(Buffer.from(b).toString('latin1')));
    const uart = new Uart16550(() => {}, () => {});
    uart.write(2, 1, 1);
    con.attach(uart);
    con.runScript([{ expect: '=> ', send: 'ls\r' }]);
    for (const c of 'boot\n=> ') con.putByte(c.charCodeAt(0));
    expect(chunks).toEqual(['boot\n']);
    expect(con.scriptPending).toBe(1);
    con.flush();
    expect(chunks).toEqual(['boot\n', '=> ']);
    expect(con.scriptPending).toBe(0);
    expect(String.fromCharCode(...received(uart))).toBe('ls\r');
  });
});

/**
 * Firmware that enables the UART receive interrupt (PLIC source 10 to the M context, MEIE) and sleeps
 * in WFI; woken, it reads one byte, echoes it and powers off with that byte as the exit code.
 */
const ECHO_ONE = [
  lui(t0, 0xc000), addi(t1, zero, 1), sw(t1, t0, 40), // PLIC priority[10] = 1
  lui(t0, 0xc002), addi(t1, zero, 1), slli(t1, t1, 10), sw(t1, t0, 0), // context 0 enables source 10
  lui(t0, 0x10000), addi(t1, zero, 1), sb(t1, t0, 1), // UART IER = receive data available
  lui(t1, 1), addi(t1, t1, Ip.MEI - 4096), csrrs(zero, MIE_CSR, t1), // mie.MEIE (mstatus.MIE stays 0)
  wfi(),
  lbu(t2, t0, 0), sb(t2, t0, 0), // echo
  slli(t2, t2, 16), lui(t1, 3), addi(t1, t1, 0x333), or(t1, t1, t2), lui(t0, 0x100), sw(t1, t0, 0),
  jal(zero, 0),
];

function echoMachine() {
  const out: number[] = [];
  const con = new Console((b) => out.push(...b));
  const { virt } = bootVirt({ bios: { name: 'echo', bytes: code(...ECHO_ONE) }, memSize: 16 * 1024 * 1024, console: con.putByte });
  con.attach(virt.uart);
  return { virt, con, out };
}

class FakeInput extends EventEmitter {
  isTTY = false;
}

describe('drive', () => {
  it('waits in WFI for input instead of stopping, and wakes the hart when it arrives', async () => {
    const { virt, con, out } = echoMachine();
    const input = new FakeInput();
    const done = drive(virt, con, { input: input as unknown as HostInput, maxInsns: 1_000_000 });
    // Let the guest reach WFI and the driver start waiting.
    await new Promise((r) => setTimeout(r, 50));
    expect(virt.machine.hart.wfi).toBe(true);
    input.emit('data', Buffer.from('A'));
    const r = await done;
    expect(r).toMatchObject({ reason: 'exit', exitCode: 0x41 });
    expect(String.fromCharCode(...out)).toBe('A');
    expect(input.listenerCount('data')).toBe(0);
  });

  it('reports the deadlock once input has ended', async () => {
    const { virt, con } = echoMachine();
    const input = new FakeInput();
    const done = drive(virt, con, { input: input as unknown as HostInput, maxInsns: 1_000_000 });
    await new Promise((r) => setTimeout(r, 20));
    input.emit('end');
    expect((await done).reason).toBe('deadlock');
  });

  it('stops on Ctrl-A x', async () => {
    const { virt, con } = echoMachine();
    const input = new FakeInput();
    const done = drive(virt, con, { input: input as unknown as HostInput, maxInsns: 1_000_000 });
    await new Promise((r) => setTimeout(r, 20));
    input.emit('data', Buffer.from([0x01, 0x78]));
    expect((await done).reason).toBe('quit');
  });

  it('with no input at all, a sleeping hart is a deadlock', async () => {
    const { virt, con } = echoMachine();
    expect((await drive(virt, con, { maxInsns: 1_000_000 })).reason).toBe('deadlock');
  });
});
