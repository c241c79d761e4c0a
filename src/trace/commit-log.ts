/**
 * `--log-commits`: Spike's commit log (`spike -l --log-commits`), one line per retired instruction,
 * so that a trace of rvsim can be diffed line by line against Spike's. The format is Spike's
 * `commit_log_print_insn` (riscv/execute.cc):
 *
 *   core   0: 3 0x0000000080000000 (0x00000297) x5  0x0000000080000000
 *   core   0: 3 0x0000000080000010 (0x0505) x10 0x0000000000000001
 *   core   0: 3 0x0000000080000014 (0x00b53023) mem 0x0000000080001000 0x0000000000000007
 *   core   0: 3 0x0000000080000018 (0x30529073) c773_mtvec 0x0000000080000040
 *
 * - `core%4d: ` then the privilege the instruction ran in (0 U, 1 S, 3 M; Spike prints no V bit,
 *   so VS-mode shows as 1 and VU-mode as 0), the pc as 16 hex digits and the instruction bits as 4
 *   (compressed) or 8 hex digits, exactly as fetched.
 * - Register writes in Spike's map order (key = number << 4 | kind, so sorted by register number,
 *   x before f before CSR of the same number): ` x%-2d `, ` f%-2d ` (64-bit value, NaN-boxed
 *   singles) and ` c<decimal address>_<name> `, each followed by the value as 16 hex digits. Writes
 *   to x0 are not shown. A write is shown even when it leaves the value unchanged, as in Spike.
 * - Then ` mem <address>` for every load (address only), then ` mem <address> <value>` for every
 *   store, the value as 2, 4, 8 or 16 hex digits by size. Addresses are virtual. An AMO is a load
 *   then a store of the new value; LR a load; a successful SC a store.
 * - An instruction that traps (ECALL and EBREAK included) is not shown, and neither is the trap:
 *   Spike discards what a trapping instruction logged. Interrupts are not shown either.
 *
 * CSR writes follow Spike's rule of logging the CSR that holds the state (what `csr_t::log_write`
 * sees): explicit writes by the Zicsr instructions (csrrw always, csrrs/csrrc and the immediate
 * forms when rs1/uimm is not 0), with the proxies Spike resolves (sstatus is mstatus, sie/sip are
 * mie/mip, fcsr is frm and fflags, s* CSRs are vs* ones while V=1); MRET and SRET writing mstatus
 * (SRET from HS also hstatus, from VS vsstatus); FP instructions writing fflags when they raise a
 * flag; and any instruction that changes mstatus, vsstatus or hstatus (FS becoming Dirty).
 *
 * The observer only reads the hart; it saves the source operands in `before` (the instruction may
 * overwrite them: `ld a0, 0(a0)`) and writes the line in `retire`. It is attached only when asked
 * for, so an unobserved run does no work for it.
 */
import { val } from '../csr/csr-file.js';
import type { Machine } from '../machine.js';
import type { RetireObserver } from '../rv64/cpu.js';
import type { Decoder } from '../rv64/decoder.js';
import { fflags as fpFlags } from '../rv64/fpu/env.js';
import type { Hart } from '../rv64/hart.js';
import type { Mmu } from '../rv64/mmu.js';

/** What an instruction word writes and touches, derived once per distinct word from its table row. */
export interface CommitInfo {
  /** Destination: 0 none, 1..31 x1..x31, 32..63 f0..f31. */
  dst: number;
  mem: Mem;
  /** log2 of the access size. */
  size: number;
  /** The store's data comes from an f register (FSW/FSD). */
  fpData: boolean;
  /** Address offset: the I or S immediate (0 for AMO/LR/SC/HLV/HSV). */
  imm: number;
  sys: Sys;
  /** An FP operation that may raise flags (its flags are in the FPU's accrued-flags cell). */
  fpOp: boolean;
}

export const enum Mem {
  None = 0,
  Load,
  Store,
  Amo,
  Sc,
}

export const enum Sys {
  None = 0,
  Csr,
  Mret,
  Sret,
}

