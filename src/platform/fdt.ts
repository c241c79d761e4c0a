/**
 * A flattened-device-tree (DTB) writer: version 17 blobs as the Devicetree Specification v0.4,
 * chapter 5 "Flattened Devicetree (DTB) Format" lays them out: header, memory reservation block,
 * structure block, strings block. Property values are built with the helpers below (all big-endian);
 * phandles are plain numbers chosen by the caller and written with `u32`/`cells`.
 */

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_BEGIN_NODE = 1;
export const FDT_END_NODE = 2;
export const FDT_PROP = 3;
export const FDT_NOP = 4;
export const FDT_END = 9;
const FDT_VERSION = 17;
const FDT_LAST_COMP_VERSION = 16;
const HEADER_SIZE = 40;

export interface FdtNode {
  readonly name: string;
  /** Properties in blob order (insertion order of the object). */
  readonly props: Readonly<Record<string, Uint8Array>>;
  readonly children: readonly FdtNode[];
}

export interface FdtReservation {
  address: number;
  size: number;
}

/** A node; `name` is "" for the root, otherwise "name" or "name@unit-address". */
export function node(name: string, props: Record<string, Uint8Array> = {}, children: FdtNode[] = []): FdtNode {
  if (name.length > 0 && !/^[A-Za-z0-9,._+-]+(@[A-Za-z0-9,._+-]+)?$/.test(name)) {
    throw new Error(`fdt: bad node name "${name}"`);
  }
  return { name, props, children };
}

/** A property with no value (a boolean, e.g. `interrupt-controller`). */
export function empty(): Uint8Array {
  return new Uint8Array(0);
}

/** One or more 32-bit cells. */
export function cells(...values: number[]): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`fdt: cell ${v} out of range`);
    dv.setUint32(4 * i, v);
  });
  return out;
}

export function u32(value: number): Uint8Array {
  return cells(value);
}

/** A 64-bit value as two cells (high first); `value` must be an integer below 2^53. */
export function u64(value: number): Uint8Array {
  return cells(...split64(value));
}

/** [high, low] cells of a 64-bit value below 2^53. */
export function split64(value: number): [number, number] {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`fdt: ${value} is not a 64-bit address`);
  const hi = Math.floor(value / 0x100000000);
  return [hi, value - hi * 0x100000000];
}

/** A NUL-terminated string. */
export function str(value: string): Uint8Array {
  return stringList(value);
}

/** Several NUL-terminated strings one after another (e.g. a compatible list). */
export function stringList(...values: string[]): Uint8Array {
  const parts = values.map((v) => {
    if (v.includes('\0')) throw new Error('fdt: string contains NUL');
    return Buffer.from(v, 'utf8');
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length + 1;
  }
  return out;
}

/** Serialize a tree whose root is `root` into a DTB. */
export function buildFdt(root: FdtNode, opts: { bootCpuidPhys?: number; reservations?: FdtReservation[] } = {}): Uint8Array {
  if (root.name !== '') throw new Error('fdt: the root node has an empty name');
  const strings = new StringTable();
  const struct = new ByteWriter();
  emitNode(root, struct, strings);
  struct.u32(FDT_END);

  const reservations = opts.reservations ?? [];
  const rsvmapOffset = HEADER_SIZE; // already 8-byte aligned
  const rsvmapSize = 16 * (reservations.length + 1);
  const structOffset = rsvmapOffset + rsvmapSize;
  const structBytes = struct.bytes();
  const stringsOffset = structOffset + structBytes.length;
  const stringsBytes = strings.bytes();
  const total = stringsOffset + stringsBytes.length;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, FDT_MAGIC);
  dv.setUint32(4, total);
  dv.setUint32(8, structOffset);
  dv.setUint32(12, stringsOffset);
  dv.setUint32(16, rsvmapOffset);
  dv.setUint32(20, FDT_VERSION);
  dv.setUint32(24, FDT_LAST_COMP_VERSION);
  dv.setUint32(28, opts.bootCpuidPhys ?? 0);
  dv.setUint32(32, stringsBytes.length);
  dv.setUint32(36, structBytes.length);
  reservations.forEach((r, i) => {
    const [ah, al] = split64(r.address);
    const [sh, sl] = split64(r.size);
    dv.setUint32(rsvmapOffset + 16 * i, ah);
    dv.setUint32(rsvmapOffset + 16 * i + 4, al);
    dv.setUint32(rsvmapOffset + 16 * i + 8, sh);
    dv.setUint32(rsvmapOffset + 16 * i + 12, sl);
  });
  // The terminating all-zero reservation entry is already zero.
  out.set(structBytes, structOffset);
  out.set(stringsBytes, stringsOffset);
  return out;
}

function emitNode(n: FdtNode, w: ByteWriter, strings: StringTable): void {
  const seenChild = new Set<string>();
  w.u32(FDT_BEGIN_NODE);
  w.raw(Buffer.from(n.name, 'utf8'));
  w.raw(new Uint8Array(1));
  w.align4();
  for (const [name, value] of Object.entries(n.props)) {
    if (!/^[A-Za-z0-9,._+?#-]+$/.test(name)) throw new Error(`fdt: bad property name "${name}"`);
    w.u32(FDT_PROP);
    w.u32(value.length);
    w.u32(strings.offsetOf(name));
    w.raw(value);
    w.align4();
  }
  for (const c of n.children) {
    if (c.name === '') throw new Error('fdt: a child node needs a name');
    if (seenChild.has(c.name)) throw new Error(`fdt: duplicate node "${c.name}" under "${n.name || '/'}"`);
    seenChild.add(c.name);
    emitNode(c, w, strings);
  }
  w.u32(FDT_END_NODE);
}

/** Property names, each stored once. */
class StringTable {
  private readonly offsets = new Map<string, number>();
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  offsetOf(name: string): number {
    let off = this.offsets.get(name);
    if (off === undefined) {
      off = this.size;
      const bytes = stringList(name);
      this.parts.push(bytes);
      this.size += bytes.length;
      this.offsets.set(name, off);
    }
    return off;
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  u32(v: number): void {
    this.raw(cells(v));
  }

  raw(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }

  align4(): void {
    const pad = (4 - (this.size & 3)) & 3;
    if (pad > 0) this.raw(new Uint8Array(pad));
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}
