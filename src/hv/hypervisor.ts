/**
 * rvsim's hypervisor: TypeScript that plays HS-mode on the simulated H-extension hart. Every trap
 * that enters HS is handed to `onTrap` (src/machine.ts) after the hart's own trap entry; the
 * handler looks only at what HS software sees (scause, stval, htval, htinst, sepc, hstatus, the
 * guest's registers, guest memory through its G-stage tables), emulates SBI calls and the virtual
 * UART, injects virtual interrupts through hvip, time-slices the guests on the host timer
 * (stimecmp), and returns to a guest with SRET.
 *
 * Host memory: the first 2 MiB of RAM are the hypervisor's (an idle loop and the G-stage page
 * tables); the guests' RAM follows, `memPerGuest` bytes each, mapped at guest-physical 0x80000000.
 */
import { parseElf } from '../loader/elf.js';
import { loadSegments } from '../loader/load-segments.js';
import type { Machine } from '../machine.js';
import { SIFIVE_TEST_BASE } from '../platform/sifive-test.js';
import { VirtMachine } from '../platform/virt.js';
import { deviceTreeIsa } from '../platform/virt.js';
import { HostError } from '../rv64/trap.js';
import { EXIT_BASE_CYCLES, EXIT_EXTRA_CYCLES } from './cost.js';
import { firmwareEnterHs } from './firmware.js';
import { buildGuestDtb } from './guest-dtb.js';
import { GStageTables, PagePool, Pte } from './gstage.js';
import { HsPort, HypervisorBug } from './hs-port.js';
import { decodeMmio, insnLength } from './mmio-decode.js';
import { handleSbi, type SbiHost } from './sbi.js';
import { Csr } from './vcpu.js';
import { GUEST_RAM_BASE, type GuestDevice, Vm } from './vm.js';

const MiB = 1024 * 1024;
const TWO32 = 4294967296;
/** The hypervisor's own part of host RAM. */
export const HV_RESERVED = 2 * MiB;
/** Page-table pool: from 64 KiB into the hypervisor's memory to its end. */
const POOL_OFFSET = 64 * 1024;
export const DEFAULT_MEM_PER_GUEST = 32 * MiB;
/** Where a raw kernel image goes in guest RAM (QEMU's place for a 64-bit payload). */
const RAW_IMAGE_OFFSET = 2 * MiB;
/** A guest runs at most this many timebase ticks (1 ms at 10 MHz) before another gets the hart. */
export const DEFAULT_QUANTUM_TICKS = 10_000;

const WFI = 0x10500073;
/** jal x0, -4 and jal x0, 0. */
const J_BACK = 0xffdff06f | 0;
const J_SELF = 0x0000006f;

// Status bits the handler uses.
const SSTATUS_SIE = 1 << 1;
const SSTATUS_SPIE = 1 << 5;
const SSTATUS_SPP = 1 << 8;
const HSTATUS_SPV = 1 << 7;
const HSTATUS_SPVP = 1 << 8;
const HSTATUS_VTW = 1 << 21;
const HVIP_VSSIP = 1 << 2;
const HVIP_VSTIP = 1 << 6;
const HVIP_VSEIP = 1 << 10;
const SIE_STIE = 1 << 5;
/** henvcfg.STCE: bit 63. */
const HENVCFG_STCE_HI = 0x80000000 | 0;
/** Exceptions the guest handles itself (hedeleg): misaligned fetch, illegal instruction, breakpoint,
 * misaligned load/store, ecall from VU, and its own page faults. */
const HEDELEG = (1 << 0) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 6) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15);
/** The VS-level interrupts go to the guest (hideleg). */
const HIDELEG = HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP;

const CAUSE_NAMES: Record<number, string> = {
  0: 'instruction address misaligned',
  1: 'instruction access fault',
  2: 'illegal instruction',
  3: 'breakpoint',
  4: 'load address misaligned',
  5: 'load access fault',
  6: 'store address misaligned',
  7: 'store access fault',
  8: 'ecall from VU-mode',
  10: 'ecall from VS-mode',
  12: 'instruction page fault',
  13: 'load page fault',
  15: 'store page fault',
  20: 'instruction guest-page fault',
  21: 'load guest-page fault',
  22: 'virtual instruction',
  23: 'store guest-page fault',
};

