import { HostError } from '../rv64/trap.js';
import type { Device } from './device.js';

/** QEMU virt's mask ROM ("mrom") region: 0x1000..0x10000; the harts reset to its first byte. */
export const BOOT_ROM_BASE = 0x1000;
export const BOOT_ROM_SIZE = 0xf000;

/** OpenSBI's fw_dynamic_info (include/sbi/fw_dynamic.h): magic "OSBI", version 2. */
export const FW_DYNAMIC_INFO_MAGIC = 0x4942534f;
export const FW_DYNAMIC_INFO_VERSION = 2;
/** fw_dynamic_info.next_mode: the privilege mode the firmware starts the next stage in. */
export const NEXT_MODE_S = 1;

const MiB = 0x100000;

// Registers used by the reset vector.
const T0 = 5;
const A0 = 10;
const A1 = 11;
const A2 = 12;
const CSR_MHARTID = 0xf14;

// Layout of the ROM (as QEMU's): six instructions, two 64-bit words, then the fw_dynamic info.
const START_ADDR_AT = 0x18;
const FDT_ADDR_AT = 0x20;
const FW_DYNAMIC_AT = 0x28;

// Base-ISA encodings (unprivileged spec, chapter 2 "RV32I" and §5.3 for LD).
const auipc = (rd: number, imm20: number): number => ((imm20 << 12) | (rd << 7) | 0x17) >>> 0;
const addi = (rd: number, rs1: number, imm: number): number => (((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13) >>> 0;
const ld = (rd: number, rs1: number, imm: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x03) >>> 0;
const csrrs = (rd: number, csr: number, rs1: number): number => ((csr << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x73) >>> 0;
const jalr = (rd: number, rs1: number, imm: number): number => (((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x67) >>> 0;

/** The reset vector's six instructions, in order. */
export const RESET_VECTOR_CODE: readonly number[] = [
  auipc(T0, 0), //             t0 = 0x1000 (this ROM)
  addi(A2, T0, FW_DYNAMIC_AT), // a2 = &fw_dynamic_info
  csrrs(A0, CSR_MHARTID, 0), //  a0 = mhartid
  ld(A1, T0, FDT_ADDR_AT), //    a1 = DTB address
  ld(T0, T0, START_ADDR_AT), //  t0 = firmware entry
  jalr(0, T0, 0), //             jump there
];

export interface BootRomOptions {
  /** Where the reset vector jumps (the firmware's entry); QEMU: the start of RAM. */
  startAddr?: number;
  /** The DTB's physical address, passed in a1. */
  fdtAddr: number;
  /** fw_dynamic_info.next_addr: the kernel entry, or 0 when there is no kernel (as QEMU). */
  nextAddr?: number;
  /** fw_dynamic_info.next_mode; S-mode unless told otherwise. */
  nextMode?: number;
}

/**
 * The contents of QEMU virt's reset ROM: the reset vector followed by the start and DTB addresses
 * and OpenSBI's fw_dynamic_info {magic, version, next_addr, next_mode, options, boot_hart} (64-bit
 * fields). fw_jump and fw_payload ignore a2; fw_dynamic reads it.
 */
export function bootRomImage(opts: BootRomOptions): Uint8Array {
  const img = new Uint8Array(BOOT_ROM_SIZE);
  const dv = new DataView(img.buffer);
  RESET_VECTOR_CODE.forEach((w, i) => dv.setUint32(4 * i, w, true));
  setU64(dv, START_ADDR_AT, opts.startAddr ?? 0x80000000);
  setU64(dv, FDT_ADDR_AT, opts.fdtAddr);
  const info = [FW_DYNAMIC_INFO_MAGIC, FW_DYNAMIC_INFO_VERSION, opts.nextAddr ?? 0, opts.nextMode ?? NEXT_MODE_S, 0, 0];
  info.forEach((v, i) => setU64(dv, FW_DYNAMIC_AT + 8 * i, v));
  return img;
}

function setU64(dv: DataView, at: number, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`boot-rom: ${v} is not an address`);
  const hi = Math.floor(v / 0x100000000);
  dv.setUint32(at, v - hi * 0x100000000, true);
  dv.setUint32(at + 4, hi, true);
}

/** The reset ROM as a read-only device; writes are dropped, as QEMU drops writes to ROM. */
export class BootRom implements Device {
  readonly name = 'boot-rom';
  readonly size = BOOT_ROM_SIZE;
  readonly image: Uint8Array;
  private readonly dv: DataView;

  constructor(opts: BootRomOptions) {
    this.image = bootRomImage(opts);
    this.dv = new DataView(this.image.buffer);
  }

  read(offset: number, size: 1 | 2 | 4): number {
    if (size === 1) return this.image[offset];
    if (size === 2) return this.dv.getUint16(offset, true);
    return this.dv.getUint32(offset, true);
  }

  write(_offset: number, _size: 1 | 2 | 4, _value: number): void {}
}

/**
 * Where the machine puts the DTB, as QEMU 7.2's riscv_load_fdt computes it: below the end of RAM,
 * or below 3 GiB if RAM reaches further (so 32-bit software can address it), minus the blob's size,
 * aligned down to 2 MiB. 128 MiB at 0x80000000 gives 0x87e00000.
 */
export function fdtLoadAddress(ramBase: number, ramSize: number, fdtSize: number): number {
  const ramEnd = ramBase + ramSize;
  const top = ramBase < 3072 * MiB ? Math.min(ramEnd, 3072 * MiB) : ramEnd;
  const addr = Math.floor((top - fdtSize) / (2 * MiB)) * (2 * MiB);
  if (addr < ramBase) throw new HostError(`the device tree (${fdtSize} bytes) does not fit in RAM`);
  return addr;
}