const X_DST = new Set(['R', 'I', 'LOAD', 'U', 'J', 'SH5', 'SH6', 'CSR', 'CSRI', 'AMO', 'LR', 'HLV', 'F_CMP', 'F_TO_X', 'F_TO_X_RM']);
const F_DST = new Set(['F_LOAD', 'F_R', 'F_R_RM', 'F_R4_RM', 'F_R1_RM', 'X_TO_F', 'X_TO_F_RM']);
const FP_OPS = new Set(['F_R', 'F_R_RM', 'F_R4_RM', 'F_R1_RM', 'F_CMP', 'F_TO_X', 'F_TO_X_RM', 'X_TO_F', 'X_TO_F_RM']);

/** The commit-log facts of a word as the handler receives it (compressed: expanded, bit 1 clear). */
export function commitInfo(decoder: Decoder, w: number): CommitInfo {
  const word = w | 3;
  const row = decoder.decode(word);
  const info: CommitInfo = { dst: 0, mem: Mem.None, size: 0, fpData: false, imm: 0, sys: Sys.None, fpOp: false };
  if (row === undefined) return info;
  const f = row.format;
  const rd = (word >>> 7) & 31;
  const f3 = (word >>> 12) & 7;
  if (X_DST.has(f)) info.dst = rd;
  else if (F_DST.has(f)) info.dst = 32 + rd;
  info.fpOp = FP_OPS.has(f);
  switch (f) {
    case 'LOAD':
      if (row.name !== 'jalr') {
        info.mem = Mem.Load;
        info.size = f3 & 3;
        info.imm = word >> 20;
      }
      break;
    case 'F_LOAD':
      info.mem = Mem.Load;
      info.size = f3 & 3;
      info.imm = word >> 20;
      break;
    case 'S':
    case 'F_STORE':
      info.mem = Mem.Store;
      info.size = f3 & 3;
      info.imm = ((word >> 25) << 5) | ((word >>> 7) & 31);
      info.fpData = f === 'F_STORE';
      break;
    case 'LR':
      info.mem = Mem.Load;
      info.size = f3 & 3;
      break;
    case 'AMO':
      info.mem = row.name.startsWith('sc_') ? Mem.Sc : Mem.Amo;
      info.size = f3 & 3;
      break;
    case 'HLV':
      info.mem = Mem.Load;
      info.size = (word >>> 21) & 3;
      break;
    case 'HSV':
      info.mem = Mem.Store;
      info.size = (word >>> 25) & 3;
      break;
    case 'CSR':
    case 'CSRI':
      info.sys = Sys.Csr;
      break;
    case 'NONE':
      if (row.name === 'mret') info.sys = Sys.Mret;
      else if (row.name === 'sret') info.sys = Sys.Sret;
      break;
  }
  return info;
}

// CSR addresses the log refers to.
const FFLAGS = 0x001;
const FRM = 0x002;
const FCSR = 0x003;
const SSTATUS = 0x100;
const VSSTATUS = 0x200;
const MSTATUS = 0x300;
const MIE = 0x304;
const MIP = 0x344;
const HSTATUS = 0x600;
const HVIP = 0x645;
/** CSRs compared before and after every instruction: the ones written as a side effect. */
const IMPLICIT = [FFLAGS, FRM, VSSTATUS, MSTATUS, HSTATUS];
/** While V=1 these S-level addresses name their VS-level CSRs (+0x100), as in the CSR file. */
const VS_ALIAS = new Set([0x100, 0x104, 0x105, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180, 0x14d]);

/** The CSRs whose state an explicit write of `addr` changes (what Spike logs for it). */
function physicalCsrs(addr: number, virt: boolean): number[] {
  let a = addr;
  if (virt && VS_ALIAS.has(a)) a += 0x100;
  switch (a) {
    case FCSR:
      return [FFLAGS, FRM];
    case SSTATUS:
      return [MSTATUS];
    case 0x104: // sie
    case 0x204: // vsie
    case 0x604: // hie
      return [MIE];
    case 0x144: // sip
    case 0x244: // vsip
    case 0x644: // hip
      return [MIP];
    case HVIP:
      return [MIP, HVIP];
  }
  return [a];
}

function hex(v: number, digits: number): string {
  return (v >>> 0).toString(16).padStart(digits, '0');
}

/** 0x + 16 hex digits of a (lo, hi) pair. */
export function hex64(lo: number, hi: number): string {
  return `0x${hex(hi, 8)}${hex(lo, 8)}`;
}

