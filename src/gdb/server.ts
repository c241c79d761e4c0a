/**
 * `--gdb PORT`: a gdb remote-serial-protocol stub on 127.0.0.1 (gdb manual, "Remote Protocol").
 * One client; all-stop; one thread. The machine is stopped when gdb connects and runs only when
 * gdb says continue or step, in chunks with a turn of the event loop between them so a Ctrl-C
 * (0x03) from gdb is seen while the guest runs; it then stops with SIGINT (T02).
 *
 * Packets: qSupported (PacketSize, qXfer:features:read+, swbreak+, hwbreak+, QStartNoAckMode+,
 * vContSupported+), QStartNoAckMode, qXfer:features:read:target.xml, ?, g/G, p/P, m/M/X (virtual
 * addresses through the current translation, src/gdb/memory.ts), Z0-Z4/z0-z4, c/s/C/S (with an
 * optional address), vCont? and vCont;c/s, qAttached, qC, qfThreadInfo/qsThreadInfo, H, T, k,
 * vKill, D. Anything else gets the empty reply ("not supported").
 *
 * Stop replies: T05 with swbreak:/hwbreak:/watch:/rwatch:/awatch: for breakpoints and watchpoints,
 * T05 after a step, T02 after Ctrl-C, W<code> when the program exits, X18 (SIGXCPU) when the
 * --max-insns limit is reached. After W or X the session ends when gdb hangs up.
 *
 * How the session ends: gdb kills the program (k, vKill: rvsim stops), detaches (D) or hangs up
 * (the program runs on to its end without the debugger), or the program ends while debugged.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Machine, RunResult } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { BpType, Debugger, type Stop, WpType } from './debugger.js';
import { DebugMemory } from './memory.js';
import { escapeBinary, fromHex, frame, hex2, PacketReader, parseAddr, addrHex, toHex, unescapeBinary } from './packet.js';
import { RegisterFile } from './registers.js';

export interface GdbOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (see onListening). */
  port: number;
  /** The run ends with reason 'limit' after this many instructions in total. */
  maxInsns?: number;
  /** Called after every chunk of guest instructions (flushes the console). */
  flush?: () => void;
  /** Told the port once the stub listens. */
  onListening?: (port: number) => void;
  /** One line for the user (stderr), without the newline. */
  log?: (line: string) => void;
  /** Instructions per chunk between looks for a Ctrl-C (default 262144). */
  chunk?: number;
}

export type GdbOutcome =
  /** The program ran to an end (exit, instruction limit, a hart asleep for good) while debugged or after gdb left. */
  | { kind: 'ended'; result: RunResult }
  /** gdb killed the program. */
  | { kind: 'killed'; instret: number };

/** Exit code of `rvsim run --gdb` when gdb kills the program (as a shell reports SIGKILL). */
export const EXIT_KILLED = 137;

const PACKET_SIZE = 0x4000;
/** The most bytes one m packet returns (its hex must fit in PACKET_SIZE). */
const MAX_READ = (PACKET_SIZE - 16) / 2;
const SIGINT = 2;
const SIGTRAP = 5;
const SIGXCPU = 24;

export function serveGdb(m: Machine, o: GdbOptions): Promise<GdbOutcome> {
  return new Promise<GdbOutcome>((resolve, reject) => {
    let session: Session | null = null;
    const server: Server = createServer((sock) => {
      if (session !== null) {
        sock.destroy(); // one client at a time: the first one owns the machine
        return;
      }
      server.close();
      session = new Session(sock, m, o, (outcome, err) => {
        if (err !== undefined) reject(err);
        else resolve(outcome!);
      });
    });
    server.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'address in use' : e.code === 'EACCES' ? 'permission denied' : (e.code ?? e.message);
      reject(new HostError(`--gdb: cannot listen on 127.0.0.1:${o.port}: ${why}`));
    });
    server.listen(o.port, '127.0.0.1', () => {
      const addr = server.address();
      o.onListening?.(typeof addr === 'object' && addr !== null ? addr.port : o.port);
    });
  });
}

