/**
 * Linux user-mode emulation: one static RV64 Linux program runs in U-mode on a plain machine
 * (RAM, no devices) under Sv39 page tables that this layer builds, and its system calls are
 * answered in TypeScript, as qemu-riscv64 does.
 *
 * How the traps reach us, with no change to the core: medeleg delegates ecall-from-U and the
 * U-mode faults to S-mode, and the machine's TypeScript trap hook for S-mode (setHsTrapHandler,
 * the one the hypervisor uses) hands every such trap to `onTrap` right after trap entry. The
 * handler reads scause/stval/sepc, does the work, and returns to U with the SRET instruction's own
 * semantics. Page faults inside a mapped region map a zeroed page (demand paging) and retry the
 * instruction; others end the program as Linux's default signal action would.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { Machine } from '../machine.js';
import { Ext, Priv } from '../rv64/hart.js';
import { allRows } from '../rv64/isa/index.js';
import { HostError } from '../rv64/trap.js';
import { SIGBUS, SIGILL, SIGNAL_NAMES, SIGSEGV, SIGTRAP, PROT_EXEC, PROT_READ, PROT_WRITE } from './abi.js';
import { FdTable } from './files.js';
import { loadImage, MMAP_BASE, setupStack } from './image.js';
import { UserMemory } from './memory.js';
import { SeededRandom } from './random.js';
import { Syscalls } from './syscalls.js';

/** CSR-file slots (two words per address) of sepc, scause, stval. */
const SEPC = 0x141 * 2;
const SCAUSE = 0x142 * 2;
const STVAL = 0x143 * 2;
const TWO32 = 4294967296;

const SRET = allRows.find((r) => r.name === 'sret')!;

/** The seed of AT_RANDOM and getrandom when none is given. */
export const DEFAULT_SEED = 0x5eed;

export interface LinuxOptions {
  /** The program's host path (for messages, AT_EXECFN, /proc/self/exe). */
  path: string;
  bytes: Uint8Array;
  /** argv[1..]; argv[0] is `path` as given. */
  args: string[];
  /** The environment, as NAME=value strings. */
  env: string[];
  isa?: string;
  memSize?: number;
  seed?: number;
  /** Where the program's warnings from rvsim go (default: stderr). */
  warn?: (line: string) => void;
}

/** misa bits Linux reports in AT_HWCAP (the single-letter extensions it knows: IMAFDC, V). */
const HWCAP_MASK = Ext.I | Ext.M | Ext.A | Ext.F | Ext.D | Ext.C;

export class LinuxProcess {
  readonly machine: Machine;
  readonly mem: UserMemory;
  readonly files = new FdTable();
  readonly rng: SeededRandom;
  readonly exePath: string;
  readonly sys: Syscalls;
  /** The signal that ended the program, if one did. */
  killedBy: number | null = null;
  readonly warn: (line: string) => void;

  constructor(o: LinuxOptions) {
    this.machine = new Machine({ isa: o.isa, memSize: o.memSize ?? 256 * 1024 * 1024 });
    const m = this.machine;
    const h = m.hart;
    this.warn = o.warn ?? ((l) => process.stderr.write(`${l}\n`));
    if ((h.ext & Ext.S) === 0 || (h.ext & Ext.U) === 0) {
      throw new HostError('Linux programs need an ISA with S and U modes');
    }
    try {
      this.exePath = realpathSync(o.path);
    } catch {
      this.exePath = resolve(o.path);
    }
    this.rng = new SeededRandom(o.seed ?? DEFAULT_SEED);
    this.mem = new UserMemory(m);
    const img = loadImage(this.mem, o.bytes, o.path);
    const sp = setupStack(this.mem, img, {
      args: [o.path, ...o.args],
      env: o.env,
      execfn: o.path,
      random: this.rng.bytes(16),
      hwcap: h.ext & HWCAP_MASK,
    });
    this.sys = new Syscalls(this, img.brk, MMAP_BASE);

    // M-mode setup, as firmware and a kernel would leave the hart for a user program. PMP: one
    // NAPOT entry over all of memory, RWX (without a matching entry U-mode may access nothing).
    this.csrw(0x3b0, -1, 0x003fffff); // pmpaddr0
    this.csrw(0x3a0, 0x1f, 0); // pmpcfg0: NAPOT, R W X
    // Exceptions from U go to S (where the hook takes them): misaligned, access and page faults,
    // illegal instruction, breakpoint, ecall from U.
    this.csrw(0x302, 0xb1ff, 0); // medeleg: causes 0-8, 12, 13, 15
    this.csrw(0x306, 7, 0); // mcounteren: cycle, time, instret
    this.csrw(0x106, 7, 0); // scounteren
    const [lo, hi] = this.mem.satp();
    this.csrw(0x180, lo, hi); // satp: Sv39
    // mstatus: FS = Initial (the FPU on, as Linux enables it for user programs), MPP = U.
    this.csrw(0x300, 1 << 13, 0);
    if (m.csr.satpHi >>> 28 !== 8) throw new HostError('Linux programs need Sv39 paging, which this ISA configuration lacks');
    m.setHsTrapHandler(this.onTrap);
    h.priv = Priv.U;
    h.virt = 0;
    h.x.fill(0, 0, 64);
    h.x[4] = sp % TWO32 | 0;
    h.x[5] = Math.floor(sp / TWO32);
    h.pcLo = img.entry % TWO32 | 0;
    h.pcHi = Math.floor(img.entry / TWO32);
    m.mmu.flush();
  }

