/**
 * The Linux system calls of a single-threaded static program, answered on the host. Arguments come
 * from a0-a5, the number from a7, the result goes to a0 (a negative errno on failure), as the
 * RISC-V Linux ABI defines. Time is simulated time (1 ns per core cycle, realtime from a fixed
 * epoch); "random" bytes come from a seeded generator. Any system call not handled here returns
 * -ENOSYS, as QEMU's linux-user does, after one warning line per call number on stderr.
 */
import * as fs from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  AT_EMPTY_PATH, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, E, MAP_ANONYMOUS, MAP_FIXED,
  MAP_FIXED_NOREPLACE, MAP_SHARED, MREMAP_FIXED, MREMAP_MAYMOVE, O, PROT_EXEC, PROT_READ, PROT_WRITE,
  SIGNAL_DEFAULT_IGNORED, SIGNAL_NAMES, SYSCALL_NAMES,
} from './abi.js';
import { direntRecords, encodeStat, errnoOf, hostIsTty, hostOpenFlags, type OpenFile, u64 } from './files.js';
import { PAGE, pageUp, USER_TOP } from './memory.js';
import type { LinuxProcess } from './process.js';

const TWO32 = 4294967296;
/** CLOCK_REALTIME at simulated time 0: 2024-01-01T00:00:00Z (fixed, so runs are deterministic). */
export const EPOCH_SECONDS = 1704067200;
/** The process and thread id the program sees. */
export const PID = 1000;
const RLIM_INFINITY = -1;
const NS = 1_000_000_000;

/** Calls answered -ENOSYS without a warning: probes glibc makes and handles (as QEMU 7.2 answers them). */
const SILENT_ENOSYS = new Set([258 /* riscv_hwprobe */, 293 /* rseq */]);

const enc = new TextEncoder();
const dec = new TextDecoder();

export class Syscalls {
  private brkStart: number;
  private brkCur: number;
  private cwd = process.cwd();
  private umask = 0o022;
  private readonly warned = new Set<number>();
  private sigmask = new Uint8Array(8);
  /** Installed signal actions (24-byte struct sigaction), by signal. */
  private readonly actions = new Map<number, Uint8Array>();
  private readonly x: Int32Array;

  constructor(
    private readonly p: LinuxProcess,
    brk: number,
    private readonly mmapTop: number,
  ) {
    this.brkStart = brk;
    this.brkCur = brk;
    this.x = p.machine.hart.x;
  }

  // ---- arguments and result

  /** a(i) as a signed 32-bit int (fds, flags, int arguments). */
  private i(n: number): number {
    return this.x[20 + 2 * n];
  }

  /** a(i) as an unsigned 64-bit number (pointers, sizes); above 2^53 it is inexact but still huge. */
  private u(n: number): number {
    return (this.x[21 + 2 * n] >>> 0) * TWO32 + (this.x[20 + 2 * n] >>> 0);
  }

  /** a(i) as a signed 64-bit number (offsets). */
  private s(n: number): number {
    return this.x[21 + 2 * n] * TWO32 + (this.x[20 + 2 * n] >>> 0);
  }

  private ret(v: number): void {
    this.x[20] = v % TWO32 | 0;
    this.x[21] = Math.floor(v / TWO32) | 0;
  }

  private put(va: number, b: Uint8Array): boolean {
    return this.p.mem.write(va, b);
  }

  private str(va: number): string | null {
    const b = this.p.mem.readCString(va);
    return b === null ? null : dec.decode(b);
  }

  /** A path argument resolved against dirfd; a negative errno on failure. */
  private path(dirfd: number, va: number, emptyOk = false): string | number {
    const s = this.str(va);
    if (s === null) return -E.FAULT;
    if (s === '' && !emptyOk) return -E.NOENT;
    if (s === '/proc/self/exe') return this.p.exePath;
    if (isAbsolute(s)) return s;
    if (dirfd === AT_FDCWD) return resolve(this.cwd, s);
    const f = this.p.files.get(dirfd);
    if (f === undefined) return -E.BADF;
    if (!f.isDir) return -E.NOTDIR;
    return resolve(f.path, s);
  }

