/**
 * A machine: one hart, its MMU and CSR file, RAM and the bus, and the run loop that drives the
 * CPU in slices, takes interrupts between them and ends on exit, power-off or an instruction limit.
 */
import { CsrFile, ENVCFG_ADUE_HI } from './csr/csr-file.js';
import { defineCounters, type HpmSource } from './csr/counters.js';
import { defineFpCsrs } from './csr/fp-csrs.js';
import { defineHypervisorCsrs } from './csr/h-csrs.js';
import { defineVsCsrs } from './csr/vs-csrs.js';
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
import { createTranslate } from './rv64/paging.js';
import { Pmp } from './rv64/pmp.js';
import { TRAP } from './rv64/trap.js';
import type { TimingModel } from './timing/model.js';

export const RAM_BASE = 0x80000000;
/** RV64GC with the hypervisor extension, like QEMU's `-cpu rv64,h=true`. */
export const DEFAULT_ISA = 'rv64imafdch_zicsr_zifencei';

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

/**
 * Simulated time: a 1 GHz core clock and QEMU virt's 10 MHz timebase, so one timebase tick is 100
 * cycles. With no timing model a cycle is a retired instruction (or an idle cycle in WFI).
 */
export const CYCLES_PER_TICK = 100;

/** Something that raises interrupts at a simulated time (the CLINT, Sstc's stimecmp). */
export interface TimedDevice {
  /** Re-evaluates interrupt lines against the current time. */
  update(): void;
  /** The earliest time (timebase ticks) at which an interrupt line will change, or Infinity. */
  nextEventTime(): number;
}

