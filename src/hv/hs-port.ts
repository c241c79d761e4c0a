/**
 * What HS-mode software has, and nothing more: the hart's general and FP registers, the CSRs it may
 * access from HS (checked by the CSR file's own access rules, as a csrr/csrw in HS would be),
 * physical memory, HLVX reads of guest memory, and the SRET/HFENCE instructions (executed through
 * their own semantics rows, so the hardware rules stay the simulator's). The TypeScript hypervisor
 * reaches the hart only through this port.
 */
import { val } from '../csr/csr-file.js';
import { guestTranslatorOf } from '../hext/two-stage.js';
import type { Machine } from '../machine.js';
import { type Hart, Priv } from '../rv64/hart.js';
import { allRows } from '../rv64/isa/index.js';
import type { InsnRow } from '../rv64/isa/types.js';
import { Access } from '../rv64/mmu.js';
import { TRAP } from '../rv64/trap.js';

const TWO32 = 4294967296;

function row(name: string): InsnRow {
  const r = allRows.find((x) => x.name === name);
  if (r === undefined) throw new Error(`no instruction row ${name}`);
  return r;
}

const SRET = row('sret');
const HFENCE_VVMA = row('hfence_vvma');
const HFENCE_GVMA = row('hfence_gvma');

/** A bug in the hypervisor itself (an access HS-mode may not make): never a guest's fault. */
export class HypervisorBug extends Error {}

export class HsPort {
  readonly h: Hart;
  /** High word of the last csrRead. */
  hi = 0;

  constructor(readonly machine: Machine) {
    this.h = machine.hart;
  }

  private checkHs(): void {
    if (this.h.priv !== Priv.S || this.h.virt !== 0) throw new HypervisorBug('the hypervisor ran outside HS-mode');
  }

  /** csrr from HS: the low word (the high word in `hi`). */
  csrRead(addr: number): number {
    this.checkHs();
    const e = this.machine.csr.lookup(addr, false);
    if (typeof e === 'number') throw new HypervisorBug(`HS-mode cannot read CSR 0x${addr.toString(16)}`);
    e.read(this.h);
    this.hi = val[1];
    return val[0];
  }

  /** csrr of a CSR whose value is below 2^53 (time, counters), as a number. */
  csrReadNumber(addr: number): number {
    const lo = this.csrRead(addr);
    return (this.hi >>> 0) * TWO32 + (lo >>> 0);
  }

  /** Whether HS-mode may access this CSR on this hart (an optional CSR may be absent). */
  hasCsr(addr: number): boolean {
    return typeof this.machine.csr.lookup(addr, true) !== 'number';
  }

  /** csrw from HS. */
  csrWrite(addr: number, lo: number, hi = 0): void {
    this.checkHs();
    const e = this.machine.csr.lookup(addr, true);
    if (typeof e === 'number' || e.write === undefined) throw new HypervisorBug(`HS-mode cannot write CSR 0x${addr.toString(16)}`);
    e.write(this.h, lo | 0, hi | 0);
  }

  /** csrs / csrc of low-word bits. */
  csrSet(addr: number, bits: number): void {
    const lo = this.csrRead(addr);
    this.csrWrite(addr, lo | bits, this.hi);
  }

  csrClear(addr: number, bits: number): void {
    const lo = this.csrRead(addr);
    this.csrWrite(addr, lo & ~bits, this.hi);
  }

  /** Writes a number below 2^53 (or a negative one, two's complement) to a CSR. */
  csrWriteNumber(addr: number, n: number): void {
    const lo = n % TWO32 | 0;
    const hi = Math.floor(n / TWO32) | 0;
    this.csrWrite(addr, lo, hi);
  }

  // ---- registers (the guest's, as they were when it trapped)

  xLo(r: number): number {
    return this.h.x[2 * r];
  }

  xHi(r: number): number {
    return this.h.x[2 * r + 1];
  }

  setX(r: number, lo: number, hi: number): void {
    if (r === 0) return;
    this.h.x[2 * r] = lo;
    this.h.x[2 * r + 1] = hi;
  }

  /** Sets x[r] to a signed JS integer (|n| < 2^53). */
  setXNumber(r: number, n: number): void {
    const lo = n % TWO32 | 0;
    const hi = Math.floor(n / TWO32) | 0;
    this.setX(r, lo, hi);
  }

  /** x[r] as an unsigned number when below 2^53, else -1. */
  xNumber(r: number): number {
    const hi = this.xHi(r) >>> 0;
    return hi < 0x200000 ? hi * TWO32 + (this.xLo(r) >>> 0) : -1;
  }

  /** Copies x1..x31 (and pc) out / in: a trap handler's register save and restore. */
  saveX(to: Int32Array): void {
    to.set(this.h.x.subarray(0, 64));
  }

  restoreX(from: Int32Array): void {
    this.h.x.set(from.subarray(0, 64));
    this.h.x[0] = 0;
    this.h.x[1] = 0;
  }

  saveF(to: Int32Array): void {
    to.set(this.h.f);
  }

  restoreF(from: Int32Array): void {
    this.h.f.set(from);
  }

  // ---- memory

  writePhys(pa: number, bytes: Uint8Array): void {
    this.machine.mmu.writePhys(pa, bytes);
  }

  readPhys(pa: number, len: number): Uint8Array {
    return this.machine.mmu.readPhys(pa, len);
  }

  zeroPhys(pa: number, len: number): void {
    this.machine.mmu.writePhys(pa, new Uint8Array(len));
  }

  /** A 64-bit store to physical memory (a page-table entry), as halves. */
  store64Phys(pa: number, lo: number, hi: number): void {
    const b = new Uint8Array(8);
    const dv = new DataView(b.buffer);
    dv.setInt32(0, lo, true);
    dv.setInt32(4, hi, true);
    this.writePhys(pa, b);
  }

  /** A physical store of up to 4 bytes to a device (the power-off register). */
  storeIo(pa: number, size: 1 | 2 | 4, value: number): boolean {
    return this.machine.bus.writeIo(pa, size, value);
  }

  /**
   * HLVX.HU at guest virtual address (lo, hi) with the guest's privilege (hstatus.SPVP): the 16-bit
   * parcel, or -1 when the access would fault (the fault is not taken: this is the hypervisor
   * probing, as KVM does with a temporary trap vector).
   */
  hlvxHu(lo: number, hi: number): number {
    this.checkHs();
    const h = this.h;
    const priv = (h.csr.hstatus & (1 << 8)) !== 0 ? Priv.S : Priv.U;
    try {
      const pa = guestTranslatorOf(h).translate(lo, hi, Access.Load, 2, priv, true);
      const b = this.machine.mmu.readPhys(pa, 2);
      return b[0] | (b[1] << 8);
    } catch (e) {
      if (e !== TRAP) throw e;
      return -1;
    }
  }

  // ---- instructions

  /** SRET: back to the guest (hstatus.SPV = 1) or to HS code, exactly as the instruction does it. */
  sret(): void {
    this.checkHs();
    const h = this.h;
    SRET.exec(h, 0x10200073);
    h.pcLo = h.npcLo;
    h.pcHi = h.npcHi;
  }

  /** HFENCE.VVMA x0, x0: forget the current VMID's VS-stage translations. */
  hfenceVvma(): void {
    this.checkHs();
    HFENCE_VVMA.exec(this.h, 0x22000073);
  }

  /** HFENCE.GVMA x0, x0: forget every G-stage translation. */
  hfenceGvma(): void {
    this.checkHs();
    HFENCE_GVMA.exec(this.h, 0x62000073);
  }
}