const hex = (n: number): string => '0x' + n.toString(16);
const hex64 = (lo: number, hi: number): string => hex((hi >>> 0) * TWO32 + (lo >>> 0));

export interface GuestSpec {
  /** The guest's name in reports (default: guest0, guest1, ...). */
  name?: string;
  /** The kernel ELF's bytes, loaded at its physical addresses in guest-physical RAM. */
  elf: Uint8Array;
  /** Where the ELF came from, for error messages. */
  source?: string;
  /** /chosen bootargs of the guest's device tree. */
  bootargs?: string;
  /** An initial RAM disk, placed as QEMU places one (after the kernel) and named in /chosen. */
  initrd?: Uint8Array;
}

export interface HypervisorOptions {
  /** How many guests the host RAM is sized for. */
  maxGuests: number;
  /** Guest RAM size in bytes (a multiple of 2 MiB). */
  memPerGuest?: number;
  /** The host ISA (must include H). */
  isa?: string;
  quantumTicks?: number;
  /** Receives each byte a guest prints. */
  output?: (vm: Vm, byte: number) => void;
  /** Told when the hypervisor stops a guest. */
  onStop?: (vm: Vm) => void;
  /**
   * Decode MMIO accesses from htinst when the hart gives it (default), or always fetch the
   * instruction with HLVX, as a hypervisor must on harts that write htinst = 0.
   */
  useHtinst?: boolean;
}

export type HvStopReason = 'done' | 'limit' | 'idle';

export interface HvResult {
  reason: HvStopReason;
  instret: number;
}

export class Hypervisor implements SbiHost {
  readonly virt: VirtMachine;
  readonly machine: Machine;
  readonly port: HsPort;
  readonly vms: Vm[] = [];
  readonly memPerGuest: number;
  readonly quantumTicks: number;
  /** Exits and world switches over all guests; cycles the hypervisor's handlers were charged. */
  readonly totals = { exits: 0, worldSwitches: 0, idleWakeups: 0, handlerCycles: 0 };
  private readonly pool: PagePool;
  private readonly idleAddr: number;
  /** The guest whose state is on the hart (running, or just trapped out). */
  private current: Vm | null = null;
  private quantumEnd = 0;
  private booted = false;
  private entryInstret = 0;
  private entryCycles = 0;
  private readonly guestIsa: string;

  constructor(private readonly opts: HypervisorOptions) {
    this.memPerGuest = opts.memPerGuest ?? DEFAULT_MEM_PER_GUEST;
    if (!(this.memPerGuest >= 2 * MiB && this.memPerGuest % (2 * MiB) === 0)) {
      throw new HostError(`bad guest memory size ${this.memPerGuest}: must be a multiple of 2 MiB`);
    }
    if (!(Number.isInteger(opts.maxGuests) && opts.maxGuests >= 1)) throw new HostError('the hypervisor needs at least one guest');
    const memSize = HV_RESERVED + opts.maxGuests * this.memPerGuest;
    if (memSize > 0x7f000000) throw new HostError(`${opts.maxGuests} guests of ${this.memPerGuest / MiB} MiB do not fit in host RAM`);
    this.quantumTicks = opts.quantumTicks ?? DEFAULT_QUANTUM_TICKS;
    // The host's own console is unused: guests print through SBI and their virtual UARTs.
    this.virt = new VirtMachine({ isa: opts.isa, memSize, console: () => {} });
    this.machine = this.virt.machine;
    if (!this.machine.isa.names.has('H')) throw new HostError('the hypervisor needs the H extension in --isa');
    this.port = new HsPort(this.machine);
    const base = this.machine.ram.base;
    this.idleAddr = base;
    this.pool = new PagePool(base + POOL_OFFSET, base + HV_RESERVED);
    // Guests see the host's ISA without H (no nested virtualization).
    this.guestIsa = deviceTreeIsa({ ...this.machine.isa, ext: this.machine.isa.ext & ~(1 << 7) }, ['sstc']);
    firmwareEnterHs(this.machine, base + 0x10);
    // The idle loop HS runs when no guest can: wfi; j back. At +0x10, where firmware enters HS, a
    // jump to itself (the handler takes over at the first trap; see boot()).
    const code = new Uint8Array(0x14);
    const dv = new DataView(code.buffer);
    dv.setInt32(0, WFI, true);
    dv.setInt32(4, J_BACK, true);
    dv.setInt32(0x10, J_SELF, true);
    this.port.writePhys(base, code);
    this.machine.setHsTrapHandler(() => this.onTrap());
  }