  private file(fd: number): OpenFile | number {
    return this.p.files.get(fd) ?? -E.BADF;
  }

  /** Simulated nanoseconds since the start (the core's 1 GHz clock). */
  private nowNs(): number {
    return this.p.machine.cycles();
  }

  // ---- dispatch

  dispatch(): void {
    const nr = this.x[34];
    let r: number;
    try {
      r = this.call(nr);
    } catch (e) {
      r = errnoOf(e);
    }
    this.ret(r);
  }

  private unsupported(nr: number): number {
    if (!SILENT_ENOSYS.has(nr) && !this.warned.has(nr)) {
      this.warned.add(nr);
      const name = SYSCALL_NAMES[nr] ?? 'unknown';
      this.p.warn(`rvsim: warning: unsupported Linux system call ${nr} (${name}) at pc ${this.p.faultPc()}: returning -ENOSYS`);
    }
    return -E.NOSYS;
  }

  private call(nr: number): number {
    switch (nr) {
      case 17: return this.getcwd(this.u(0), this.u(1));
      case 23: return this.dup(this.i(0), 0);
      case 24: return this.dup3(this.i(0), this.i(1), this.i(2));
      case 25: return this.fcntl(this.i(0), this.i(1), this.i(2));
      case 29: return this.ioctl(this.i(0), this.u(1) >>> 0, this.u(2));
      case 34: return this.atPath(this.i(0), this.u(1), (p) => fs.mkdirSync(p, { mode: this.i(2) & ~this.umask & 0o7777 }));
      case 35: return this.atPath(this.i(0), this.u(1), (p) => (this.i(2) & AT_REMOVEDIR ? fs.rmdirSync(p) : fs.unlinkSync(p)));
      case 46: return this.ftruncate(this.i(0), this.s(1));
      case 48: case 439: return this.atPath(this.i(0), this.u(1), (p) => fs.accessSync(p, this.i(2) & 7));
      case 49: return this.chdir(this.path(AT_FDCWD, this.u(0)));
      case 50: { const f = this.file(this.i(0)); return typeof f === 'number' ? f : this.chdir(f.path); }
      case 56: return this.openat(this.i(0), this.u(1), this.i(2), this.i(3));
      case 57: return this.p.files.close(this.i(0)) ? 0 : -E.BADF;
      case 61: return this.getdents64(this.i(0), this.u(1), this.u(2));
      case 62: return this.lseek(this.i(0), this.s(1), this.i(2));
      case 63: return this.read(this.i(0), this.u(1), this.u(2), null);
      case 64: return this.write(this.i(0), this.u(1), this.u(2), null);
      case 65: return this.readv(this.i(0), this.u(1), this.i(2));
      case 66: return this.writev(this.i(0), this.u(1), this.i(2));
      case 67: return this.s(3) < 0 ? -E.INVAL : this.read(this.i(0), this.u(1), this.u(2), this.s(3));
      case 68: return this.s(3) < 0 ? -E.INVAL : this.write(this.i(0), this.u(1), this.u(2), this.s(3));
      case 78: return this.readlinkat(this.i(0), this.u(1), this.u(2), this.u(3));
      case 79: return this.fstatat(this.i(0), this.u(1), this.u(2), this.i(3));
      case 80: return this.fstat(this.i(0), this.u(1));
      case 82: case 83: {
        const f = this.file(this.i(0));
        if (typeof f === 'number') return f;
        if (f.path !== '') fs.fsyncSync(f.host);
        return 0;
      }
      case 93: case 94:
        this.p.exit(this.i(0));
        return 0;
      case 96: return PID; // set_tid_address: no thread ever exits before the process
      case 98: return this.futex(this.u(0), this.i(1), this.i(2));
      case 99: return 0; // set_robust_list: one thread, nothing to clean up
      case 101: return this.sleep(this.u(0), false, 0);
      case 113: return this.clockGettime(this.i(0), this.u(1));
      case 114: return this.i(0) < 0 || this.i(0) > 11 ? -E.INVAL : this.u(1) === 0 || this.put(this.u(1), timespec(0, 1)) ? 0 : -E.FAULT;
      case 115: return this.sleep(this.u(2), (this.i(1) & 1) !== 0, this.i(0));
      case 122: return 0; // sched_setaffinity: one CPU
      case 123: return this.u(1) < 8 ? -E.INVAL : this.put(this.u(2), u64(1)) ? 8 : -E.FAULT;
      case 124: return 0; // sched_yield
      case 129: return this.i(0) === PID || this.i(0) === 0 || this.i(0) === -1 ? this.raise(this.i(1)) : -E.SRCH;
      case 130: return this.i(0) === PID ? this.raise(this.i(1)) : -E.SRCH;
      case 131: return this.i(0) === PID && this.i(1) === PID ? this.raise(this.i(2)) : -E.SRCH;
      case 132: return this.u(1) === 0 || this.put(this.u(1), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) ? 0 : -E.FAULT;
      case 134: return this.sigaction(this.i(0), this.u(1), this.u(2));
      case 135: return this.sigprocmask(this.i(0), this.u(1), this.u(2));
      case 153: return this.times(this.u(0));
      case 160: return this.uname(this.u(0));
      case 163: return this.prlimit(0, this.i(0), 0, this.u(1));
      case 164: return 0;
      case 165: return this.getrusage(this.u(1));
      case 166: { const old = this.umask; this.umask = this.i(0) & 0o777; return old; }
      case 169: return this.gettimeofday(this.u(0), this.u(1));
      case 172: case 178: return PID;
      case 173: return 1;
      case 174: case 175: return process.getuid?.() ?? 0;
      case 176: case 177: return process.getgid?.() ?? 0;
      case 179: return this.sysinfo(this.u(0));
      case 214: return this.brk(this.u(0));
      case 215: return this.munmap(this.u(0), this.u(1));
      case 216: return this.mremap(this.u(0), this.u(1), this.u(2), this.i(3));
      case 222: return this.mmap(this.u(0), this.u(1), this.i(2), this.i(3), this.i(4), this.s(5));
      case 226: return this.mprotect(this.u(0), this.u(1), this.i(2));
      case 227: case 228: case 229: case 233: return 0; // msync, mlock, munlock, madvise: no effect here
      case 261: return this.prlimit(this.i(0), this.i(1), this.u(2), this.u(3));
      case 276: return this.renameat2(this.i(0), this.u(1), this.i(2), this.u(3), this.i(4));
      case 278: { const n = Math.min(this.u(1), 1 << 25); return this.put(this.u(0), this.p.rng.bytes(n)) ? n : -E.FAULT; }
      default: return this.unsupported(nr);
    }
  }