export class Machine {
  readonly hart = new Hart();
  readonly ram: Ram;
  readonly bus: Bus;
  readonly mmu: Mmu;
  readonly csr: CsrFile;
  readonly pmp = new Pmp();
  readonly cpu: Cpu;
  readonly isa: IsaConfig;
  readonly decoder: Decoder;
  htif: Htif | null = null;
  /** Set by a power-off device or HTIF: the machine stops with this code. */
  exitCode: number | null = null;
  observer: RetireObserver | null = null;
  /** The timing model, when one is attached: it observes every instruction and counts cycles. */
  timing: TimingModel | null = null;
  /** Where the mhpmcounters read their events (the timing model). */
  readonly hpm: HpmSource;
  readonly output: (fd: number, bytes: Uint8Array) => void;
  /** Cycles spent waiting in WFI (time skipped to the next event). */
  idleCycles = 0;
  /**
   * Cycles charged for work done outside the core: the TypeScript hypervisor's handlers (src/hv)
   * run no simulated instructions, so each exit charges the modelled cost of its handler here.
   */
  hostCycles = 0;
  /**
   * The HS-mode trap handler written in TypeScript (src/hv/hypervisor.ts), or null. When set, every
   * trap that enters HS-mode is handed to it right after trap entry, instead of running code at
   * stvec; it returns the hart to a guest with SRET (or leaves it in HS).
   */
  private hsHandler: (() => void) | null = null;
  readonly timers: TimedDevice[] = [];
  /** Interrupt lines into the hart's mip (device-driven bits). */
  readonly irq = {
    setIrq: (bit: number, level: boolean): void => {
      const c = this.csr;
      c.mipHw = level ? c.mipHw | (1 << bit) : c.mipHw & ~(1 << bit);
      this.hart.endSlice();
    },
  };

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
    defineMachineCsrs(this.csr, h, this.pmp);
    // Svadu: menvcfg.ADUE becomes writable (src/rv64/paging.ts does the A/D updates).
    if (this.isa.names.has('Svadu')) this.csr.menvcfgHiWritable |= ENVCFG_ADUE_HI;
    // Translation (Bare/Sv39/Sv48) and PMP for every access the MMU misses in its TLBs.
    this.mmu.translate = createTranslate(h, this.pmp);
    if (h.ext & Ext.S) {
      this.mmu.satpModes = 1 | (1 << 8) | (1 << 9);
      defineSupervisorCsrs(this.csr);
    }
    if (h.ext & Ext.H) {
      defineHypervisorCsrs(this.csr);
      defineVsCsrs(this.csr);
    }
    this.hpm = defineCounters(this.csr);
    defineFpCsrs(this.csr);
    const names = this.isa.names;
    this.decoder = new Decoder(allRows, allCRows, (e) => e.split('+').every((n) => names.has(n)));
    this.cpu = new Cpu(h, this.decoder);
    this.output = opts.output ?? ((fd, b) => (fd === 2 ? process.stderr : process.stdout).write(b));
    this.csr.cycleNow = () => this.cycles();
    this.csr.timeNow = () => this.timeNow();
    h.priv = Priv.M;
  }

  /** Attaches HTIF at the given tohost/fromhost physical addresses. */
  attachHtif(tohost: number, fromhost: number | null): void {
    this.htif = new Htif(this.mmu, tohost, fromhost, this.output);
  }

  /** Attaches a timing model: from now on it observes the core and its cycles drive mcycle and time. */
  attachTiming(model: TimingModel): void {
    this.timing = model;
    this.observer = model;
    this.hpm.source = (sel) => model.event(sel);
  }

  /** Installs (or removes, with null) the TypeScript HS-mode trap handler. */
  setHsTrapHandler(handler: (() => void) | null): void {
    this.hsHandler = handler;
    this.csr.hsTrapHook = handler !== null;
  }

  /** Core cycles since reset: modelled cycles with a timing model, else one per instruction. */
  cycles(): number {
    return (this.timing === null ? this.hart.instret : this.timing.cycles) + this.idleCycles + this.hostCycles;
  }

  /** Simulated time in timebase ticks (what mtime counts). */
  timeNow(): number {
    return Math.floor(this.cycles() / CYCLES_PER_TICK);
  }

  private nextEventTime(): number {
    let t = Infinity;
    for (const d of this.timers) t = Math.min(t, d.nextEventTime());
    return t;
  }

  /** Runs until the program exits or `maxInsns` instructions retired. */
  run(maxInsns = Infinity): RunResult {
    const h = this.hart;
    const cpu = this.cpu;
    const start = h.instret;
    // Slices that retired nothing (a trap taken at once, e.g. a handler that traps again) count as
    // one step each, so a trap storm still ends at the instruction limit.
    let emptySlices = 0;
    for (;;) {
      const code = this.htif?.exitCode ?? this.exitCode;
      if (code !== null && code !== undefined) return { reason: 'exit', exitCode: code, instret: h.instret };
      const done = h.instret - start + emptySlices;
      if (done >= maxInsns) return { reason: 'limit', exitCode: null, instret: h.instret };
      for (const d of this.timers) d.update();
      if (h.wfi) {
        if (!wakeupPending(h)) {
          // Skip simulated time to the next timer event; with none, nothing can wake the hart.
          const next = this.nextEventTime();
          if (next === Infinity) return { reason: 'deadlock', exitCode: null, instret: h.instret };
          this.idleCycles += Math.max(1, next * CYCLES_PER_TICK - this.cycles());
          continue;
        }
        h.wfi = false;
      }
      const irq = pendingInterrupt(h);
      if (irq >= 0) {
        TRAP.set(irq, 0, 0);
        TRAP.interrupt = true;
        this.observer?.trap?.(h, irq, true);
        takeTrap(h, TRAP);
        if (this.csr.hsTrapTaken) {
          this.csr.hsTrapTaken = false;
          this.hsHandler!();
          emptySlices++;
          continue;
        }
      }
      // End the slice exactly when the next timer event is due, so interrupts arrive at the same
      // instruction on every run.
      const untilEvent = this.nextEventTime() * CYCLES_PER_TICK - this.cycles();
      const n = Math.max(1, Math.min(MAX_SLICE, maxInsns - done, untilEvent));
      // A timing model ends the slice itself once its cycles reach the event (CPI >= 1, so n
      // instructions always reach it).
      if (this.timing !== null) this.timing.deadline = untilEvent + this.timing.cycles;
      const before = h.instret;
      if (this.observer === null) cpu.runSlice(n);
      else cpu.runSliceObserved(n, this.observer);
      if (h.instret === before) emptySlices++;
      if (this.csr.hsTrapTaken) {
        this.csr.hsTrapTaken = false;
        this.hsHandler!();
      }
    }
  }
}