  /** Creates a guest: its RAM and G-stage tables, its kernel and device tree, its vCPU at the entry. */
  createVm(spec: GuestSpec): Vm {
    const id = this.vms.length;
    if (id >= this.opts.maxGuests) throw new HostError(`no room for guest ${id + 1}: the host was sized for ${this.opts.maxGuests}`);
    const name = spec.name ?? `guest${id}`;
    const source = spec.source ?? name;
    // An ELF is loaded at its physical addresses; anything else is a raw image (a Linux `Image`)
    // placed where firmware puts the payload, 2 MiB into RAM, and entered at its first byte.
    const isElf = spec.elf.length >= 4 && spec.elf[0] === 0x7f && spec.elf[1] === 0x45 && spec.elf[2] === 0x4c && spec.elf[3] === 0x46;
    const elf = isElf ? parseElf(spec.elf, source) : null;
    if (!isElf && spec.elf.length === 0) throw new HostError(`${source}: empty file`);
    const hostBase = this.machine.ram.base + HV_RESERVED + id * this.memPerGuest;
    const gstage = new GStageTables(this.port, this.pool);
    gstage.map(GUEST_RAM_BASE, hostBase, this.memPerGuest, Pte.R | Pte.W | Pte.X);
    const vm = new Vm(
      id,
      name,
      id + 1,
      hostBase,
      this.memPerGuest,
      gstage,
      (v, b) => this.opts.output?.(v, b),
      (v, level) => this.setVirq(v, HVIP_VSEIP, level, 'external'),
    );
    // The kernel, at its physical addresses in guest RAM.
    const ranges: [number, number][] = [];
    let entry = GUEST_RAM_BASE + RAW_IMAGE_OFFSET;
    if (elf !== null) {
      try {
        loadSegments(
          elf,
          (pa, bytes) => this.port.writePhys(vm.gpaToHpa(pa, bytes.length), bytes),
          (pa, len) => this.port.zeroPhys(vm.gpaToHpa(pa, len), len),
          (pa, len) => {
            ranges.push([pa, pa + len]);
            return vm.gpaToHpa(pa, len) >= 0;
          },
          { base: GUEST_RAM_BASE, size: this.memPerGuest },
        );
      } catch (e) {
        if (e instanceof HostError) throw new HostError(`${source}: ${e.message}`);
        throw e;
      }
      entry = Number(elf.entryPaddr);
    } else {
      if (vm.gpaToHpa(entry, spec.elf.length) < 0) {
        throw new HostError(`${source}: ${spec.elf.length} bytes do not fit in the guest's memory: give it more with --mem-per-guest`);
      }
      this.port.writePhys(vm.gpaToHpa(entry, spec.elf.length), spec.elf);
      ranges.push([entry, entry + spec.elf.length]);
    }
    // The initrd where QEMU puts it: half the RAM (at most 128 MiB) past the kernel's entry.
    let initrd: { start: number; end: number } | undefined;
    if (spec.initrd !== undefined) {
      const start = entry + Math.min(this.memPerGuest / 2, 128 * MiB);
      const end = start + spec.initrd.length;
      if (vm.gpaToHpa(start, spec.initrd.length) < 0) {
        throw new HostError(`the initrd (${spec.initrd.length} bytes at ${hex(start)}) does not fit in ${name}'s memory: give it more with --mem-per-guest`);
      }
      this.port.writePhys(vm.gpaToHpa(start, spec.initrd.length), spec.initrd);
      ranges.push([start, end]);
      initrd = { start, end };
    }
    // Its device tree at the end of its RAM: 2 MiB-aligned as QEMU places it, or 4 KiB-aligned
    // when a small guest's kernel is in that block.
    const dtb = buildGuestDtb({ isa: this.guestIsa, memSize: this.memPerGuest, bootargs: spec.bootargs, initrd });
    const end = GUEST_RAM_BASE + this.memPerGuest;
    const overlaps = (at: number) => ranges.some(([s, e]) => s < at + dtb.length && at < e);
    let dtbGpa = Math.floor((end - dtb.length) / (2 * MiB)) * 2 * MiB;
    if (overlaps(dtbGpa)) dtbGpa = Math.floor((end - dtb.length) / 4096) * 4096;
    if (overlaps(dtbGpa)) {
      throw new HostError(`${spec.source ?? name}: the kernel overlaps the device tree at ${hex(dtbGpa)}; give the guest more memory`);
    }
    this.port.writePhys(vm.gpaToHpa(dtbGpa, dtb.length), dtb);

    const c = vm.vcpu;
    c.setPc(entry | 0, Math.floor(entry / TWO32));
    c.setX(10, 0, 0); // a0: hart ID
    c.setX(11, dtbGpa | 0, 0); // a1: the device tree
    c.priv = 1;
    const ppn = gstage.root / 4096;
    c.setCsr(Csr.hgatp, ppn % TWO32 | 0, ((8 << 28) | (vm.vmid << 12) | Math.floor(ppn / TWO32)) | 0);
    // The guest's clock starts at zero when it is created.
    const delta = -this.hostTime();
    c.setCsr(Csr.htimedelta, delta % TWO32 | 0, Math.floor(delta / TWO32) | 0);
    c.setCsr(Csr.hcounteren, 7);
    // As OpenSBI leaves it for a kernel: cycle, time and instret readable from the guest's U-mode
    // (Linux 6.1 without the SBI PMU driver never writes scounteren itself).
    c.setCsr(Csr.scounteren, 7);
    // Sstc for the guest: its stimecmp is the hart's vstimecmp (henvcfg.STCE), so a kernel that
    // finds "sstc" in its device tree programs its timer without exits.
    c.setCsr(Csr.henvcfg, 0, HENVCFG_STCE_HI);
    c.setCsr(Csr.vstimecmp, -1, -1);
    this.vms.push(vm);
    return vm;
  }

