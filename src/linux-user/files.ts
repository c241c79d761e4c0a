/**
 * The process's file descriptors over host files. Each guest descriptor names an open file
 * description (shared by dup), which holds a host fd and the file position: Node has no lseek, so
 * regular files are read and written at explicit positions kept here. Descriptors 0-2 are the
 * host's stdin, stdout and stderr, read and written at the host's own position.
 */
import * as fs from 'node:fs';
import { isatty } from 'node:tty';
import { E, ERRNO_BY_CODE, O } from './abi.js';

export interface OpenFile {
  /** Host file descriptor. */
  host: number;
  /** Host path (for directory fds as *at bases, and getdents64); '' for the standard streams. */
  path: string;
  /** File position for regular files and directories; null: the host's own (streams). */
  pos: number | null;
  /** open(2) flags (access mode, O_APPEND, O_NONBLOCK...). */
  flags: number;
  isDir: boolean;
  refs: number;
  /** Directory listing snapshot taken at the first getdents64. */
  entries?: Uint8Array[];
}

/** A host failure as a negative guest errno. */
export function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== undefined && code in ERRNO_BY_CODE) return -ERRNO_BY_CODE[code];
  if (code === undefined) throw e;
  return -E.IO;
}

/** Guest open flags to Node's (the host's) numbers. */
export function hostOpenFlags(f: number): number {
  const c = fs.constants;
  let h = (f & O.ACCMODE) === O.WRONLY ? c.O_WRONLY : (f & O.ACCMODE) === O.RDWR ? c.O_RDWR : c.O_RDONLY;
  if (f & O.CREAT) h |= c.O_CREAT;
  if (f & O.EXCL) h |= c.O_EXCL;
  if (f & O.NOCTTY) h |= c.O_NOCTTY;
  if (f & O.TRUNC) h |= c.O_TRUNC;
  if (f & O.APPEND) h |= c.O_APPEND;
  if (f & O.DIRECTORY) h |= c.O_DIRECTORY;
  if (f & O.NOFOLLOW) h |= c.O_NOFOLLOW;
  if ((f & O.SYNC) === O.SYNC) h |= c.O_SYNC;
  else if (f & O.DSYNC) h |= c.O_DSYNC;
  return h;
}

export class FdTable {
  private readonly fds: (OpenFile | undefined)[] = [];

  constructor() {
    for (let fd = 0; fd < 3; fd++) {
      this.fds[fd] = { host: fd, path: '', pos: null, flags: fd === 0 ? 0 : O.WRONLY, isDir: false, refs: 1 };
    }
  }

  get(fd: number): OpenFile | undefined {
    return fd >= 0 ? this.fds[fd] : undefined;
  }

  /** The lowest free descriptor at or above `min`, now naming `f`. */
  add(f: OpenFile, min = 0): number {
    let fd = min;
    while (this.fds[fd] !== undefined) fd++;
    this.fds[fd] = f;
    return fd;
  }

  /** dup2/dup3: `fd` names `f` (closing what it named). */
  set(fd: number, f: OpenFile): void {
    this.close(fd);
    f.refs++;
    this.fds[fd] = f;
  }

  /** Closes a descriptor; the host file is closed with its last descriptor (never the host's 0-2). */
  close(fd: number): boolean {
    const f = this.get(fd);
    if (f === undefined) return false;
    this.fds[fd] = undefined;
    if (--f.refs === 0 && f.path !== '') {
      try {
        fs.closeSync(f.host);
      } catch {
        // The descriptor goes away whatever the host says (as close(2) on Linux).
      }
    }
    return true;
  }

  /** Closes every host file (at exit). */
  closeAll(): void {
    for (let fd = 0; fd < this.fds.length; fd++) this.close(fd);
  }
}

/** Whether a host descriptor is a terminal. */
export function hostIsTty(host: number): boolean {
  return isatty(host);
}

const TWO32 = 4294967296;

function put64(dv: DataView, at: number, v: bigint | number): void {
  const b = BigInt.asUintN(64, BigInt(v));
  dv.setUint32(at, Number(b & 0xffffffffn), true);
  dv.setUint32(at + 4, Number(b >> 32n), true);
}

/** struct stat of asm-generic (riscv64): 128 bytes. */
export function encodeStat(s: fs.BigIntStats): Uint8Array {
  const out = new Uint8Array(128);
  const dv = new DataView(out.buffer);
  put64(dv, 0, s.dev);
  put64(dv, 8, s.ino);
  dv.setUint32(16, Number(s.mode), true);
  dv.setUint32(20, Number(s.nlink), true);
  dv.setUint32(24, Number(s.uid), true);
  dv.setUint32(28, Number(s.gid), true);
  put64(dv, 32, s.rdev);
  put64(dv, 48, s.size);
  dv.setInt32(56, Number(s.blksize), true);
  put64(dv, 64, s.blocks);
  const time = (at: number, ns: bigint) => {
    put64(dv, at, ns / 1_000_000_000n);
    put64(dv, at + 8, ns % 1_000_000_000n);
  };
  time(72, s.atimeNs);
  time(88, s.mtimeNs);
  time(104, s.ctimeNs);
  return out;
}

/** The 64-bit little-endian encoding of a JS number (< 2^53) or negative number. */
export function u64(v: number): Uint8Array {
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, v >>> 0, true);
  dv.setUint32(4, Math.floor(v / TWO32) >>> 0, true);
  return out;
}

/** linux_dirent64 records for a directory (".", "..", then its entries). */
export function direntRecords(path: string): Uint8Array[] {
  const enc = new TextEncoder();
  const names = ['.', '..', ...fs.readdirSync(path)];
  const out: Uint8Array[] = [];
  for (const name of names) {
    let ino = 0n;
    let type = 0;
    try {
      const st = fs.lstatSync(`${path}/${name}`, { bigint: true });
      ino = st.ino;
      type = st.isFile() ? 8 : st.isDirectory() ? 4 : st.isSymbolicLink() ? 10 : st.isCharacterDevice() ? 2 : st.isBlockDevice() ? 6 : st.isFIFO() ? 1 : st.isSocket() ? 12 : 0;
    } catch {
      // Gone meanwhile: listed with unknown type, as a racing readdir would.
    }
    const nb = enc.encode(name);
    const len = Math.ceil((19 + nb.length + 1) / 8) * 8;
    const r = new Uint8Array(len);
    const dv = new DataView(r.buffer);
    put64(dv, 0, ino);
    put64(dv, 8, out.length + 1);
    dv.setUint16(16, len, true);
    r[18] = type;
    r.set(nb, 19);
    out.push(r);
  }
  return out;
}