  /** A CSR write through the CSR table, as M-mode software would do it. */
  private csrw(addr: number, lo: number, hi: number): void {
    const h = this.machine.hart;
    const saved = h.priv;
    h.priv = Priv.M;
    const e = this.machine.csr.lookup(addr, true);
    if (typeof e === 'number' || e.write === undefined) throw new Error(`linux-user: cannot write CSR 0x${addr.toString(16)}`);
    e.write(h, lo, hi);
    h.priv = saved;
  }

  /** pc of the trapping instruction, as hex. */
  faultPc(): string {
    const r = this.machine.csr.regs;
    return hex(r[SEPC], r[SEPC + 1]);
  }

  /** Returns to U-mode at sepc (+ `advance` bytes), through SRET's own semantics. */
  private resume(advance: number): void {
    const h = this.machine.hart;
    const r = this.machine.csr.regs;
    if (advance !== 0) {
      const lo = (r[SEPC] + advance) | 0;
      if ((lo >>> 0) < (r[SEPC] >>> 0)) r[SEPC + 1] = (r[SEPC + 1] + 1) | 0;
      r[SEPC] = lo;
    }
    SRET.exec(h, 0x10200073);
    h.pcLo = h.npcLo;
    h.pcHi = h.npcHi;
  }

  /** The S-mode trap hook: every trap from the program lands here. */
  private readonly onTrap = (): void => {
    const r = this.machine.csr.regs;
    const cause = r[SCAUSE];
    if (r[SCAUSE + 1] !== 0) throw new Error(`linux-user: unexpected interrupt ${cause}`);
    const tval = (r[STVAL + 1] >>> 0) * TWO32 + (r[STVAL] >>> 0);
    switch (cause) {
      case 8:
        this.sys.dispatch();
        if (this.machine.exitCode === null) this.resume(4);
        return;
      case 12:
      case 13:
      case 15: {
        const need = cause === 12 ? PROT_EXEC : cause === 13 ? PROT_READ : PROT_WRITE;
        if (this.mem.fault(tval, need)) {
          this.resume(0);
          return;
        }
        const what = cause === 12 ? 'an instruction fetch' : cause === 13 ? 'a load' : 'a store';
        this.kill(SIGSEGV, `${what} at 0x${tval.toString(16)} outside the program's memory (pc ${this.faultPc()})`);
        return;
      }
      case 2:
        this.kill(SIGILL, `an illegal instruction 0x${(r[STVAL] >>> 0).toString(16)} at pc ${this.faultPc()}`);
        return;
      case 3:
        this.kill(SIGTRAP, `a breakpoint at pc ${this.faultPc()}`);
        return;
      case 0:
      case 4:
      case 6:
        this.kill(SIGBUS, `a misaligned access at 0x${tval.toString(16)} (pc ${this.faultPc()})`);
        return;
      default:
        this.kill(SIGSEGV, `an access fault (cause ${cause}) at 0x${tval.toString(16)} (pc ${this.faultPc()})`);
    }
  };

  /**
   * Ends the program as Linux's default action for a fatal signal does; the exit code is the
   * shell's for a signal death, 128 + the signal.
   */
  kill(sig: number, why: string): void {
    this.killedBy = sig;
    this.warn(`rvsim: the program was killed by signal ${sig} (${SIGNAL_NAMES[sig] ?? 'unknown'}): ${why}`);
    this.exit(128 + sig);
  }

  /** The program ends with this exit status. */
  exit(code: number): void {
    this.machine.exitCode = code & 0xff;
    this.files.closeAll();
  }
}

export function hex(lo: number, hi: number): string {
  return `0x${((hi >>> 0) * TWO32 + (lo >>> 0)).toString(16)}`;
}