  /** Holds a guest off the hart (from its next exit on, within one quantum). */
  pause(vm: Vm): void {
    if (vm.alive) vm.state = 'paused';
  }

  resume(vm: Vm): void {
    if (vm.state === 'paused') vm.state = 'ready';
  }

  /** Ends a guest and wipes its memory. */
  destroy(vm: Vm): void {
    if (vm.state === 'destroyed') return;
    if (vm.alive) {
      vm.state = 'stopped';
      vm.stopReason = 'destroyed by the host';
    }
    if (this.current === vm) this.current = null;
    this.port.zeroPhys(vm.hostBase, vm.memSize);
    vm.state = 'destroyed';
  }

  /** Runs the guests until all have ended (or `maxInsns` instructions ran on the hart). */
  run(maxInsns = Infinity): HvResult {
    if (!this.booted) this.boot();
    const r = this.machine.run(maxInsns);
    if (r.reason === 'limit' && this.current !== null && this.machine.hart.virt !== 0) this.account(this.current);
    return { reason: r.reason === 'exit' ? 'done' : r.reason === 'limit' ? 'limit' : 'idle', instret: r.instret };
  }

  /** The hypervisor's own setup in HS, then the first guest entry. */
  private boot(): void {
    this.booted = true;
    const p = this.port;
    p.csrWrite(Csr.stvec, this.idleAddr + 0x10);
    p.csrWrite(Csr.hedeleg, HEDELEG);
    p.csrWrite(Csr.hideleg, HIDELEG);
    // A guest's WFI traps here (virtual instruction), so it gives up the hart.
    p.csrWrite(Csr.hstatus, HSTATUS_VTW);
    p.csrWrite(0x104, SIE_STIE); // sie: the host timer
    this.schedule();
  }

  private hostTime(): number {
    return this.port.csrReadNumber(Csr.time);
  }

  /** Counts the guest's instructions and cycles since it was entered. */
  private account(vm: Vm): void {
    const m = this.machine;
    vm.instret += m.hart.instret - this.entryInstret;
    vm.cycles += m.cycles() - this.entryCycles;
    this.entryInstret = m.hart.instret;
    this.entryCycles = m.cycles();
  }