/** A value of 1 << size bytes as Spike prints it: 2, 4, 8 or 16 hex digits. */
function hexSized(lo: number, hi: number, size: number): string {
  if (size === 3) return hex64(lo, hi);
  if (size === 2) return `0x${hex(lo, 8)}`;
  if (size === 1) return `0x${hex(lo & 0xffff, 4)}`;
  return `0x${hex(lo & 0xff, 2)}`;
}

/**
 * The instruction bits as fetched: the word itself for a 32-bit instruction; for a compressed one
 * (the handler's word is its expansion) the parcel, from the decoded page the loop fetches from or
 * from the parcel the uncached fetch read (see Mmu.codePg / Mmu.fetchLog).
 */
export function fetchedBits(mmu: Mmu, pcLo: number, pcHi: number, w: number): number {
  if ((w & 2) !== 0) return w >>> 0;
  const log = mmu.fetchLog;
  const p = mmu.codePg;
  if (p !== null && log[0] === (pcLo & -4096) && log[1] === pcHi) return mmu.ram.u16[(p.base >>> 1) + ((pcLo & 4095) >>> 1)];
  if (log[2] === pcLo && log[3] === pcHi) return log[4] & 0xffff;
  return mmu.fetch16(pcLo, pcHi);
}

/** Spike's CSR names are the specification's; ours are too (one table, src/csr). */
function csrName(m: Machine, addr: number): string {
  return m.csr.table[addr]?.name ?? 'unknown';
}

export class CommitLog implements RetireObserver {
  private readonly infos = new Map<number, CommitInfo>();
  private readonly prefix: string;
  // Saved by `before`.
  private pcLo = 0;
  private pcHi = 0;
  private priv = 0;
  private bits = 0;
  private info: CommitInfo | null = null;
  /** Address of the access (lo, hi) and the store data (lo, hi). */
  private readonly ea = new Int32Array(2);
  private readonly data = new Int32Array(2);
  /** The implicit CSRs' values before the instruction, (lo, hi) per entry of IMPLICIT. */
  private readonly csrBefore = new Int32Array(IMPLICIT.length * 2);
  private explicit: number[] = [];

  /** `write` receives whole lines; `hartId` is the number after `core`. */
  constructor(
    private readonly m: Machine,
    private readonly write: (line: string) => void,
    hartId = 0,
  ) {
    this.prefix = `core${String(hartId).padStart(4)}: `;
  }

  private infoOf(w: number): CommitInfo {
    let i = this.infos.get(w);
    if (i === undefined) {
      i = commitInfo(this.m.decoder, w);
      this.infos.set(w, i);
    }
    return i;
  }

  private readCsr(addr: number, out: Int32Array, at: number): boolean {
    const e = this.m.csr.table[addr];
    if (e === undefined) return false;
    e.read(this.m.hart);
    out[at] = val[0];
    out[at + 1] = val[1];
    return true;
  }

  before(h: Hart, pcLo: number, pcHi: number, w: number): void {
    this.pcLo = pcLo;
    this.pcHi = pcHi;
    this.priv = h.priv;
    const info = this.infoOf(w);
    this.info = info;
    try {
      this.bits = fetchedBits(h.mmu, pcLo, pcHi, w);
    } catch {
      this.bits = w & 0xffff;
    }
    const x = h.x;
    if (info.mem !== Mem.None) {
      const r1 = (w >>> 14) & 62;
      const imm = info.imm;
      const lo = (x[r1] + imm) | 0;
      this.ea[0] = lo;
      this.ea[1] = (x[r1 + 1] + (imm < 0 ? -1 : 0) + ((lo >>> 0) < (x[r1] >>> 0) ? 1 : 0)) | 0;
      const r2 = (w >>> 19) & 62;
      const src = info.fpData ? h.f : x;
      this.data[0] = src[r2];
      this.data[1] = src[r2 + 1];
    }
    for (let k = 0; k < IMPLICIT.length; k++) {
      if (!this.readCsr(IMPLICIT[k], this.csrBefore, 2 * k)) {
        this.csrBefore[2 * k] = 0;
        this.csrBefore[2 * k + 1] = 0;
      }
    }
    if (info.sys === Sys.None) {
      if (this.explicit.length > 0) this.explicit = [];
    } else if (info.sys === Sys.Csr) {
      const f3 = (w >>> 12) & 3;
      const writes = f3 === 1 || ((w >>> 15) & 31) !== 0;
      this.explicit = writes ? physicalCsrs(w >>> 20, h.virt !== 0) : [];
    } else if (info.sys === Sys.Mret) {
      this.explicit = [MSTATUS];
    } else {
      // SRET: from VS it writes vsstatus; from HS mstatus, and hstatus.SPV when H is there.
      this.explicit = h.virt !== 0 ? [VSSTATUS] : this.m.csr.table[HSTATUS] !== undefined ? [MSTATUS, HSTATUS] : [MSTATUS];
    }
  }

