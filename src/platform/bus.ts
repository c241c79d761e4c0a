import type { Device } from './device.js';
import type { Ram } from './ram.js';

export interface Region {
  base: number;
  size: number;
  device: Device;
}

/**
 * The physical address space: RAM (the fast path, reached directly by the MMU's TLBs) and a list
 * of MMIO regions. Physical addresses are JS numbers (< 2^53; anything above decodes to nothing).
 */
export class Bus {
  readonly regions: Region[] = [];
  private last: Region | null = null;

  constructor(readonly ram: Ram) {}

  add(base: number, device: Device): void {
    for (const r of this.regions) {
      if (base < r.base + r.size && r.base < base + device.size) {
        throw new Error(`bus: ${device.name} overlaps ${r.device.name}`);
      }
    }
    this.regions.push({ base, size: device.size, device });
  }

  find(paddr: number): Region | null {
    const l = this.last;
    if (l !== null && paddr >= l.base && paddr < l.base + l.size) return l;
    for (const r of this.regions) {
      if (paddr >= r.base && paddr < r.base + r.size) {
        this.last = r;
        return r;
      }
    }
    return null;
  }

  isRam(paddr: number, size: number): boolean {
    const ram = this.ram;
    return paddr >= ram.base && paddr + size <= ram.base + ram.size;
  }

  /** MMIO read of 1, 2 or 4 bytes; returns null when nothing answers (access fault). */
  readIo(paddr: number, size: 1 | 2 | 4): number | null {
    const r = this.find(paddr);
    if (r === null || paddr + size > r.base + r.size) return null;
    return r.device.read(paddr - r.base, size);
  }

  writeIo(paddr: number, size: 1 | 2 | 4, value: number): boolean {
    const r = this.find(paddr);
    if (r === null || paddr + size > r.base + r.size) return false;
    r.device.write(paddr - r.base, size, value);
    return true;
  }

  tick(now: number): void {
    for (const r of this.regions) r.device.tick?.(now);
  }
}