  /**
   * Pipeline costs around each exit, set from the timing model when one is attached: the trap
   * (which the model charges itself when the core takes it) and the SRET back (which the core
   * does not execute, so it is charged here).
   */
  trapCycles = 0;
  sretCycles = 0;

  private charge(vm: Vm | null, stat: string, extra: number): void {
    const handler = EXIT_BASE_CYCLES + extra;
    this.machine.hostCycles += handler + this.sretCycles;
    this.totals.handlerCycles += handler;
    this.totals.exits++;
    // An exit's cost: trap entry, the handler, SRET.
    vm?.countExit(stat, this.trapCycles + handler + this.sretCycles);
  }

  /** The TypeScript trap handler: every trap into HS comes here. */
  private onTrap(): void {
    const p = this.port;
    const scause = p.csrRead(Csr.scause);
    const interrupt = p.hi < 0;
    const fromGuest = (p.csrRead(Csr.hstatus) & HSTATUS_SPV) !== 0;
    const vm = fromGuest ? this.current : null;
    if (fromGuest && vm === null) throw new HypervisorBug('a trap from a guest with no guest on the hart');
    if (vm !== null) this.account(vm);
    if (interrupt) {
      // The host timer (quantum end or a guest deadline); nothing else is enabled in sie.
      if (vm === null) this.totals.idleWakeups++;
      this.charge(vm, scause === 5 ? 'interrupt:host-timer' : `interrupt:${scause}`, EXIT_EXTRA_CYCLES.timer);
    } else if (vm === null) {
      const pc = hex64(p.csrRead(Csr.sepc), p.hi);
      throw new HypervisorBug(`exception ${scause} (${CAUSE_NAMES[scause] ?? '?'}) in the hypervisor at ${pc}`);
    } else {
      this.guestException(vm, scause);
    }
    this.schedule();
  }

  private guestException(vm: Vm, cause: number): void {
    const p = this.port;
    switch (cause) {
      case 10: {
        const { stat } = handleSbi(p, vm, this);
        this.stepSepc(4);
        this.charge(vm, stat, EXIT_EXTRA_CYCLES.sbi);
        return;
      }
      case 20:
      case 21:
      case 23: {
        const gpa = p.csrReadNumber(Csr.htval) * 4 + (p.csrRead(Csr.stval) & 3);
        const dev = cause === 20 ? undefined : vm.deviceAt(gpa, 1);
        if (dev !== undefined) {
          if (this.emulateMmio(vm, dev, gpa, cause === 23)) {
            this.charge(vm, `mmio:${dev.name}-${cause === 23 ? 'store' : 'load'}`, EXIT_EXTRA_CYCLES.mmio);
            return;
          }
          this.stop(vm, `unsupported access to its virtual ${dev.name} at guest-physical ${hex(gpa)}${this.where()}`);
          return;
        }
        this.stop(vm, `${CAUSE_NAMES[cause]} at guest-physical ${hex(gpa)}, outside its memory${this.where()}`);
        return;
      }
      case 22: {
        const insn = p.csrRead(Csr.stval);
        if (insn === WFI) {
          this.stepSepc(4);
          vm.state = 'waiting';
          this.charge(vm, 'virtual-insn:wfi', EXIT_EXTRA_CYCLES.virtualInsn);
          return;
        }
        // Anything else the guest may not do (an H CSR, an HLV, ...): to the guest, it is an
        // illegal instruction, as it would be on a hart without H.
        this.redirect(2, insn, 0);
        this.charge(vm, 'virtual-insn:redirected', EXIT_EXTRA_CYCLES.virtualInsn);
        return;
      }
      default:
        this.stop(vm, `${CAUSE_NAMES[cause] ?? `exception ${cause}`} (stval ${hex64(p.csrRead(Csr.stval), p.hi)})${this.where()}`);
    }
  }

  /** ", pc 0x..., guest virtual 0x..." for reports. */
  private where(): string {
    const p = this.port;
    const pc = hex64(p.csrRead(Csr.sepc), p.hi);
    return ` (pc ${pc}, guest virtual ${hex64(p.csrRead(Csr.stval), p.hi)})`;
  }