class Session {
  private readonly reader = new PacketReader();
  private readonly dbg: Debugger;
  private readonly regs: RegisterFile;
  private readonly mem: DebugMemory;
  private noAck = false;
  private lastSent = '';
  private running = false;
  private interrupt = false;
  private lastStop = `T${hex2(SIGTRAP)}thread:01;`;
  /** Set once the program has ended while debugged: the outcome, given when gdb hangs up. */
  private ended: GdbOutcome | null = null;
  private finished = false;
  private readonly chunk: number;

  constructor(
    private readonly sock: Socket,
    private readonly m: Machine,
    private readonly o: GdbOptions,
    private readonly done: (outcome: GdbOutcome | null, err?: unknown) => void,
  ) {
    this.dbg = new Debugger(m, { maxInsns: o.maxInsns, flush: o.flush });
    this.regs = new RegisterFile(m);
    this.mem = new DebugMemory(m);
    this.chunk = o.chunk ?? 1 << 18;
    sock.setNoDelay(true);
    sock.on('data', (b: Buffer) => this.onData(b));
    sock.on('error', () => {}); // a reset is followed by 'close'
    sock.on('close', () => this.onClose());
  }

  private onData(b: Buffer): void {
    for (const ev of this.reader.push(b)) {
      if (this.finished) return;
      switch (ev.kind) {
        case 'interrupt':
          if (this.running) this.interrupt = true;
          break;
        case 'nack':
          if (!this.noAck && this.lastSent !== '') this.sock.write(this.lastSent, 'latin1');
          break;
        case 'ack':
          break;
        case 'bad':
          if (!this.noAck) this.sock.write('-');
          break;
        case 'packet':
          if (!this.noAck) this.sock.write('+');
          try {
            this.handle(ev.data);
          } catch (e) {
            this.finish(null, e);
          }
          break;
      }
    }
  }

  private send(data: string): void {
    if (this.finished) return;
    this.lastSent = frame(data);
    this.sock.write(this.lastSent, 'latin1');
  }

  private finish(outcome: GdbOutcome | null, err?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.running = false;
    this.sock.end();
    this.sock.destroy();
    this.done(outcome, err);
  }

  private onClose(): void {
    if (this.finished) return;
    if (this.ended !== null) return this.finish(this.ended);
    // gdb went away without killing or detaching: as after a detach, the program runs on.
    this.o.log?.('rvsim: gdb disconnected; the program runs on without it');
    this.detach();
  }

  private detach(): void {
    this.running = false;
    this.finished = true;
    this.sock.destroy();
    try {
      this.done({ kind: 'ended', result: this.dbg.runFree() });
    } catch (e) {
      this.done(null, e);
    }
  }

