/**
 * Main memory: one ArrayBuffer with typed views. Aligned accesses from the MMU's TLB fast path
 * index the views directly (the host is little-endian, like RISC-V).
 */
export class Ram {
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly i32: Int32Array;
  readonly dv: DataView;
  readonly pages: number;

  constructor(
    readonly base: number,
    readonly size: number,
  ) {
    if (size % 4096 !== 0 || size <= 0 || size > 0x80000000) throw new Error(`bad RAM size ${size}`);
    const buf = new ArrayBuffer(size);
    this.u8 = new Uint8Array(buf);
    this.i8 = new Int8Array(buf);
    this.u16 = new Uint16Array(buf);
    this.i16 = new Int16Array(buf);
    this.i32 = new Int32Array(buf);
    this.dv = new DataView(buf);
    this.pages = size >>> 12;
  }

  contains(paddr: number, len: number): boolean {
    return paddr >= this.base && paddr + len <= this.base + this.size;
  }
}