  /** sepc += n (past the instruction the guest trapped on). */
  private stepSepc(n: number): void {
    const p = this.port;
    const lo = p.csrRead(Csr.sepc);
    const hi = p.hi;
    const nlo = (lo + n) | 0;
    p.csrWrite(Csr.sepc, nlo, (nlo >>> 0) < (lo >>> 0) ? (hi + 1) | 0 : hi);
  }

  /**
   * Emulates a load or store to a virtual device: the instruction comes from htinst, or from guest
   * memory with HLVX when htinst is zero. Returns false for an access it cannot emulate.
   */
  private emulateMmio(vm: Vm, dev: GuestDevice, gpa: number, store: boolean): boolean {
    const p = this.port;
    let insn = this.opts.useHtinst === false ? 0 : p.csrRead(Csr.htinst);
    let len: number;
    if (insn !== 0) {
      // A transformed instruction: bit 1 clear means the original was compressed.
      len = (insn & 2) !== 0 ? 4 : 2;
    } else {
      const pcLo = p.csrRead(Csr.sepc);
      const pcHi = p.hi;
      const lo16 = p.hlvxHu(pcLo, pcHi);
      if (lo16 < 0) return false;
      len = insnLength(lo16);
      if (len === 4) {
        const nlo = (pcLo + 2) | 0;
        const hi16 = p.hlvxHu(nlo, (nlo >>> 0) < (pcLo >>> 0) ? pcHi + 1 : pcHi);
        if (hi16 < 0) return false;
        insn = lo16 | (hi16 << 16);
      } else {
        insn = this.machine.decoder.expand(lo16);
      }
    }
    const a = decodeMmio(insn);
    if (a === null || a.store !== store) return false;
    const off = gpa - dev.base;
    if (off + a.size > dev.size) return false;
    const d = dev.device;
    if (store) {
      if (a.size === 8) {
        d.write(off, 4, p.xLo(a.reg));
        d.write(off + 4, 4, p.xHi(a.reg));
      } else d.write(off, a.size, p.xLo(a.reg) & (a.size === 4 ? -1 : (1 << (8 * a.size)) - 1));
    } else {
      let lo: number;
      let hi: number;
      if (a.size === 8) {
        lo = d.read(off, 4);
        hi = d.read(off + 4, 4);
      } else {
        const v = d.read(off, a.size);
        const bits = 8 * a.size;
        lo = a.signed ? (v << (32 - bits)) >> (32 - bits) : bits === 32 ? v | 0 : v;
        hi = a.signed && lo < 0 ? -1 : 0;
      }
      p.setX(a.reg, lo | 0, hi | 0);
    }
    this.stepSepc(len);
    return true;
  }

  /** Takes exception `cause` into the guest itself (VS trap entry done by the hypervisor). */
  private redirect(cause: number, tvalLo: number, tvalHi: number): void {
    const p = this.port;
    const epcLo = p.csrRead(Csr.sepc);
    const epcHi = p.hi;
    p.csrWrite(Csr.vsepc, epcLo, epcHi);
    p.csrWrite(Csr.vscause, cause, 0);
    p.csrWrite(Csr.vstval, tvalLo, tvalHi);
    const spp = p.csrRead(Csr.sstatus) & SSTATUS_SPP;
    let vss = p.csrRead(Csr.vsstatus);
    const vssHi = p.hi;
    vss = (vss & ~SSTATUS_SPIE) | ((vss & SSTATUS_SIE) !== 0 ? SSTATUS_SPIE : 0);
    vss = (vss & ~(SSTATUS_SIE | SSTATUS_SPP)) | spp;
    p.csrWrite(Csr.vsstatus, vss, vssHi);
    const tvec = p.csrRead(Csr.vstvec) & ~3;
    p.csrWrite(Csr.sepc, tvec, p.hi);
    // The guest's handler runs in VS.
    p.csrSet(Csr.sstatus, SSTATUS_SPP);
    p.csrSet(Csr.hstatus, HSTATUS_SPVP);
  }

  /** Stops a guest the hypervisor cannot let go on; the others keep running. */
  stop(vm: Vm, reason: string): void {
    vm.state = 'stopped';
    vm.stopReason = reason;
    this.opts.onStop?.(vm);
  }

