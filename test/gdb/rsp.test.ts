/**
 * The gdb stub (src/gdb) over a real socket with a scripted remote-serial-protocol client: the
 * packet codec, then registers, memory through translation, breakpoints, single step, watchpoints,
 * Ctrl-C and the run to the program's exit, each checked against a machine run without gdb.
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { virtMachineForElf } from '../../src/cli/virt-elf.js';
import { type GdbOutcome, parseGdbPort, serveGdb } from '../../src/gdb/server.js';
import { DebugMemory } from '../../src/gdb/memory.js';
import { PRIV_REGNUM, RegisterFile, VIRT_REGNUM } from '../../src/gdb/registers.js';
import {
  checksum, escapeBinary, frame, PacketReader, parseAddr, addrHex, unescapeBinary, type RspEvent,
} from '../../src/gdb/packet.js';
import { parseElf } from '../../src/loader/elf.js';
import { Machine, RAM_BASE } from '../../src/machine.js';
import { attachTiming } from '../../src/timing/index.js';
import { Priv } from '../../src/rv64/hart.js';
import { distBuilt, ROOT, rvsim } from '../helpers/cli.js';

const HELLO = join(ROOT, 'programs/build/hello.elf');
const SORT = join(ROOT, 'programs/build/bench/sort.elf');

/** What the programs print through HTIF, per machine. */
const printed = new WeakMap<Machine, number[]>();

function helloMachine(elfPath = HELLO): Machine {
  const bytes = readFileSync(elfPath);
  const elf = parseElf(bytes, elfPath);
  const out: number[] = [];
  const m = virtMachineForElf(elf, elfPath, { console: () => {}, output: (_fd, b) => out.push(...b) }).machine;
  printed.set(m, out);
  return m;
}
const symbol = (name: string, elfPath = HELLO): number => Number(parseElf(readFileSync(elfPath), elfPath).symbols.get(name)!);

describe('packet codec', () => {
  test('frames with the modulo-256 checksum (gdb manual "Overview")', () => {
    expect(checksum('')).toBe(0);
    expect(frame('OK')).toBe('$OK#9a');
    expect(frame('qSupported')).toBe('$qSupported#37');
    expect(checksum('\xff\xff')).toBe(0xfe);
  });

  test('the reader splits a stream cut anywhere into acks, packets, bad packets and Ctrl-C', () => {
    const stream = '+$g#67-$m80000000,4#XX\x03$OK#9a';
    for (let cut = 0; cut <= stream.length; cut++) {
      const r = new PacketReader();
      const ev: RspEvent[] = [...r.push(stream.slice(0, cut)), ...r.push(Buffer.from(stream.slice(cut), 'latin1'))];
      expect(ev).toEqual([
        { kind: 'ack' },
        { kind: 'packet', data: 'g' },
        { kind: 'nack' },
        { kind: 'bad', data: 'm80000000,4' },
        { kind: 'interrupt' },
        { kind: 'packet', data: 'OK' },
      ]);
    }
  });

  test('binary escapes round-trip every byte', () => {
    let all = '';
    for (let b = 0; b < 256; b++) all += String.fromCharCode(b);
    const e = escapeBinary(all);
    expect(e).not.toMatch(/[#$*]/);
    expect(unescapeBinary(e)).toBe(all);
    expect(escapeBinary('a#b$c}d*')).toBe('a}\x03b}\x04c}]d}\x0a');
  });

  test('addresses as halves', () => {
    expect(parseAddr('80000672')).toEqual({ lo: 0x80000672 | 0, hi: 0 });
    expect(parseAddr('ffffffc000001000')).toEqual({ lo: 0x1000, hi: 0xffffffc0 | 0 });
    expect(parseAddr('')).toBeNull();
    expect(parseAddr('1ffffffffffffffff')).toBeNull();
    expect(parseAddr('80x')).toBeNull();
    expect(addrHex(0x1000, 0xffffffc0 | 0)).toBe('ffffffc000001000');
    expect(addrHex(0x80000672 | 0, 0)).toBe('80000672');
  });

  test('--gdb takes a port number', () => {
    expect(parseGdbPort('1234')).toBe(1234);
    expect(parseGdbPort('0')).toBe(0);
    expect(() => parseGdbPort('65536')).toThrow(/bad --gdb '65536'/);
    expect(() => parseGdbPort('x')).toThrow(/TCP port/);
  });
});

/** A minimal gdb: sends packets, acks replies (until no-ack mode), collects stop replies. */
class Client {
  private readonly reader = new PacketReader();
  private readonly replies: string[] = [];
  private waiter: (() => void) | null = null;
  acks = 0;
  noAck = false;

  private constructor(readonly sock: Socket) {
    sock.on('data', (b) => {
      for (const ev of this.reader.push(b)) {
        if (ev.kind === 'ack') this.acks++;
        if (ev.kind === 'packet') {
          if (!this.noAck) sock.write('+');
          this.replies.push(ev.data);
        }
        if (ev.kind === 'bad') throw new Error(`bad checksum from the stub: ${ev.data}`);
      }
      this.waiter?.();
    });
  }

  static open(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new Client(s)));
      s.on('error', reject);
    });
  }

  /** The next reply, waiting up to `ms`. */
  async reply(ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    while (this.replies.length === 0) {
      if (Date.now() > until) throw new Error('no reply from the stub');
      await new Promise<void>((r) => {
        this.waiter = r;
        setTimeout(r, 50);
      });
    }
    return this.replies.shift()!;
  }

  async cmd(data: string): Promise<string> {
    this.sock.write(frame(data), 'latin1');
    return this.reply();
  }

  /** Reads a 64-bit register by gdb number as a bigint. */
  async reg(n: number): Promise<bigint> {
    return le(await this.cmd(`p${n.toString(16)}`));
  }

  async pc(): Promise<number> {
    return Number(await this.reg(32));
  }

  close(): void {
    this.sock.end();
  }
}