  // ---- files

  private atPath(dirfd: number, va: number, op: (path: string) => void): number {
    const p = this.path(dirfd, va);
    if (typeof p === 'number') return p;
    op(p);
    return 0;
  }

  private getcwd(buf: number, size: number): number {
    const b = enc.encode(`${this.cwd}\0`);
    if (size < b.length) return -E.RANGE;
    return this.put(buf, b) ? b.length : -E.FAULT;
  }

  private chdir(p: string | number): number {
    if (typeof p === 'number') return p;
    if (!fs.statSync(p).isDirectory()) return -E.NOTDIR;
    this.cwd = p;
    return 0;
  }

  private openat(dirfd: number, va: number, flags: number, mode: number): number {
    const p = this.path(dirfd, va);
    if (typeof p === 'number') return p;
    const host = fs.openSync(p, hostOpenFlags(flags), (mode & ~this.umask) & 0o7777);
    let isDir = false;
    try {
      isDir = fs.fstatSync(host).isDirectory();
    } catch {
      // An fd we could open but not stat is treated as a file.
    }
    return this.p.files.add({ host, path: p, pos: 0, flags, isDir, refs: 1 });
  }

  private dup(fd: number, min: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    f.refs++;
    return this.p.files.add(f, min);
  }

  private dup3(from: number, to: number, flags: number): number {
    const f = this.file(from);
    if (typeof f === 'number') return f;
    if (from === to || (flags & ~O.CLOEXEC) !== 0 || to < 0 || to > 65535) return -E.INVAL;
    this.p.files.set(to, f);
    return to;
  }