  // ---- SbiHost

  setGuestTimer(vm: Vm, ticks: number): void {
    const delta = this.guestTimeDelta(vm);
    vm.timerDeadline = ticks < 0 ? Infinity : ticks - delta;
    this.setVirq(vm, HVIP_VSTIP, false, 'timer');
  }

  sendGuestIpi(vm: Vm): void {
    this.setVirq(vm, HVIP_VSSIP, true, 'ipi');
  }

  clearGuestIpi(vm: Vm): void {
    this.setVirq(vm, HVIP_VSSIP, false, 'ipi');
  }

  fenceGuest(vm: Vm): void {
    if (vm === this.current) this.port.hfenceVvma();
  }

  shutdown(vm: Vm, code: number, why: string): void {
    vm.state = 'exited';
    vm.exitCode = code;
    vm.stopReason = why;
  }

  suspend(vm: Vm): void {
    vm.state = 'waiting';
  }

  /** htimedelta of a guest (on the hart, or saved), as a number. */
  private guestTimeDelta(vm: Vm): number {
    if (vm === this.current) {
      const lo = this.port.csrRead(Csr.htimedelta);
      return this.port.hi * TWO32 + (lo >>> 0);
    }
    return vm.vcpu.csrNumber(Csr.htimedelta);
  }

  /** Raises or lowers a guest's VS-level interrupt in its hvip. */
  private setVirq(vm: Vm, bit: number, level: boolean, kind: string): void {
    let hvip: number;
    const onHart = vm === this.current && this.machine.hart.priv === 1 && this.machine.hart.virt === 0;
    if (onHart) hvip = this.port.csrRead(Csr.hvip);
    else hvip = vm.vcpu.csr(Csr.hvip);
    const now = level ? hvip | bit : hvip & ~bit;
    if (now === hvip) return;
    if (level) vm.countInjected(kind);
    if (onHart) this.port.csrWrite(Csr.hvip, now);
    else vm.vcpu.setCsr(Csr.hvip, now);
  }

  /** An interrupt the guest has enabled in vsie is pending in its hvip: what ends its WFI. */
  private virqPending(vm: Vm): boolean {
    let hvip: number;
    let vsie: number;
    if (vm === this.current) {
      hvip = this.port.csrRead(Csr.hvip);
      vsie = this.port.csrRead(Csr.vsie);
    } else {
      hvip = vm.vcpu.csr(Csr.hvip);
      vsie = vm.vcpu.csr(Csr.vsie);
    }
    return ((hvip >>> 1) & vsie) !== 0 || ((vsie & SIE_STIE) !== 0 && this.vstimecmpDeadline(vm) <= this.hostTime());
  }

  /**
   * When the guest's own timer (vstimecmp, with henvcfg.STCE) fires, in host ticks: vstimecmp -
   * htimedelta; Infinity when STCE is off or the compare value is out of reach.
   */
  private vstimecmpDeadline(vm: Vm): number {
    let envHi: number;
    let cmpLo: number;
    let cmpHi: number;
    let delta: number;
    if (vm === this.current) {
      const p = this.port;
      p.csrRead(Csr.henvcfg);
      envHi = p.hi;
      cmpLo = p.csrRead(Csr.vstimecmp);
      cmpHi = p.hi;
      delta = this.guestTimeDelta(vm);
    } else {
      const c = vm.vcpu;
      envHi = c.csrHi(Csr.henvcfg);
      cmpLo = c.csr(Csr.vstimecmp);
      cmpHi = c.csrHi(Csr.vstimecmp);
      delta = c.csrNumber(Csr.htimedelta);
    }
    if ((envHi & HENVCFG_STCE_HI) === 0 || cmpHi >>> 0 >= 0x200000) return Infinity;
    return Math.max(0, (cmpHi >>> 0) * TWO32 + (cmpLo >>> 0) - delta);
  }

