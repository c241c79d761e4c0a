/**
 * G-stage page tables (H extension, "Two-Stage Address Translation": Sv39x4), built by the
 * hypervisor in simulated memory as HS-mode software would: a 16 KiB root table (2048 entries, the
 * x4 widening of the guest-physical address to 41 bits) and ordinary Sv39 tables below it. Every
 * leaf has U = 1 (G-stage leaves are user pages) and A = D = 1 (the G-stage runs with Svade, so
 * clear bits would fault to the hypervisor for nothing).
 */
import type { HsPort } from './hs-port.js';

const PAGE = 4096;
const MEGA = 2 * 1024 * 1024;
const GIGA = 1024 * 1024 * 1024;
/** Sv39x4: guest-physical addresses are 41 bits. */
export const GPA_LIMIT = 2 ** 41;

export const enum Pte {
  V = 1,
  R = 2,
  W = 4,
  X = 8,
  U = 16,
  A = 64,
  D = 128,
}

/** Pages for page tables, handed out from the hypervisor's own memory. */
export class PagePool {
  private next: number;

  constructor(
    private readonly base: number,
    private readonly end: number,
  ) {
    this.next = base;
  }

  /** `size` bytes aligned to `align`, zero-filled by the caller. */
  alloc(size: number, align: number): number {
    const at = Math.ceil(this.next / align) * align;
    if (at + size > this.end) throw new Error('the hypervisor is out of page-table memory');
    this.next = at + size;
    return at;
  }

  get used(): number {
    return this.next - this.base;
  }
}

/** One guest's G-stage address space: guest-physical ranges mapped to host-physical ones. */
export class GStageTables {
  /** Host physical address of the 16 KiB root table. */
  readonly root: number;

  constructor(
    private readonly port: HsPort,
    private readonly pool: PagePool,
  ) {
    this.root = pool.alloc(4 * PAGE, 4 * PAGE);
    port.zeroPhys(this.root, 4 * PAGE);
  }

  private newTable(): number {
    const t = this.pool.alloc(PAGE, PAGE);
    this.port.zeroPhys(t, PAGE);
    return t;
  }

  private readPte(pa: number): { lo: number; hi: number } {
    const b = this.port.readPhys(pa, 8);
    const dv = new DataView(b.buffer, b.byteOffset, 8);
    return { lo: dv.getInt32(0, true), hi: dv.getInt32(4, true) };
  }

  private writePte(pa: number, ppn: number, flags: number): void {
    // PTE = PPN << 10 | flags; PPN up to 44 bits.
    const v = ppn * 1024 + flags;
    this.port.store64Phys(pa, v % 2 ** 32 | 0, Math.floor(v / 2 ** 32) | 0);
  }

  /** The table one level down from the PTE at `pa`, created when absent. */
  private child(pa: number): number {
    const { lo, hi } = this.readPte(pa);
    if ((lo & Pte.V) !== 0) {
      if ((lo & (Pte.R | Pte.W | Pte.X)) !== 0) throw new Error('G-stage: a leaf is in the way');
      return ((hi >>> 0) * 2 ** 32 + (lo >>> 0) - (lo & 1023)) / 1024 * PAGE;
    }
    const t = this.newTable();
    this.writePte(pa, t / PAGE, Pte.V);
    return t;
  }

  /**
   * Maps [gpa, gpa + size) to [hpa, hpa + size) with permissions `rwx` (Pte.R | W | X bits), using
   * 2 MiB leaves where both sides are aligned and 4 KiB leaves elsewhere.
   */
  map(gpa: number, hpa: number, size: number, rwx: number): void {
    if (gpa % PAGE !== 0 || hpa % PAGE !== 0 || size % PAGE !== 0) throw new Error('G-stage: unaligned mapping');
    if (gpa + size > GPA_LIMIT) throw new Error('G-stage: beyond Sv39x4');
    const flags = Pte.V | Pte.U | Pte.A | Pte.D | rwx;
    let off = 0;
    while (off < size) {
      const g = gpa + off;
      const p = hpa + off;
      // Level 2 index has 11 bits in Sv39x4 (the root is four pages).
      const l2 = this.root + Math.floor(g / GIGA) * 8;
      const t1 = this.child(l2);
      const l1 = t1 + (Math.floor(g / MEGA) % 512) * 8;
      if (g % MEGA === 0 && p % MEGA === 0 && size - off >= MEGA) {
        this.writePte(l1, p / PAGE, flags);
        off += MEGA;
        continue;
      }
      const t0 = this.child(l1);
      this.writePte(t0 + (Math.floor(g / PAGE) % 512) * 8, p / PAGE, flags);
      off += PAGE;
    }
  }
}