  private fcntl(fd: number, cmd: number, arg: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    switch (cmd) {
      case 0: case 1030: return arg < 0 ? -E.INVAL : this.dup(fd, arg); // F_DUPFD(_CLOEXEC)
      case 1: case 2: return 0; // F_GETFD / F_SETFD: close-on-exec is moot without exec
      case 3: return f.flags; // F_GETFL
      case 4: f.flags = (f.flags & ~(O.APPEND | O.NONBLOCK)) | (arg & (O.APPEND | O.NONBLOCK)); return 0;
      default: return -E.INVAL;
    }
  }

  private ioctl(fd: number, req: number, arg: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    const tty = f.path === '' && hostIsTty(f.host);
    if (!tty) return -E.NOTTY;
    switch (req) {
      case 0x5401: { // TCGETS: a sane cooked-mode termios (asm-generic struct termios, 36 bytes)
        const t = new Uint8Array(36);
        const dv = new DataView(t.buffer);
        dv.setUint32(0, 0x500, true); // ICRNL | IXON
        dv.setUint32(4, 0x5, true); // OPOST | ONLCR
        dv.setUint32(8, 0xbf, true); // B38400 | CS8 | CREAD
        dv.setUint32(12, 0x8a3b, true); // ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN
        t.set([3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0], 17);
        return this.put(arg, t) ? 0 : -E.FAULT;
      }
      case 0x5413: { // TIOCGWINSZ
        const s = f.host === 0 ? process.stdin : f.host === 1 ? process.stdout : process.stderr;
        const w = new Uint8Array(8);
        const dv = new DataView(w.buffer);
        dv.setUint16(0, (s as { rows?: number }).rows ?? 24, true);
        dv.setUint16(2, (s as { columns?: number }).columns ?? 80, true);
        return this.put(arg, w) ? 0 : -E.FAULT;
      }
      case 0x5402: case 0x5403: case 0x5404: return 0; // TCSETS*: accepted, the host terminal is left alone
      default: return -E.NOTTY;
    }
  }

  private lseek(fd: number, off: number, whence: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    if (f.pos === null) return -E.SPIPE;
    let base: number;
    if (whence === 0) base = 0;
    else if (whence === 1) base = f.pos;
    else if (whence === 2) base = f.isDir ? 0 : Number(fs.fstatSync(f.host, { bigint: true }).size);
    else return -E.INVAL;
    const pos = base + off;
    if (pos < 0) return -E.INVAL;
    f.pos = pos;
    if (f.isDir) f.entries = undefined;
    return pos;
  }