  private handle(p: string): void {
    if (this.running) return; // all-stop: gdb sends nothing but Ctrl-C while the target runs
    switch (p[0]) {
      case 'q':
        return this.query(p);
      case 'Q':
        if (p === 'QStartNoAckMode') {
          this.send('OK');
          this.noAck = true;
          return;
        }
        return this.send('');
      case '?':
        return this.send(this.lastStop);
      case 'g':
        return this.send(this.regs.readGeneral());
      case 'G':
        return this.send(this.regs.writeGeneral(p.slice(1)) ? 'OK' : 'E01');
      case 'p': {
        const v = /^[0-9a-fA-F]+$/.test(p.slice(1)) ? this.regs.readHex(parseInt(p.slice(1), 16)) : null;
        return this.send(v ?? 'E01');
      }
      case 'P': {
        const mt = /^([0-9a-fA-F]+)=([0-9a-fA-F]+)$/.exec(p.slice(1));
        return this.send(mt !== null && this.regs.writeHex(parseInt(mt[1], 16), mt[2]) ? 'OK' : 'E01');
      }
      case 'm':
        return this.readMemory(p.slice(1));
      case 'M':
      case 'X':
        return this.writeMemory(p);
      case 'Z':
      case 'z':
        return this.point(p);
      case 'c':
      case 's':
      case 'C':
      case 'S': {
        // c [addr], s [addr], C sig[;addr], S sig[;addr]: the signal is not delivered (bare metal).
        const arg = p[0] === 'c' || p[0] === 's' ? p.slice(1) : (p.split(';')[1] ?? '');
        if (arg !== '') {
          const a = parseAddr(arg);
          if (a === null) return this.send('E01');
          this.m.hart.pcLo = a.lo;
          this.m.hart.pcHi = a.hi;
        }
        return this.start(p[0] === 's' || p[0] === 'S');
      }
      case 'v':
        return this.vPacket(p);
      case 'H':
      case 'T':
        return this.send('OK');
      case 'k':
        return this.kill();
      case 'D':
        this.send('OK');
        this.o.log?.('rvsim: gdb detached; the program runs on without it');
        return this.detach();
      default:
        return this.send('');
    }
  }

  private query(p: string): void {
    if (p.startsWith('qSupported')) {
      return this.send(`PacketSize=${PACKET_SIZE.toString(16)};qXfer:features:read+;swbreak+;hwbreak+;QStartNoAckMode+;vContSupported+`);
    }
    if (p.startsWith('qXfer:features:read:')) {
      const mt = /^qXfer:features:read:([^:]*):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(p);
      if (mt === null) return this.send('E00');
      if (mt[1] !== 'target.xml') return this.send('E00');
      const xml = this.regs.targetXml();
      const off = parseInt(mt[2], 16);
      const len = parseInt(mt[3], 16);
      if (off > xml.length) return this.send('E00');
      const part = xml.slice(off, off + len);
      return this.send((off + len >= xml.length ? 'l' : 'm') + escapeBinary(part));
    }
    if (p === 'qAttached' || p.startsWith('qAttached:')) return this.send('1');
    if (p === 'qC') return this.send('QC1');
    if (p === 'qfThreadInfo') return this.send('m1');
    if (p === 'qsThreadInfo') return this.send('l');
    if (p.startsWith('qSymbol')) return this.send('OK');
    return this.send('');
  }

  private vPacket(p: string): void {
    if (p === 'vCont?') return this.send('vCont;c;C;s;S');
    if (p.startsWith('vCont;')) {
      // Actions in order; the first one for our thread (or for all threads) applies.
      for (const action of p.slice(6).split(';')) {
        const a = action.split(':')[0];
        if (a[0] === 'c' || a[0] === 'C') return this.start(false);
        if (a[0] === 's' || a[0] === 'S') return this.start(true);
      }
      return this.send('E01');
    }
    if (p.startsWith('vKill')) {
      this.send('OK');
      return this.kill();
    }
    return this.send('');
  }

  private kill(): void {
    this.o.log?.('rvsim: killed by gdb');
    this.finish(this.ended ?? { kind: 'killed', instret: this.m.hart.instret });
  }