  /**
   * Picks who runs next and goes there: injects the guest timers that are due, wakes waiting
   * guests with an interrupt pending, keeps the current guest until its quantum ends, else the
   * next ready guest in turn; idles in HS when none can run; powers off when all have ended.
   */
  private schedule(): void {
    const p = this.port;
    const now = this.hostTime();
    for (const vm of this.vms) {
      if (vm.alive && vm.timerDeadline <= now) {
        vm.timerDeadline = Infinity;
        this.setVirq(vm, HVIP_VSTIP, true, 'timer');
      }
      if (vm.state === 'waiting' && this.virqPending(vm)) vm.state = 'ready';
    }
    const cur = this.current;
    let next: Vm | null = null;
    if (cur !== null && cur.state === 'running' && now < this.quantumEnd) next = cur;
    else {
      const n = this.vms.length;
      const from = cur === null ? 0 : cur.id + 1;
      for (let i = 0; i < n; i++) {
        const vm = this.vms[(from + i) % n];
        if (vm.state === 'ready' || vm.state === 'running') {
          next = vm;
          break;
        }
      }
    }
    // Take the current guest off the hart unless it goes on.
    if (cur !== null && next !== cur) {
      if (cur.alive) cur.vcpu.save(p);
      if (cur.state === 'running') cur.state = 'ready';
      this.current = null;
    }
    if (next === null) {
      this.idle();
      return;
    }
    if (next !== cur) {
      next.vcpu.restore(p);
      this.totals.worldSwitches++;
      this.machine.hostCycles += EXIT_EXTRA_CYCLES.worldSwitch;
      this.totals.handlerCycles += EXIT_EXTRA_CYCLES.worldSwitch;
      next.countExit('world-switch-in', EXIT_EXTRA_CYCLES.worldSwitch);
      this.current = next;
      this.quantumEnd = now + this.quantumTicks;
      // Return into the guest at the privilege it left from.
      if (next.vcpu.priv) p.csrSet(Csr.sstatus, SSTATUS_SPP);
      else p.csrClear(Csr.sstatus, SSTATUS_SPP);
      if (next.vcpu.priv) p.csrSet(Csr.hstatus, HSTATUS_SPVP);
      else p.csrClear(Csr.hstatus, HSTATUS_SPVP);
    } else if (now >= this.quantumEnd) {
      this.quantumEnd = now + this.quantumTicks;
    }
    next.state = 'running';
    this.armHostTimer(Math.min(this.quantumEnd, this.earliestDeadline()));
    p.csrSet(Csr.hstatus, HSTATUS_SPV);
    this.entryInstret = this.machine.hart.instret;
    this.entryCycles = this.machine.cycles();
    p.sret();
  }

  private earliestDeadline(): number {
    let t = Infinity;
    for (const vm of this.vms) {
      if (vm.alive && vm.state !== 'paused') t = Math.min(t, vm.timerDeadline, vm === this.current ? Infinity : this.vstimecmpDeadline(vm));
    }
    return t;
  }

  private armHostTimer(ticks: number): void {
    if (ticks === Infinity) this.port.csrWrite(Csr.stimecmp, -1, -1);
    else this.port.csrWriteNumber(Csr.stimecmp, ticks);
  }

  /** No guest can run: wait in HS for the next guest deadline, or finish when every guest ended. */
  private idle(): void {
    const p = this.port;
    if (!this.vms.some((vm) => vm.alive)) {
      // Power off through the platform's test finisher, as HS software would (a store).
      this.armHostTimer(Infinity);
      p.storeIo(SIFIVE_TEST_BASE, 4, 0x5555);
      return;
    }
    const deadline = this.earliestDeadline();
    if (deadline === Infinity && !this.vms.some((vm) => vm.state === 'paused')) {
      // Every live guest waits for an interrupt that nothing will raise.
      for (const vm of this.vms) {
        if (vm.state === 'waiting') this.stop(vm, 'it waits for an interrupt that nothing will raise (WFI with no timer armed)');
      }
      this.schedule();
      return;
    }
    this.armHostTimer(deadline);
    // sret to the idle loop in HS with interrupts on: SPV = 0, SPP = S, SPIE = 1.
    p.csrClear(Csr.hstatus, HSTATUS_SPV);
    p.csrSet(Csr.sstatus, SSTATUS_SPP | SSTATUS_SPIE);
    p.csrWrite(Csr.sepc, this.idleAddr);
    p.sret();
  }
}