  /** read / pread64 (at `at`, not moving the position). */
  private read(fd: number, buf: number, count: number, at: number | null): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    if ((f.flags & O.ACCMODE) === O.WRONLY) return -E.BADF;
    if (f.isDir) return -E.ISDIR;
    const n = Math.min(count, 1 << 24);
    const b = Buffer.alloc(n);
    const got = readHost(f.host, b, at ?? f.pos);
    if (!this.put(buf, b.subarray(0, got))) return -E.FAULT;
    if (at === null && f.pos !== null) f.pos += got;
    return got;
  }

  /** write / pwrite64. */
  private write(fd: number, buf: number, count: number, at: number | null): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    if ((f.flags & O.ACCMODE) === 0 && f.path !== '') return -E.BADF;
    const data = this.p.mem.read(buf, Math.min(count, 1 << 24));
    if (data === null) return -E.FAULT;
    return this.writeData(f, data, at);
  }

  private writeData(f: OpenFile, data: Uint8Array, at: number | null): number {
    const append = at === null && (f.flags & O.APPEND) !== 0;
    writeHost(f.host, data, append ? null : at ?? f.pos);
    if (at === null && f.pos !== null) f.pos = append ? Number(fs.fstatSync(f.host).size) : f.pos + data.length;
    return data.length;
  }

  /** The (base, len) pairs of an iovec array; null if unreadable. */
  private iovecs(va: number, n: number): [number, number][] | null {
    if (n < 0 || n > 1024) return null;
    const out: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const base = this.p.mem.readU64(va + 16 * k);
      const len = this.p.mem.readU64(va + 16 * k + 8);
      if (base === null || len === null) return null;
      out.push([base, len]);
    }
    return out;
  }

  private writev(fd: number, iov: number, n: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    if (n < 0 || n > 1024) return -E.INVAL;
    const v = this.iovecs(iov, n);
    if (v === null) return -E.FAULT;
    const parts: Uint8Array[] = [];
    for (const [base, len] of v) {
      if (len === 0) continue;
      const d = this.p.mem.read(base, len);
      if (d === null) return -E.FAULT;
      parts.push(d);
    }
    if ((f.flags & O.ACCMODE) === 0 && f.path !== '') return -E.BADF;
    return this.writeData(f, Buffer.concat(parts), null);
  }

  private readv(fd: number, iov: number, n: number): number {
    if (n < 0 || n > 1024) return -E.INVAL;
    const v = this.iovecs(iov, n);
    if (v === null) return -E.FAULT;
    let total = 0;
    for (const [base, len] of v) {
      if (len === 0) continue;
      const r = this.read(fd, base, len, null);
      if (r < 0) return total > 0 ? total : r;
      total += r;
      if (r < len) break;
    }
    return total;
  }

  private ftruncate(fd: number, len: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    if (len < 0) return -E.INVAL;
    fs.ftruncateSync(f.host, len);
    return 0;
  }

  private fstat(fd: number, buf: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    return this.put(buf, encodeStat(fs.fstatSync(f.host, { bigint: true }))) ? 0 : -E.FAULT;
  }

  private fstatat(dirfd: number, va: number, buf: number, flags: number): number {
    const s = this.str(va);
    if (s === '' && flags & AT_EMPTY_PATH) {
      if (dirfd === AT_FDCWD) return this.put(buf, encodeStat(fs.statSync(this.cwd, { bigint: true }))) ? 0 : -E.FAULT;
      return this.fstat(dirfd, buf);
    }
    const p = this.path(dirfd, va);
    if (typeof p === 'number') return p;
    const st = flags & AT_SYMLINK_NOFOLLOW ? fs.lstatSync(p, { bigint: true }) : fs.statSync(p, { bigint: true });
    return this.put(buf, encodeStat(st)) ? 0 : -E.FAULT;
  }

  private readlinkat(dirfd: number, va: number, buf: number, size: number): number {
    const p = this.path(dirfd, va);
    if (typeof p === 'number') return p;
    if (size <= 0 || size > 0x7fffffff) return -E.INVAL;
    const s = this.str(va) === '/proc/self/exe' ? Buffer.from(this.p.exePath) : fs.readlinkSync(p, { encoding: 'buffer' });
    const n = Math.min(size, s.length);
    return this.put(buf, s.subarray(0, n)) ? n : -E.FAULT;
  }

  private getdents64(fd: number, buf: number, count: number): number {
    const f = this.file(fd);
    if (typeof f === 'number') return f;
    if (!f.isDir || f.pos === null) return -E.NOTDIR;
    f.entries ??= direntRecords(f.path);
    const parts: Uint8Array[] = [];
    let size = 0;
    while (f.pos < f.entries.length && size + f.entries[f.pos].length <= count) {
      parts.push(f.entries[f.pos]);
      size += f.entries[f.pos].length;
      f.pos++;
    }
    if (parts.length === 0 && f.pos < f.entries.length) return -E.INVAL;
    return this.put(buf, Buffer.concat(parts)) ? size : -E.FAULT;
  }

  private renameat2(olddir: number, oldva: number, newdir: number, newva: number, flags: number): number {
    if (flags !== 0) return -E.INVAL;
    const from = this.path(olddir, oldva);
    if (typeof from === 'number') return from;
    const to = this.path(newdir, newva);
    if (typeof to === 'number') return to;
    fs.renameSync(from, to);
    return 0;
  }

  // ---- memory

  private brk(addr: number): number {
    if (addr < this.brkStart) return this.brkCur;
    const mem = this.p.mem;
    const oldEnd = pageUp(this.brkCur);
    const newEnd = pageUp(addr);
    if (newEnd > oldEnd) {
      if (newEnd > this.mmapTop || mem.overlaps(oldEnd, newEnd)) return this.brkCur;
      mem.addVma(oldEnd, newEnd, PROT_READ | PROT_WRITE, 'heap');
    } else if (newEnd < oldEnd) {
      mem.unmap(newEnd, oldEnd);
    }
    this.brkCur = addr;
    return addr;
  }

  private mmap(addr: number, len: number, prot: number, flags: number, fd: number, off: number): number {
    const mem = this.p.mem;
    if (len === 0 || len > USER_TOP || off < 0 || off % PAGE !== 0 || addr % PAGE !== 0) return -E.INVAL;
    len = pageUp(len);
    let f: OpenFile | undefined;
    if ((flags & MAP_ANONYMOUS) === 0) {
      f = this.p.files.get(fd);
      if (f === undefined) return -E.BADF;
      if (f.isDir || f.path === '') return -E.NODEV;
      if ((f.flags & O.ACCMODE) === O.WRONLY) return -E.ACCES;
      if (flags & MAP_SHARED && prot & PROT_WRITE) {
        this.once(-222, 'rvsim: warning: shared writable file mappings are not supported (mmap returns -ENODEV)');
        return -E.NODEV;
      }
    }
    let start: number;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
      if (addr + len > USER_TOP || addr < PAGE) return -E.NOMEM;
      if (flags & MAP_FIXED_NOREPLACE && mem.overlaps(addr, addr + len)) return -E.EXIST;
      mem.unmap(addr, addr + len);
      start = addr;
    } else if (addr !== 0 && addr + len <= this.mmapTop && addr >= pageUp(this.brkCur) && !mem.overlaps(addr, addr + len)) {
      start = addr;
    } else {
      start = mem.findFree(len, this.mmapTop, pageUp(this.brkCur) + 64 * PAGE);
      if (start < 0) return -E.NOMEM;
    }
    mem.addVma(start, start + len, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), f === undefined ? 'mmap' : f.path);
    if (f !== undefined) {
      const b = Buffer.alloc(len);
      const got = fs.readSync(f.host, b, 0, len, off);
      mem.write(start, b.subarray(0, got), true);
    }
    return start;
  }

  private munmap(addr: number, len: number): number {
    if (addr % PAGE !== 0 || len === 0 || addr + len > USER_TOP) return -E.INVAL;
    this.p.mem.unmap(addr, addr + pageUp(len));
    return 0;
  }

  private mprotect(addr: number, len: number, prot: number): number {
    if (addr % PAGE !== 0 || (prot & ~7) !== 0) return -E.INVAL;
    if (len === 0) return 0;
    return this.p.mem.protect(addr, addr + pageUp(len), prot) ? 0 : -E.NOMEM;
  }

  private mremap(old: number, oldLen: number, newLen: number, flags: number): number {
    const mem = this.p.mem;
    if (old % PAGE !== 0 || newLen === 0 || flags & MREMAP_FIXED || (flags & ~MREMAP_MAYMOVE) !== 0) return -E.INVAL;
    oldLen = pageUp(oldLen);
    newLen = pageUp(newLen);
    const v = mem.findVma(old);
    if (v === undefined || old + oldLen > v.end) return -E.FAULT;
    if (newLen <= oldLen) {
      if (newLen < oldLen) mem.unmap(old + newLen, old + oldLen);
      return old;
    }
    if (old + newLen <= this.mmapTop && !mem.overlaps(old + oldLen, old + newLen)) {
      mem.addVma(old + oldLen, old + newLen, v.prot, v.name);
      return old;
    }
    if ((flags & MREMAP_MAYMOVE) === 0) return -E.NOMEM;
    const to = mem.findFree(newLen, this.mmapTop, pageUp(this.brkCur) + 64 * PAGE);
    if (to < 0) return -E.NOMEM;
    mem.move(old, oldLen, to, newLen);
    return to;
  }

  // ---- time

  private clockGettime(clk: number, tp: number): number {
    if (clk < 0 || clk > 11) return -E.INVAL;
    const ns = this.nowNs();
    const sec = Math.floor(ns / NS) + (clk === 0 || clk === 5 || clk === 11 ? EPOCH_SECONDS : 0);
    return this.put(tp, timespec(sec, ns % NS)) ? 0 : -E.FAULT;
  }

  private gettimeofday(tv: number, tz: number): number {
    const ns = this.nowNs();
    if (tv !== 0 && !this.put(tv, timespec(EPOCH_SECONDS + Math.floor(ns / NS), Math.floor((ns % NS) / 1000)))) return -E.FAULT;
    if (tz !== 0 && !this.put(tz, new Uint8Array(8))) return -E.FAULT;
    return 0;
  }

  /** nanosleep / clock_nanosleep: simulated time moves on (the core idles), no host time passes. */
  private sleep(req: number, absolute: boolean, clk: number): number {
    const sec = this.p.mem.readU64(req);
    const nsec = this.p.mem.readU64(req + 8);
    if (sec === null || nsec === null) return -E.FAULT;
    if (nsec >= NS || sec >= 2 ** 52) return -E.INVAL;
    let ns = sec * NS + nsec;
    if (absolute) ns -= this.nowNs() + (clk === 0 ? EPOCH_SECONDS * NS : 0);
    if (ns > 0) this.p.machine.idleCycles += ns;
    return 0;
  }

  private times(buf: number): number {
    const ticks = Math.floor(this.nowNs() / 10_000_000);
    if (buf !== 0) {
      const b = new Uint8Array(32);
      b.set(u64(ticks), 0);
      if (!this.put(buf, b)) return -E.FAULT;
    }
    return ticks;
  }

  private getrusage(buf: number): number {
    const b = new Uint8Array(144);
    const ns = this.nowNs();
    b.set(timespec(Math.floor(ns / NS), Math.floor((ns % NS) / 1000)), 0);
    b.set(u64(this.p.mem.used * 4), 32); // ru_maxrss in KiB
    return this.put(buf, b) ? 0 : -E.FAULT;
  }

  // ---- process

  private uname(buf: number): number {
    const b = new Uint8Array(65 * 6);
    ['Linux', 'rvsim', '6.1.0', '#1 SMP rvsim', 'riscv64', '(none)'].forEach((s, i) => b.set(enc.encode(s), 65 * i));
    return this.put(buf, b) ? 0 : -E.FAULT;
  }

  /** struct sysinfo (64-bit layout, 112 bytes): uptime, RAM (the machine's), one process. */
  private sysinfo(buf: number): number {
    const b = new Uint8Array(112);
    const dv = new DataView(b.buffer);
    const ram = this.p.machine.ram.size;
    b.set(u64(Math.floor(this.nowNs() / NS)), 0);
    b.set(u64(ram), 32);
    b.set(u64(ram - this.p.mem.used * PAGE), 40);
    dv.setUint16(80, 1, true);
    dv.setUint32(104, 1, true);
    return this.put(buf, b) ? 0 : -E.FAULT;
  }

  private prlimit(pid: number, res: number, newp: number, oldp: number): number {
    if (pid !== 0 && pid !== PID) return -E.SRCH;
    if (res < 0 || res > 15) return -E.INVAL;
    if (oldp !== 0) {
      const lim: Record<number, [number, number]> = { 3: [8 * 1024 * 1024, RLIM_INFINITY], 4: [0, RLIM_INFINITY], 7: [1024, 4096] };
      const [cur, max] = lim[res] ?? [RLIM_INFINITY, RLIM_INFINITY];
      const b = new Uint8Array(16);
      b.set(cur < 0 ? new Uint8Array(8).fill(0xff) : u64(cur), 0);
      b.set(max < 0 ? new Uint8Array(8).fill(0xff) : u64(max), 8);
      if (!this.put(oldp, b)) return -E.FAULT;
    }
    void newp; // new limits are accepted and have no effect
    return 0;
  }

  private sigaction(sig: number, act: number, oact: number): number {
    if (sig < 1 || sig > 64 || ((sig === 9 || sig === 19) && act !== 0)) return -E.INVAL;
    if (oact !== 0 && !this.put(oact, this.actions.get(sig) ?? new Uint8Array(24))) return -E.FAULT;
    if (act !== 0) {
      const a = this.p.mem.read(act, 24);
      if (a === null) return -E.FAULT;
      this.actions.set(sig, a);
    }
    return 0;
  }

  private sigprocmask(how: number, set: number, oset: number): number {
    if (oset !== 0 && !this.put(oset, this.sigmask)) return -E.FAULT;
    if (set !== 0) {
      const s = this.p.mem.read(set, 8);
      if (s === null) return -E.FAULT;
      if (how < 0 || how > 2) return -E.INVAL;
      for (let k = 0; k < 8; k++) {
        this.sigmask[k] = how === 0 ? this.sigmask[k] | s[k] : how === 1 ? this.sigmask[k] & ~s[k] : s[k];
      }
    }
    return 0;
  }

  /** A signal the program sends itself (raise, abort): ignored, or the default action ends it. */
  private raise(sig: number): number {
    if (sig === 0) return 0;
    if (sig < 1 || sig > 64) return -E.INVAL;
    const a = this.actions.get(sig);
    const handler = a === undefined ? 0 : new DataView(a.buffer).getUint32(0, true) + new DataView(a.buffer).getUint32(4, true) * TWO32;
    const name = SIGNAL_NAMES[sig] ?? `signal ${sig}`;
    if (handler === 1 || (handler === 0 && SIGNAL_DEFAULT_IGNORED.has(sig))) return 0;
    if (handler !== 0) {
      this.p.kill(sig, `it raised ${name} with a handler installed, and rvsim does not deliver signals to handlers`);
      return 0;
    }
    this.p.kill(sig, `it raised ${name} itself (pc ${this.p.faultPc()})`);
    return 0;
  }

  private futex(uaddr: number, op: number, val: number): number {
    const cmd = op & 0x7f;
    if (cmd === 1 || cmd === 10) return 0; // FUTEX_WAKE(_BITSET): no other thread to wake
    if (cmd === 0 || cmd === 9) {
      const cur = this.p.mem.read(uaddr, 4);
      if (cur === null) return -E.FAULT;
      if (new DataView(cur.buffer).getInt32(0, true) !== val) return -E.AGAIN;
      this.p.warn('rvsim: the program waits on a futex that no other thread can wake (it has only one thread)');
      this.p.exit(125);
      return 0;
    }
    return this.unsupported(98);
  }

  private once(key: number, line: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.p.warn(line);
  }
}

function timespec(sec: number, nsec: number): Uint8Array {
  const b = new Uint8Array(16);
  b.set(u64(sec), 0);
  b.set(u64(nsec), 8);
  return b;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** A read from a host fd, waiting out EAGAIN (a non-blocking stdin); 0 at end of file. */
function readHost(fd: number, b: Uint8Array, pos: number | null): number {
  for (;;) {
    try {
      return fs.readSync(fd, b, 0, b.length, pos);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(sleepCell, 0, 0, 10);
      else if (code === 'EOF') return 0;
      else throw e;
    }
  }
}

/** Writes all of `b` to a host fd (at `pos`, or the host's position when null), waiting out EAGAIN. */
function writeHost(fd: number, b: Uint8Array, pos: number | null): void {
  let done = 0;
  while (done < b.length) {
    try {
      done += fs.writeSync(fd, b, done, b.length - done, pos === null ? null : pos + done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(sleepCell, 0, 0, 10);
    }
  }
}