  /** m addr,len */
  private readMemory(args: string): void {
    const mt = /^([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(args);
    const a = mt === null ? null : parseAddr(mt[1]);
    if (mt === null || a === null) return this.send('E01');
    const len = Math.min(parseInt(mt[2], 16), MAX_READ);
    if (len === 0) return this.send('');
    const bytes = this.mem.read(a.lo, a.hi, len);
    this.send(bytes.length === 0 ? 'E14' : toHex(bytes));
  }

  /** M addr,len:hex and X addr,len:binary */
  private writeMemory(p: string): void {
    const colon = p.indexOf(':');
    const mt = colon < 0 ? null : /^([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(p.slice(1, colon));
    const a = mt === null ? null : parseAddr(mt[1]);
    if (mt === null || a === null) return this.send('E01');
    const len = parseInt(mt[2], 16);
    const payload = p.slice(colon + 1);
    let bytes: Uint8Array | null;
    if (p[0] === 'M') bytes = fromHex(payload);
    else bytes = new Uint8Array(Buffer.from(unescapeBinary(payload), 'latin1'));
    if (bytes === null || bytes.length !== len) return this.send('E01');
    if (len === 0) return this.send('OK'); // gdb probes X support with an empty write
    this.send(this.mem.write(a.lo, a.hi, bytes) ? 'OK' : 'E14');
  }

  /** Z/z type,addr,kind */
  private point(p: string): void {
    const mt = /^([zZ])([0-4]),([0-9a-fA-F]+),([0-9a-fA-F]+)(;.*)?$/.exec(p);
    const a = mt === null ? null : parseAddr(mt[3]);
    if (mt === null || a === null) return this.send('E01');
    const insert = mt[1] === 'Z';
    const type = Number(mt[2]);
    const len = parseInt(mt[4], 16);
    if (type <= 1) {
      const t = type === 0 ? BpType.Software : BpType.Hardware;
      if (insert) this.dbg.addBreakpoint(t, a.lo, a.hi);
      else if (!this.dbg.removeBreakpoint(t, a.lo, a.hi)) return this.send('E01');
      return this.send('OK');
    }
    if (!(len > 0 && len <= 0x10000)) return this.send('E01');
    const wt = type as WpType;
    if (insert) this.dbg.addWatchpoint(wt, a.lo, a.hi, len);
    else if (!this.dbg.removeWatchpoint(wt, a.lo, a.hi, len)) return this.send('E01');
    this.send('OK');
  }

  // ---- running

  private start(step: boolean): void {
    if (this.ended !== null) return this.send(this.lastStop); // the program has ended already
    this.dbg.resume(step);
    this.running = true;
    this.interrupt = false;
    setImmediate(this.tick);
  }

  private readonly tick = (): void => {
    if (!this.running || this.finished) return;
    let stop: Stop | null;
    try {
      stop = this.dbg.runFor(this.chunk);
    } catch (e) {
      return this.finish(null, e);
    }
    if (stop !== null) {
      this.running = false;
      return this.report(stop);
    }
    if (this.interrupt) {
      this.running = false;
      this.lastStop = `T${hex2(SIGINT)}thread:01;`;
      return this.send(this.lastStop);
    }
    setImmediate(this.tick);
  };

  private report(s: Stop): void {
    const t = `T${hex2(SIGTRAP)}thread:01;`;
    switch (s.kind) {
      case 'breakpoint':
        this.lastStop = t + (s.type === BpType.Software ? 'swbreak:;' : 'hwbreak:;');
        break;
      case 'watchpoint': {
        const name = s.type === WpType.Write ? 'watch' : s.type === WpType.Read ? 'rwatch' : 'awatch';
        this.lastStop = `${t}${name}:${addrHex(s.lo, s.hi)};`;
        break;
      }
      case 'step':
        this.lastStop = t;
        break;
      case 'deadlock':
        this.o.log?.('rvsim: the hart waits in WFI for an interrupt that nothing can raise');
        this.lastStop = t;
        break;
      case 'exit':
        this.ended = { kind: 'ended', result: s.result };
        this.lastStop = `W${hex2(s.result.exitCode!)}`;
        break;
      case 'limit':
        this.ended = { kind: 'ended', result: s.result };
        this.lastStop = `X${hex2(SIGXCPU)}`;
        break;
    }
    this.send(this.lastStop);
  }
}

/** `--gdb PORT`: a TCP port, 0 (any free port) to 65535. */
export function parseGdbPort(s: string): number {
  const n = /^\s*\d{1,5}\s*$/.test(s) ? Number(s) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new HostError(`bad --gdb '${s}': expected a TCP port number (0-65535)`);
  return n;
}
