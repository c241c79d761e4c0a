/**
 * The translation bench's runner (issue 5, "Bench"): runs an HTIF bare-metal program
 * (programs/build/bench/*.elf) in one of three translation modes on the same plain machine
 * (`Machine` with the ELF loaded and HTIF attached, as `machineForElf` builds it):
 *
 * - `bare`:    M-mode, no translation (what `rvsim run` does with such a program).
 * - `sv39`:    S-mode under satp Sv39, identity-mapped.
 * - `vs-sv39`: VS-mode under vsatp Sv39 over hgatp Sv39x4, both stages identity-mapped.
 *
 * The runner builds the page tables in simulated RAM at the top of memory (host writes, as a
 * loader would) and a tiny M-mode firmware there: straight-line code that loads each CSR value
 * from a literal pool and writes it (PMP open, mtvec, medeleg, counter enables, satp or
 * vsatp/hgatp, vsstatus/mstatus with FS on, mepc = the ELF's entry), then MRETs into the program.
 * The program's own crt0 then runs in S/VS-mode. Its few M-mode CSR accesses (csrr mhartid,
 * csrw mtvec, matmul's csrs mstatus to turn the FPU on) raise illegal-instruction, which the
 * firmware delegates to HS where a handler written in TypeScript (the machine's HS-trap hook, as
 * src/hv uses) emulates them the way an SBI firmware would and SRETs back: mhartid reads 0, mtvec
 * writes go to the real mtvec (so a stray trap still reaches the program's own reporter), mstatus
 * reads the real one and writes change only its FS field (and vsstatus.FS from V=1). Anything else
 * stops the run with a HostError naming the instruction.
 *
 * Page size: 4 KiB leaves by default (the harder case: one TLB entry per page, three-level walks);
 * `pages: '2m'` maps with 2 MiB megapages. The tohost page stays watched: the MMU watches physical
 * pages, and identity mapping keeps HTIF's physical pointers valid.
 *
 * `programInsns` is the program's own instruction count, comparable across modes: retired
 * instructions minus the firmware's (straight-line, so a fixed number) plus the CSR instructions
 * emulated by the handler (they retire in M-mode but trap in S/VS).
 */
import { val } from '../csr/csr-file.js';
import { readElf, machineForElf } from '../cli/load.js';
import { HsPort } from '../hv/hs-port.js';
import type { Machine, RunResult } from '../machine.js';
import { HostError } from '../rv64/trap.js';
import { attachTiming, type TimingKind } from '../timing/index.js';
import type { InOrderModel } from '../timing/inorder.js';

export const TRANSLATION_MODES = ['bare', 'sv39', 'vs-sv39'] as const;
export type TranslationMode = (typeof TRANSLATION_MODES)[number];
export type PageSize = '4k' | '2m';

export interface ModeRunOptions {
  mode: TranslationMode;
  timing?: TimingKind;
  pages?: PageSize;
  memSize?: number;
  /** Console/syscall output (fd 1/2); discarded by default. */
  output?: (fd: number, bytes: Uint8Array) => void;
}

export interface ModeMachine {
  machine: Machine;
  timing: InOrderModel | null;
  /** Instructions the firmware retires before the program's first one (0 for bare). */
  firmwareInsns: number;
  /** Where the firmware starts (the hart's initial pc); the program's entry is `entry`. */
  entry: number;
  /** CSR instructions the HS handler emulated so far. */
  emulated(): number;
  /** The program's instruction count so far (see the module comment). */
  programInsns(): number;
}

const RAM_BASE = 0x80000000;
const DEFAULT_MEM = 256 * 1024 * 1024;
const TWO32 = 4294967296;
/** The top of RAM the runner takes for its firmware and page tables (the ELF must end below). */
const RESERVED = 4 * 1024 * 1024;

const enum Csr {
  sepc = 0x141,
  stval = 0x143,
  scause = 0x142,
  satp = 0x180,
  vsstatus = 0x200,
  vsatp = 0x280,
  mstatus = 0x300,
  medeleg = 0x302,
  mtvec = 0x305,
  mcounteren = 0x306,
  mepc = 0x341,
  pmpcfg0 = 0x3a0,
  pmpaddr0 = 0x3b0,
  hcounteren = 0x606,
  hgatp = 0x680,
  mhartid = 0xf14,
}

