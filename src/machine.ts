/**
 * A machine: one hart, its MMU and CSR file, RAM and the bus, and the run loop that drives the
 * CPU in slices, takes interrupts between them and ends on exit, power-off or an instruction limit.
 */
import { CsrFile } from './csr/csr-file.js';
import { defineCounters } from './csr/counters.js';
import { defineFpCsrs } from './csr/fp-csrs.js';
import { defineMachineCsrs } from './csr/machine-csrs.js';
import { defineSupervisorCsrs } from './csr/supervisor-csrs.js';
import { pendingInterrupt, takeTrap, wakeupPending } from './csr/traps.js';
import { Bus } from './platform/bus.js';
import { Htif } from './platform/htif.js';
import { Ram } from './platform/ram.js';
import { Cpu, type RetireObserver } from './rv64/cpu.js';
import { Decoder } from './rv64/decoder.js';
import { Ext, Hart, Priv } from './rv64/hart.js';
import { allCRows, allRows } from './rv64/isa/index.js';
import { type IsaConfig, parseIsa } from './rv64/isa-string.js';
import { Mmu } from './rv64/mmu.js';
import { TRAP } from './rv64/trap.js';

export const RAM_BASE = 0x80000000;
export const DEFAULT_ISA = 'rv64imac_zicsr_zifencei';

export interface MachineOptions {
  isa?: string;
  /** RAM size in bytes. */
  memSize?: number;
  /** Where HTIF console/syscall output goes (fd 1 and 2). */
  output?: (fd: number, bytes: Uint8Array) => void;
}

export type StopReason = 'exit' | 'limit' | 'deadlock';

export interface RunResult {
  reason: StopReason;
  exitCode: number | null;
  instret: number;
}

/** The longest slice between interrupt checks when nothing else bounds it. */
const MAX_SLICE = 1 << 16;

export class Machine {
  readonly hart = new Hart();
  readonly ram: Ram;
  readonly bus: Bus;
  readonly mmu: Mmu;
  readonly csr: CsrFile;
  readonly cpu: Cpu;
  readonly isa: IsaConfig;
  readonly decoder: Decoder;
  htif: Htif | null = null;
  /** Set by a power-off device or HTIF: the machine stops with this code. */
  exitCode: number | null = null;
  observer: RetireObserver | null = null;
  readonly output: (fd: number, bytes: Uint8Array) => void;

  constructor(opts: MachineOptions = {}) {
    this.isa = parseIsa(opts.isa ?? DEFAULT_ISA);
    const h = this.hart;
    h.ext = this.isa.ext;
    this.ram = new Ram(RAM_BASE, opts.memSize ?? 256 * 1024 * 1024);
    this.bus = new Bus(this.ram);
    this.mmu = new Mmu(h, this.bus);
    h.mmu = this.mmu;
    this.csr = new CsrFile(h);
    h.csr = this.csr;
    defineMachineCsrs(this.csr, h);
    if (h.ext & Ext.S) defineSupervisorCsrs(this.csr);
    defineCounters(this.csr);
    defineFpCsrs(this.csr);
    const names = this.isa.names;
    this.decoder = new Decoder(allRows, allCRows, (e) => e.split('+').every((n) => names.has(n)));
    this.cpu = new Cpu(h, this.decoder);
    this.output = opts.output ?? ((fd, b) => (fd === 2 ? process.stderr : process.stdout).write(b));
    h.priv = Priv.M;
  }

  /** Attaches HTIF at the given tohost/fromhost physical addresses. */
  attachHtif(tohost: number, fromhost: number | null): void {
    this.htif = new Htif(this.mmu, tohost, fromhost, this.output);
  }

  /** Runs until the program exits or `maxInsns` instructions retired. */
  run(maxInsns = Infinity): RunResult {
    const h = this.hart;
    const cpu = this.cpu;
    const start = h.instret;
    for (;;) {
      const code = this.htif?.exitCode ?? this.exitCode;
      if (code !== null && code !== undefined) return { reason: 'exit', exitCode: code, instret: h.instret };
      const done = h.instret - start;
      if (done >= maxInsns) return { reason: 'limit', exitCode: null, instret: h.instret };
      if (h.wfi) {
        if (!wakeupPending(h)) {
          // Nothing can wake this hart yet (no timer or device is modelled to fire).
          return { reason: 'deadlock', exitCode: null, instret: h.instret };
        }
        h.wfi = false;
      }
      const irq = pendingInterrupt(h);
      if (irq >= 0) {
        TRAP.set(irq, 0, 0);
        TRAP.interrupt = true;
        this.observer?.trap?.(h, irq, true);
        takeTrap(h, TRAP);
      }
      const n = Math.min(MAX_SLICE, maxInsns - done);
      if (this.observer === null) cpu.runSlice(n);
      else cpu.runSliceObserved(n, this.observer);
    }
  }
}