  retire(h: Hart, pcLo: number, pcHi: number, w: number): void {
    if (this.info === null || pcLo !== this.pcLo || pcHi !== this.pcHi) {
      // No `before` for this instruction (cannot happen with the observed loop): what it wrote is
      // unknown, so say only what ran.
      this.before(h, pcLo, pcHi, w);
    }
    const info = this.info!;
    this.info = null;
    let line = `${this.prefix}${this.priv} ${hex64(pcLo, pcHi)} (0x${(this.bits & 3) === 3 ? hex(this.bits, 8) : hex(this.bits, 4)})`;
    // Register writes, in Spike's key order: number << 4 | kind (0 x, 1 f, 4 CSR).
    const keys: number[] = [];
    const x = h.x;
    if (info.dst > 0) keys.push(info.dst < 32 ? info.dst << 4 : ((info.dst - 32) << 4) | 1);
    const csrs = new Set(this.explicit);
    if (info.fpOp && fpFlags[0] !== 0) csrs.add(FFLAGS);
    const now = new Int32Array(2);
    for (let k = 0; k < IMPLICIT.length; k++) {
      if (this.readCsr(IMPLICIT[k], now, 0) && (now[0] !== this.csrBefore[2 * k] || now[1] !== this.csrBefore[2 * k + 1])) {
        csrs.add(IMPLICIT[k]);
      }
    }
    for (const a of csrs) keys.push((a << 4) | 4);
    keys.sort((a, b) => a - b);
    for (const key of keys) {
      const n = key >>> 4;
      switch (key & 15) {
        case 0:
          line += ` x${String(n).padEnd(2)} ${hex64(x[2 * n], x[2 * n + 1])}`;
          break;
        case 1:
          line += ` f${String(n).padEnd(2)} ${hex64(h.f[2 * n], h.f[2 * n + 1])}`;
          break;
        default:
          if (this.readCsr(n, now, 0)) line += ` c${n}_${csrName(this.m, n)} ${hex64(now[0], now[1])}`;
      }
    }
    const ea = hex64(this.ea[0], this.ea[1]);
    switch (info.mem) {
      case Mem.Load:
        line += ` mem ${ea}`;
        break;
      case Mem.Store:
        line += ` mem ${ea} ${hexSized(this.data[0], this.data[1], info.size)}`;
        break;
      case Mem.Sc:
        // The SC's rd says whether it stored (0 = success); with rd = x0 it cannot be told here.
        if (info.dst === 0 || (x[2 * info.dst] | x[2 * info.dst + 1]) === 0) {
          line += ` mem ${ea} ${hexSized(this.data[0], this.data[1], info.size)}`;
        }
        break;
      case Mem.Amo: {
        // The value stored is what memory holds now (the AMO's result), read back through the MMU
        // as the AMO itself accessed it (it succeeded, so the read cannot fault).
        line += ` mem ${ea}`;
        const mmu = h.mmu;
        try {
          let lo: number;
          let hi = 0;
          if (info.size === 3) {
            lo = mmu.load64(this.ea[0], this.ea[1]);
            hi = mmu.hi;
          } else lo = mmu.load32(this.ea[0], this.ea[1]);
          line += ` mem ${ea} ${hexSized(lo, hi, info.size)}`;
        } catch {
          line += ` mem ${ea}`;
        }
        break;
      }
    }
    this.write(line + '\n');
  }
}