const FS = 3 << 13;
const FS_INITIAL = 1 << 13;
const MPP_S = 1 << 11;
const MPV_HI = 1 << 7;
const MODE_SV39_HI = 8 << 28;
/** VMID and ASID of the VS-mode run (any nonzero value: the TLB must be tagged with them). */
const VMID = 1;
const ASID = 1;

// PTE flags.
const V = 1,
  R = 2,
  W = 4,
  X = 8,
  U = 16,
  A = 64,
  D = 128;

// ---- a few instruction encoders for the firmware

const T0 = 5;
const T6 = 31;
const auipc = (rd: number, imm20: number) => ((imm20 << 12) | (rd << 7) | 0x17) >>> 0;
const ld = (rd: number, rs1: number, off: number) => ((off << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x03) >>> 0;
const csrw = (csr: number, rs1: number) => ((csr << 20) | (rs1 << 15) | (1 << 12) | 0x73) >>> 0;
const li0 = (rd: number) => ((rd << 7) | 0x13) >>> 0; // addi rd, x0, 0
const MRET = 0x30200073;
const JSELF = 0x0000006f; // j .

/** A 64-bit value as [lo, hi] int32 halves. */
type Pair = [number, number];
const pair = (n: number): Pair => [n % TWO32 | 0, Math.floor(n / TWO32) | 0];

/** A bump allocator of zeroed, aligned pages inside a host-side image of a RAM region. */
class Region {
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  private next: number;
  constructor(
    readonly base: number,
    size: number,
  ) {
    this.bytes = new Uint8Array(size);
    this.dv = new DataView(this.bytes.buffer);
    this.next = base;
  }
  alloc(size: number, align = 4096): number {
    const a = Math.ceil(this.next / align) * align;
    if (a + size > this.base + this.bytes.length) throw new HostError('bench runner: page tables do not fit the reserved region');
    this.next = a + size;
    return a;
  }
  /** Writes a 64-bit PTE (ppn, flags) at physical address `pa`. */
  pte(pa: number, ppn: number, flags: number): void {
    const o = pa - this.base;
    const v = ppn * 1024 + flags; // below 2^53 for our addresses
    this.dv.setUint32(o, v % TWO32, true);
    this.dv.setUint32(o + 4, Math.floor(v / TWO32), true);
  }
}

/**
 * Identity-maps [start, start + size) with a three-level table (Sv39, or Sv39x4 with `x4`: a
 * 16 KiB root) and returns the root's physical address. `flags` are the leaves' flags.
 */
function identityMap(reg: Region, start: number, size: number, x4: boolean, flags: number, pages: PageSize): number {
  const root = reg.alloc(x4 ? 16384 : 4096, x4 ? 16384 : 4096);
  const l1 = new Map<number, number>();
  const l0 = new Map<number, number>();
  const step = pages === '2m' ? 1 << 21 : 1 << 12;
  for (let a = start; a < start + size; a += step) {
    const i2 = Math.floor(a / 2 ** 30);
    const i1 = Math.floor(a / 2 ** 21) % 512;
    const i0 = Math.floor(a / 4096) % 512;
    let t1 = l1.get(i2);
    if (t1 === undefined) {
      t1 = reg.alloc(4096);
      l1.set(i2, t1);
      reg.pte(root + i2 * 8, t1 / 4096, V);
    }
    if (pages === '2m') {
      reg.pte(t1 + i1 * 8, a / 4096, flags);
      continue;
    }
    const k = Math.floor(a / 2 ** 21);
    let t0 = l0.get(k);
    if (t0 === undefined) {
      t0 = reg.alloc(4096);
      l0.set(k, t0);
      reg.pte(t1 + i1 * 8, t0 / 4096, V);
    }
    reg.pte(t0 + i0 * 8, a / 4096, flags);
  }
  return root;
}

function writeCsr(m: Machine, addr: number, lo: number, hi: number): void {
  const e = m.csr.table[addr];
  if (e === undefined || e.write === undefined) throw new Error(`bench runner: CSR 0x${addr.toString(16)} not writable`);
  e.write(m.hart, lo | 0, hi | 0);
}

function readCsr(m: Machine, addr: number): Pair {
  const e = m.csr.table[addr];
  if (e === undefined) throw new Error(`bench runner: CSR 0x${addr.toString(16)} missing`);
  e.read(m.hart);
  return [val[0], val[1]];
}

/** Builds the machine for `elfPath` in the given mode, at the firmware's first instruction. */
export function modeMachine(elfPath: string, o: ModeRunOptions): ModeMachine {
  const elf = readElf(elfPath);
  const memSize = o.memSize ?? DEFAULT_MEM;
  const m = machineForElf(elf, elfPath, { memSize, output: o.output ?? (() => {}) });
  if (m.htif === null) throw new HostError(`${elfPath}: no tohost symbol: the bench runner needs an HTIF program`);
  const timing = attachTiming(m, { kind: o.timing ?? 'none' });
  const entry = Number(elf.entryPaddr);
  let emulated = 0;
  if (o.mode === 'bare') {
    return { machine: m, timing, firmwareInsns: 0, entry, emulated: () => 0, programInsns: () => m.hart.instret };
  }
  const end = elf.symbols.get('_end');
  const top = RAM_BASE + memSize;
  const regionBase = top - RESERVED;
  if (end !== undefined && Number(end) > regionBase) throw new HostError(`${elfPath}: the program reaches into the top ${RESERVED >> 20} MiB the bench runner needs`);
  const reg = new Region(regionBase, RESERVED);
  const pages = o.pages ?? '4k';
  const virt = o.mode === 'vs-sv39';

  // Page tables: S/VS leaves are supervisor pages (U = 0); G-stage leaves must have U = 1.
  const leaf = V | R | W | X | A | D;
  const sRoot = identityMap(reg, RAM_BASE, memSize, false, leaf, pages);
  const gRoot = virt ? identityMap(reg, RAM_BASE, memSize, true, leaf | U, pages) : 0;

  // The firmware: auipc t6, 0; then per CSR: ld t0, pool[i](t6); csrw csr, t0; then clear the
  // scratch registers and mret. Its trap vector (until crt0 sets its own) is a `j .` after it.
  const trapEntry = elf.symbols.get('trap_entry');
  const fw = reg.alloc(4096);
  const writes: [number, Pair][] = [
    [Csr.pmpaddr0, [-1, 0x3fffff]],
    [Csr.pmpcfg0, [0x1f, 0]], // NAPOT, R, W, X over everything
    [Csr.medeleg, [1 << 2, 0]], // illegal instruction -> HS (the emulating handler)
    [Csr.mcounteren, [-1, 0]],
  ];
  if (virt) {
    writes.push([Csr.hcounteren, [-1, 0]]);
    writes.push([Csr.hgatp, [(gRoot / 4096) | 0, MODE_SV39_HI | (VMID << 12)]]);
    writes.push([Csr.vsatp, [(sRoot / 4096) | 0, MODE_SV39_HI | (ASID << 12)]]);
    writes.push([Csr.vsstatus, [FS_INITIAL, 0]]);
  } else {
    writes.push([Csr.satp, [(sRoot / 4096) | 0, MODE_SV39_HI | (ASID << 12)]]);
  }
  writes.push([Csr.mepc, pair(entry)]);
  writes.push([Csr.mstatus, [MPP_S | FS_INITIAL, virt ? MPV_HI : 0]]);
  // mtvec first: the program's own trap reporter, else the firmware's `j .` (its last word).
  const nCode = 1 + 2 * (writes.length + 1) + 4;
  const hang = fw + (nCode - 1) * 4;
  writes.unshift([Csr.mtvec, pair(trapEntry !== undefined ? Number(trapEntry) : hang)]);
  const poolAt = Math.ceil((nCode * 4) / 8) * 8;
  const code: number[] = [auipc(T6, 0)];
  writes.forEach(([csr], i) => {
    code.push(ld(T0, T6, poolAt + 8 * i));
    code.push(csrw(csr, T0));
  });
  code.push(li0(T0), li0(T6), MRET, JSELF);
  if (code.length !== nCode || poolAt + 8 * writes.length > 2047) throw new Error('bench runner: firmware layout');
  const fwDv = new DataView(reg.bytes.buffer, fw - regionBase);
  code.forEach((w, i) => fwDv.setUint32(4 * i, w, true));
  writes.forEach(([, [lo, hi]], i) => {
    fwDv.setInt32(poolAt + 8 * i, lo, true);
    fwDv.setInt32(poolAt + 8 * i + 4, hi, true);
  });
  m.mmu.writePhys(regionBase, reg.bytes);
  const firmwareInsns = code.length - 1; // all but the `j .`

  m.hart.pc = BigInt(fw);
  // The emulation of M-mode CSR instructions, playing the firmware's illegal-instruction handler.
  const port = new HsPort(m);
  m.setHsTrapHandler(() => {
    const h = m.hart;
    const cause = port.csrRead(Csr.scause);
    const insn = port.csrRead(Csr.stval);
    const epc = port.csrReadNumber(Csr.sepc);
    const fromV = (h.csr.hstatus & (1 << 7)) !== 0; // SPV
    const f3 = (insn >>> 12) & 7;
    const csr = insn >>> 20;
    const rd = (insn >>> 7) & 31;
    const rs1 = (insn >>> 15) & 31;
    const known = csr === Csr.mhartid || csr === Csr.mtvec || csr === Csr.mstatus;
    if (cause !== 2 || (insn & 0x7f) !== 0x73 || f3 === 0 || f3 === 4 || !known) {
      throw new HostError(
        `bench runner: unexpected trap to HS (cause ${cause}, tval 0x${(insn >>> 0).toString(16)}) at 0x${epc.toString(16)}`,
      );
    }
    const old: Pair = csr === Csr.mhartid ? [0, 0] : readCsr(m, csr);
    const src: Pair = f3 >= 5 ? [rs1, 0] : [port.xLo(rs1), port.xHi(rs1)];
    const op = f3 & 3; // 1 write, 2 set, 3 clear
    const writes = op === 1 || rs1 !== 0;
    if (writes && csr !== Csr.mhartid) {
      const nv: Pair = op === 1 ? src : op === 2 ? [old[0] | src[0], old[1] | src[1]] : [old[0] & ~src[0], old[1] & ~src[1]];
      if (csr === Csr.mtvec) writeCsr(m, Csr.mtvec, nv[0], nv[1]);
      else {
        const ms = readCsr(m, Csr.mstatus);
        writeCsr(m, Csr.mstatus, (ms[0] & ~FS) | (nv[0] & FS), ms[1]);
        if (fromV) {
          const vs = readCsr(m, Csr.vsstatus);
          writeCsr(m, Csr.vsstatus, (vs[0] & ~FS) | (nv[0] & FS), vs[1]);
        }
      }
    }
    port.setX(rd, old[0], old[1]);
    port.csrWriteNumber(Csr.sepc, epc + 4);
    emulated++;
    port.sret();
  });
  return {
    machine: m,
    timing,
    firmwareInsns,
    entry,
    emulated: () => emulated,
    programInsns: () => m.hart.instret - firmwareInsns + emulated,
  };
}

export interface ModeRunResult {
  mode: TranslationMode;
  result: RunResult;
  /** Wall-clock seconds of the run itself (not the machine's construction). */
  seconds: number;
  /**
   * CPU seconds (user + system) of this process during the run: steadier than the wall clock
   * when other processes share the machine.
   */
  cpuSeconds: number;
  programInsns: number;
  /** MIPS of the program's instructions, by the wall clock and by CPU time. */
  mips: number;
  cpuMips: number;
  /** Modelled cycles (with a timing model), else null. */
  cycles: number | null;
}

/** Builds the machine and runs it to exit (or `maxInsns`), timing the run alone. */
export function runMode(elfPath: string, o: ModeRunOptions & { maxInsns?: number }): ModeRunResult {
  const mm = modeMachine(elfPath, o);
  const m = mm.machine;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let result: RunResult;
  if (o.maxInsns === undefined) result = m.run();
  else {
    // The limit counts the program's instructions: the firmware's are extra, emulated ones count.
    const max = o.maxInsns;
    do result = m.run(max - mm.programInsns());
    while (result.reason === 'limit' && mm.programInsns() < max);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c1 = process.cpuUsage(c0);
  const cpuSeconds = (c1.user + c1.system) / 1e6;
  const programInsns = mm.programInsns();
  return {
    mode: o.mode,
    result,
    seconds,
    cpuSeconds,
    programInsns,
    mips: seconds > 0 ? programInsns / seconds / 1e6 : 0,
    cpuMips: cpuSeconds > 0 ? programInsns / cpuSeconds / 1e6 : 0,
    cycles: mm.timing === null ? null : m.cycles(),
  };
}