/** Little-endian hex as a bigint. */
function le(hex: string): bigint {
  expect(hex).toMatch(/^([0-9a-f]{2})+$/);
  return BigInt('0x' + (hex.match(/../g) ?? []).reverse().join(''));
}

/** Starts the stub on a free port for the machine; returns the client and the session's outcome. */
async function attach(m: Machine, opts: { maxInsns?: number; chunk?: number } = {}): Promise<{ c: Client; outcome: Promise<GdbOutcome> }> {
  let port = -1;
  let ready: () => void = () => {};
  const listening = new Promise<void>((r) => (ready = r));
  const outcome = serveGdb(m, {
    port: 0, ...opts,
    onListening: (p) => {
      port = p;
      ready();
    },
  });
  await listening;
  const c = await Client.open(port);
  open.push(c);
  return { c, outcome };
}
const open: Client[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.sock.destroy();
});

/** Instructions a plain machine retires before pc first equals `pc` (one instruction at a time). */
function stepsTo(pc: number): number {
  const m = helloMachine();
  while (Number(m.hart.pc) !== pc) {
    m.run(1);
    if (m.hart.instret > 1e6) throw new Error('never reached');
  }
  return m.hart.instret;
}

describe('a scripted gdb session over a socket', () => {
  test('handshake, target description, registers and memory', async () => {
    const m = helloMachine();
    const { c, outcome } = await attach(m);
    // Ack mode first: the stub acknowledges each packet with '+'.
    const sup = await c.cmd('qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386');
    expect(c.acks).toBe(1);
    for (const f of ['PacketSize=', 'qXfer:features:read+', 'swbreak+', 'hwbreak+', 'QStartNoAckMode+']) expect(sup).toContain(f);
    // A corrupted packet is refused with '-'; gdb would resend it.
    c.sock.write('$?#00');
    expect(await c.cmd('QStartNoAckMode')).toBe('OK');
    c.noAck = true;
    expect(await c.cmd('?')).toBe('T05thread:01;');

    // target.xml in pieces, as gdb reads it.
    let xml = '';
    for (;;) {
      const r = await c.cmd(`qXfer:features:read:target.xml:${xml.length.toString(16)},200`);
      expect(r[0]).toMatch(/[ml]/);
      xml += unescapeBinary(r.slice(1));
      if (r[0] === 'l') break;
    }
    expect(xml).toBe(new RegisterFile(m).targetXml());
    for (const f of ['cpu', 'fpu', 'csr', 'virtual']) expect(xml).toContain(`<feature name="org.gnu.gdb.riscv.${f}">`);
    expect(xml).toContain('<reg name="pc" bitsize="64" type="code_ptr" regnum="32"/>');
    expect(xml).toContain(`<reg name="priv" bitsize="64" type="int" regnum="${PRIV_REGNUM}"/>`);
    expect(xml).toContain(`<reg name="virt" bitsize="64" type="int" regnum="${VIRT_REGNUM}"/>`);
    expect(xml).toContain(`<reg name="mstatus" bitsize="64" type="int" regnum="${65 + 0x300}"/>`);
    expect(xml).toContain(`<reg name="hgatp" bitsize="64" type="int" regnum="${65 + 0x680}"/>`);
    expect(xml).toContain('<reg name="fcsr" bitsize="32" type="int" regnum="68"/>');
    expect(await c.cmd('qXfer:features:read:other.xml:0,100')).toBe('E00');

    // g: x0..x31 then pc, 64 bits each; at reset pc is the ELF entry, a0 the hart id, a1 the DTB.
    const g = await c.cmd('g');
    expect(g).toHaveLength(33 * 16);
    expect(le(g.slice(32 * 16))).toBe(m.hart.pc);
    expect(le(g.slice(11 * 16, 12 * 16))).toBe(m.hart.getX(11));
    expect(m.hart.getX(11)).not.toBe(0n);
    expect(await c.reg(32)).toBe(BigInt(RAM_BASE));
    expect(await c.cmd('P5=efbeadde78563412')).toBe('OK');
    expect(m.hart.getX(5)).toBe(0x12345678deadbeefn);
    expect(await c.reg(5)).toBe(0x12345678deadbeefn);
    expect(await c.cmd('P0=0100000000000000')).toBe('OK');
    expect(await c.reg(0)).toBe(0n); // x0 stays zero
    expect(await c.reg(PRIV_REGNUM)).toBe(3n);
    expect(await c.reg(VIRT_REGNUM)).toBe(0n);
    expect(await c.reg(65 + 0x301)).toBe((2n << 62n) | BigInt(m.hart.ext)); // misa
    expect(await c.cmd('p' + (65 + 0x3).toString(16))).toBe('00000000'); // fcsr: 32 bits
    expect(await c.cmd('P' + (65 + 0x340).toString(16) + '=0800000000000080')).toBe('OK'); // mscratch
    expect(await c.reg(65 + 0x340)).toBe(0x8000000000000008n);
    expect(await c.cmd('P' + (65 + 0xf14).toString(16) + '=0100000000000000')).toBe('E01'); // mhartid: read-only
    expect(await c.cmd('p2000')).toBe('E01');
    expect(await c.cmd('P20=123')).toBe('E01');

    // Memory: the code at the entry point, as loaded.
    const text = m.ram.u8.subarray(0, 64);
    expect(await c.cmd('m80000000,40')).toBe(Buffer.from(text).toString('hex'));
    expect(await c.cmd('m0,4')).toBe('E14'); // nothing there (and no guest trap: still at the entry)
    expect(await c.cmd('m1000,4')).toMatch(/^[0-9a-f]{8}$/); // the boot ROM reads
    // A read running off the end of RAM stops where RAM ends.
    const end = RAM_BASE + m.ram.size - 2;
    expect(await c.cmd(`m${end.toString(16)},8`)).toHaveLength(4);
    expect(await c.cmd('M80100000,4:01020304')).toBe('OK');
    expect([...m.ram.u8.subarray(0x100000, 0x100004)]).toEqual([1, 2, 3, 4]);
    expect(await c.cmd('X80100004,4:a}]#b'.replace('#', '}\x03'))).toBe('OK'); // binary, with escapes
    expect([...m.ram.u8.subarray(0x100004, 0x100008)]).toEqual([0x61, 0x7d, 0x23, 0x62]);
    expect(await c.cmd('M10,1:00')).toBe('E14');
    expect(await c.cmd('M80100000,4:0102')).toBe('E01');
    expect(await c.cmd('qC')).toBe('QC1');
    expect(await c.cmd('qfThreadInfo')).toBe('m1');
    expect(await c.cmd('qsThreadInfo')).toBe('l');
    expect(await c.cmd('qAttached')).toBe('1');
    expect(await c.cmd('vMustReplyEmpty')).toBe('');
    expect(m.hart.instret).toBe(0); // nothing ran
    c.sock.write(frame('k'));
    expect(await outcome).toEqual({ kind: 'killed', instret: 0 });
  });

  test('breakpoints stop exactly before the instruction; step, watchpoints, then the exit', async () => {
    const main = symbol('main');
    const tohost = symbol('tohost');
    const m = helloMachine();
    const { c, outcome } = await attach(m);
    expect(await c.cmd('QStartNoAckMode')).toBe('OK');
    c.noAck = true;

    expect(await c.cmd(`Z0,${main.toString(16)},2`)).toBe('OK');
    expect(await c.cmd('c')).toBe('T05thread:01;swbreak:;');
    expect(await c.pc()).toBe(main);
    expect(m.hart.instret).toBe(stepsTo(main)); // main's first instruction has not run

    // Continuing from the breakpoint does not stop at it again at once; removing it works.
    expect(await c.cmd(`z0,${main.toString(16)},2`)).toBe('OK');
    expect(await c.cmd(`z0,${main.toString(16)},2`)).toBe('E01');

    // One step: one instruction.
    const before = m.hart.instret;
    expect(await c.cmd('s')).toBe('T05thread:01;');
    expect(m.hart.instret).toBe(before + 1);
    const ref = helloMachine();
    ref.run(before + 1);
    expect(await c.pc()).toBe(Number(ref.hart.pc));
    expect(await c.cmd('vCont?')).toBe('vCont;c;C;s;S');
    expect(await c.cmd('vCont;s:1;c')).toBe('T05thread:01;');
    expect(m.hart.instret).toBe(before + 2);

    // A hardware breakpoint at printf, reported as one.
    const printf = symbol('printf');
    expect(await c.cmd(`Z1,${printf.toString(16)},2`)).toBe('OK');
    expect(await c.cmd('vCont;c')).toBe('T05thread:01;hwbreak:;');
    expect(await c.pc()).toBe(printf);
    expect(await c.cmd(`z1,${printf.toString(16)},2`)).toBe('OK');

    // A write watchpoint on tohost (HTIF): the stop comes before the store, which has not happened.
    expect(await c.cmd(`Z2,${tohost.toString(16)},8`)).toBe('OK');
    expect(await c.cmd('c')).toBe(`T05thread:01;watch:${tohost.toString(16)};`);
    const storePc = await c.pc();
    const insn = m.ram.u16[(storePc - RAM_BASE) >> 1];
    const isStore = (insn & 0x7f) === 0x23 || (insn & 0xe003) === 0xe000 || (insn & 0xe003) === 0xe002; // sd, c.sd, c.sdsp
    expect(isStore).toBe(true);
    const tohostOff = tohost - RAM_BASE;
    expect(m.ram.i32[tohostOff >> 2] | m.ram.i32[(tohostOff >> 2) + 1]).toBe(0);
    // As gdb does with non-steppable watchpoints: remove, step over the store, insert again.
    expect(printed.get(m)).toEqual([]);
    expect(await c.cmd(`z2,${tohost.toString(16)},8`)).toBe('OK');
    expect(await c.cmd('s')).toBe('T05thread:01;');
    expect(String.fromCharCode(...printed.get(m)!)).toBe('r'); // the store ran: HTIF printed the first character
    // The read watchpoint on `composite` (main's sieve reads it) and an access one on tohost.
    const composite = symbol('composite');
    expect(await c.cmd(`Z3,${(composite + 7).toString(16)},1`)).toBe('OK');
    const r = await c.cmd('c');
    expect(r).toBe(`T05thread:01;rwatch:${(composite + 7).toString(16)};`);
    const loadPc = await c.pc();
    expect(await c.cmd(`z3,${(composite + 7).toString(16)},1`)).toBe('OK');
    expect(await c.cmd(`Z4,${(tohost + 4).toString(16)},4`)).toBe('OK'); // the high word: an 8-byte store overlaps it
    expect(await c.cmd('c')).toBe(`T05thread:01;awatch:${(tohost + 4).toString(16)};`);
    expect(await c.pc()).not.toBe(loadPc);
    expect(await c.cmd(`z4,${(tohost + 4).toString(16)},4`)).toBe('OK');

    // On to the exit: W with the program's code; the count is that of a run without gdb.
    expect(await c.cmd('c')).toBe('W00');
    expect(await c.cmd('c')).toBe('W00'); // still ended
    c.close();
    const o = await outcome;
    const plain = helloMachine();
    const pr = plain.run();
    expect(o).toEqual({ kind: 'ended', result: pr });
  });

  test('gdb does not change the run: cycles and instructions with a timing model match a plain run', async () => {
    const plain = helloMachine();
    attachTiming(plain, { kind: 'inorder' });
    const pr = plain.run();
    const m = helloMachine();
    attachTiming(m, { kind: 'inorder' });
    const { c, outcome } = await attach(m, { chunk: 1000 });
    const main = symbol('main');
    expect(await c.cmd(`Z0,${main.toString(16)},2`)).toBe('OK');
    expect(await c.cmd('c')).toBe('T05thread:01;swbreak:;');
    for (let k = 0; k < 5; k++) expect(await c.cmd('s')).toBe('T05thread:01;');
    expect(await c.cmd(`Z2,${symbol('tohost').toString(16)},8`)).toBe('OK');
    expect(await c.cmd('c')).toMatch(/watch:/);
    expect(await c.cmd('D')).toBe('OK'); // detached: the program runs on to its end
    const o = await outcome;
    expect(o).toEqual({ kind: 'ended', result: pr });
    expect(m.cycles()).toBe(plain.cycles());
    expect(m.observer).toBe(m.timing); // the machine's own observer is back
  });

  test('Ctrl-C stops a running program with SIGINT; the instruction limit ends it with SIGXCPU', async () => {
    const m = helloMachine(SORT);
    const { c, outcome } = await attach(m, { maxInsns: 30_000_000 });
    c.sock.write(frame('c'));
    await new Promise((r) => setTimeout(r, 300));
    expect(m.hart.instret).toBeGreaterThan(0);
    c.sock.write('\x03');
    expect(await c.reply()).toBe('T02thread:01;');
    const at = m.hart.instret;
    expect(at).toBeLessThan(30_000_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(m.hart.instret).toBe(at); // stopped means stopped
    expect(await c.cmd('?')).toBe('T02thread:01;');
    // With a breakpoint set (the observed loop), Ctrl-C works too.
    expect(await c.cmd('Z0,10,2')).toBe('OK');
    c.sock.write(frame('c'));
    await new Promise((r) => setTimeout(r, 200));
    c.sock.write('\x03');
    expect(await c.reply()).toBe('T02thread:01;');
    expect(m.hart.instret).toBeGreaterThan(at);
    expect(await c.cmd('z0,10,2')).toBe('OK');
    expect(await c.cmd('c', )).toBe('X18');
    expect(m.hart.instret).toBe(30_000_000);
    c.close();
    expect((await outcome).kind).toBe('ended');
  }, 60_000);
});

describe('stops at trap handlers', () => {
  const NOP = 0x00000013;
  const ECALL = 0x00000073;
  const MTVEC = RAM_BASE + 0x100;
  /** A machine with `words` at RAM_BASE, nops at mtvec, in M-mode. */
  function program(words: number[]): Machine {
    const m = new Machine({ memSize: 1 << 20 });
    const b = new Uint8Array(0x200);
    const dv = new DataView(b.buffer);
    for (let k = 0; k < 0x80; k++) dv.setUint32(4 * k, NOP, true);
    words.forEach((w, k) => dv.setUint32(4 * k, w >>> 0, true));
    m.mmu.writePhys(RAM_BASE, b);
    m.hart.pc = BigInt(RAM_BASE);
    return m;
  }
  const hex = (n: number) => n.toString(16);
  const mtvec = `P${hex(65 + 0x305)}=${Buffer.from(new BigUint64Array([BigInt(MTVEC)]).buffer).toString('hex')}`;

  test('a step over an ecall stops at the handler, before its first instruction', async () => {
    const m = program([NOP, ECALL]);
    const { c, outcome } = await attach(m, { maxInsns: 1_000_000 }); // a bound for a failing test's detach
    expect(await c.cmd(mtvec)).toBe('OK');
    expect(await c.cmd('s')).toBe('T05thread:01;');
    expect(await c.pc()).toBe(RAM_BASE + 4);
    expect(await c.cmd('s')).toBe('T05thread:01;');
    expect(await c.pc()).toBe(MTVEC);
    expect(m.hart.instret).toBe(1); // the ecall does not retire, the handler has not started
    expect(await c.reg(65 + 0x342)).toBe(11n); // mcause: ecall from M
    c.sock.write(frame('k'));
    await outcome;
  });

  test('an interrupt taken on resume: a breakpoint at the handler stops before it runs, and so does a step', async () => {
    for (const how of ['c', 's']) {
      const m = program([]);
      const { c, outcome } = await attach(m, { maxInsns: 1_000_000 });
      expect(await c.cmd(mtvec)).toBe('OK');
      expect(await c.cmd(`P${hex(65 + 0x304)}=0800000000000000`)).toBe('OK'); // mie.MSIE
      expect(await c.cmd(`P${hex(65 + 0x300)}=0800000000000000`)).toBe('OK'); // mstatus.MIE
      m.irq.setIrq(3, true); // a machine software interrupt is pending
      if (how === 'c') expect(await c.cmd(`Z0,${hex(MTVEC)},4`)).toBe('OK');
      expect(await c.cmd(how)).toBe(how === 'c' ? 'T05thread:01;swbreak:;' : 'T05thread:01;');
      expect(await c.pc()).toBe(MTVEC);
      expect(m.hart.instret).toBe(0);
      expect(await c.reg(65 + 0x342)).toBe(0x8000000000000003n); // mcause: MSI
      expect(await c.reg(65 + 0x341)).toBe(BigInt(RAM_BASE)); // mepc: nothing ran before it
      c.sock.write(frame('k'));
      await outcome;
    }
  });
});

describe('memory through the current translation', () => {
  const PAGE = 4096;
  /** A machine with Sv39 tables: VA 0x12345000 -> RAM+0x5000 in a 4K page with A = 0, and a gigapage VA 0x40000000 -> RAM. */
  function paged(): Machine {
    const m = new Machine({ memSize: 1 << 20 });
    const w64 = (pa: number, v: bigint) => {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, v, true);
      m.mmu.writePhys(pa, b);
    };
    const root = RAM_BASE + 0x10000;
    const l1 = RAM_BASE + 0x11000;
    const l0 = RAM_BASE + 0x12000;
    const pte = (pa: number, flags: number) => (BigInt(pa / PAGE) << 10n) | BigInt(flags);
    const va = 0x12345000;
    w64(root + ((va >>> 30) & 511) * 8, pte(l1, 1));
    w64(l1 + ((va >>> 21) & 511) * 8, pte(l0, 1));
    w64(l0 + ((va >>> 12) & 511) * 8, pte(RAM_BASE + 0x5000, 0x1 | 0x2 | 0x4 | 0x10)); // V R W U, A = D = 0
    w64(root + 1 * 8, pte(RAM_BASE, 0x1 | 0x2 | 0x4 | 0x40 | 0x80)); // VA 1 GiB: a gigapage onto RAM
    m.mmu.writePhys(RAM_BASE + 0x5000, new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    m.csr.satpHi = (8 << 28) | 0;
    m.csr.satpLo = root / PAGE;
    m.hart.priv = Priv.S;
    m.mmu.flush();
    return m;
  }

  test('Sv39 from S-mode: mapped pages read and write, unmapped ones fail, the guest sees nothing', () => {
    const m = paged();
    const mem = new DebugMemory(m);
    const pteBefore = m.mmu.readPhys(RAM_BASE + 0x12000 + 0x345 * 8, 8);
    expect([...mem.read(0x12345000, 0, 4)]).toEqual([0xde, 0xad, 0xbe, 0xef]); // U page from S, A = 0: still readable
    expect(mem.translate(0x12345abc, 0)).toBe(RAM_BASE + 0x5abc);
    expect(mem.translate(0x40000000 + 0x5000, 0)).toBe(RAM_BASE + 0x5000);
    expect(mem.translate(0x12346000, 0)).toBe(-1);
    expect(mem.translate(0, 0x100)).toBe(-1); // not sign-extended: not an Sv39 address
    // A read that crosses into an unmapped page stops there.
    expect(mem.read(0x12345ffe, 0, 4)).toHaveLength(2);
    expect(mem.write(0x12345ffe, 0, new Uint8Array(4))).toBe(false); // all or nothing
    expect(mem.write(0x12345004, 0, new Uint8Array([7]))).toBe(true);
    expect(m.ram.u8[0x5004]).toBe(7);
    // No A/D update, no trap, no CSR change.
    expect(m.mmu.readPhys(RAM_BASE + 0x12000 + 0x345 * 8, 8)).toEqual(pteBefore);
    const regs = new RegisterFile(m);
    expect(regs.readHex(65 + 0x342)).toBe('0000000000000000'); // mcause
    expect(regs.readHex(65 + 0x343)).toBe('0000000000000000'); // mtval
    // M-mode does not translate.
    m.hart.priv = Priv.M;
    expect(mem.translate(0x12345000, 0)).toBe(0x12345000);
  });

  test('two stages with V=1: vsatp Bare over an Sv39x4 G-stage', () => {
    const m = new Machine({ memSize: 1 << 20, isa: 'rv64imafdch_zicsr_zifencei' });
    const root = RAM_BASE + 0x10000; // 16 KiB aligned
    const b = new Uint8Array(8);
    // GPA 0..1 GiB -> RAM: a G-stage gigapage (U = 1, as every G-stage leaf must be).
    new DataView(b.buffer).setBigUint64(0, (BigInt(RAM_BASE / 4096) << 10n) | 0xdfn, true);
    m.mmu.writePhys(root, b);
    m.csr.hgatpHi = 8 << 28;
    m.csr.hgatpLo = root / 4096;
    m.hart.priv = Priv.S;
    m.hart.virt = 1;
    m.mmu.flush();
    const mem = new DebugMemory(m);
    expect(mem.translate(0x5000, 0)).toBe(RAM_BASE + 0x5000);
    expect(mem.translate(0x40000000, 0)).toBe(-1); // GPA beyond the mapping
    m.hart.virt = 0;
    expect(mem.translate(0x5000, 0)).toBe(0x5000); // HS with satp Bare
  });

  test('the m packet answers E14 for an unmapped address', async () => {
    const m = paged();
    const { c, outcome } = await attach(m);
    expect(await c.cmd('m12345000,4')).toBe('deadbeef');
    expect(await c.cmd('m12346000,4')).toBe('E14');
    expect(await c.cmd(`p${PRIV_REGNUM.toString(16)}`)).toBe('0100000000000000');
    expect(await c.cmd(`P${PRIV_REGNUM.toString(16)}=0300000000000000`)).toBe('OK');
    expect(await c.cmd('m12346000,4')).toBe('E14'); // M-mode: physical, and nothing is there
    expect(await c.cmd(`P${PRIV_REGNUM.toString(16)}=0200000000000000`)).toBe('E01');
    c.sock.write(frame('vKill;1'));
    expect(await c.reply()).toBe('OK');
    expect((await outcome).kind).toBe('killed');
  });
});

describe.skipIf(!distBuilt())('the command line', () => {
  test('a bad --gdb port is one line and exit 2', async () => {
    const r = await rvsim(['run', 'programs/build/hello.elf', '--gdb', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("rvsim: bad --gdb 'abc': expected a TCP port number (0-65535)\n");
  });

  test('a port in use is one line and exit 2', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await rvsim(['run', 'programs/build/hello.elf', '--gdb', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`rvsim: --gdb: cannot listen on 127.0.0.1:${port}: address in use\n`);
    } finally {
      server.close();
    }
  });
});
