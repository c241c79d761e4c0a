import { FDT_BEGIN_NODE, FDT_END, FDT_END_NODE, FDT_MAGIC, FDT_NOP, FDT_PROP, type FdtNode } from './fdt.js';

/**
 * Parse a DTB (versions 16 and 17) back into a tree of nodes, checking its structure as it goes:
 * the inverse of buildFdt, for tests and for inspecting a blob a user supplies. Throws a plain Error
 * naming the first problem.
 */
export function parseFdt(blob: Uint8Array): FdtNode {
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.length < 40 || dv.getUint32(0) !== FDT_MAGIC) throw new Error('fdt: bad magic');
  const total = dv.getUint32(4);
  const offStruct = dv.getUint32(8);
  const offStrings = dv.getUint32(12);
  const version = dv.getUint32(20);
  const sizeStrings = dv.getUint32(32);
  const sizeStruct = version >= 17 ? dv.getUint32(36) : total - offStruct;
  if (total > blob.length) throw new Error('fdt: totalsize beyond the blob');
  if (offStruct + sizeStruct > total || offStrings + sizeStrings > total) throw new Error('fdt: block beyond totalsize');

  let at = offStruct;
  const end = offStruct + sizeStruct;
  const token = (): number => {
    if (at + 4 > end) throw new Error('fdt: structure block truncated');
    const t = dv.getUint32(at);
    at += 4;
    return t;
  };
  const cstring = (from: number, limit: number): string => {
    let z = from;
    while (z < limit && blob[z] !== 0) z++;
    if (z >= limit) throw new Error('fdt: unterminated string');
    return Buffer.from(blob.subarray(from, z)).toString('utf8');
  };

  const parseNode = (): FdtNode => {
    const name = cstring(at, end);
    at = (at + Buffer.byteLength(name) + 1 + 3) & ~3;
    const props: Record<string, Uint8Array> = {};
    const children: FdtNode[] = [];
    for (;;) {
      const t = token();
      if (t === FDT_PROP) {
        const len = token();
        const nameoff = token();
        if (nameoff >= sizeStrings) throw new Error('fdt: property name offset out of range');
        const pname = cstring(offStrings + nameoff, offStrings + sizeStrings);
        if (at + len > end) throw new Error('fdt: property value truncated');
        props[pname] = blob.slice(at, at + len);
        at = (at + len + 3) & ~3;
      } else if (t === FDT_BEGIN_NODE) {
        children.push(parseNode());
      } else if (t === FDT_END_NODE) {
        return { name, props, children };
      } else if (t !== FDT_NOP) {
        throw new Error(`fdt: unexpected token ${t}`);
      }
    }
  };

  let t = token();
  while (t === FDT_NOP) t = token();
  if (t !== FDT_BEGIN_NODE) throw new Error('fdt: structure block does not start with a node');
  const root = parseNode();
  t = token();
  while (t === FDT_NOP) t = token();
  if (t !== FDT_END) throw new Error('fdt: missing FDT_END');
  return root;
}

/** The node at `path` ("/", "/soc/serial@10000000"), or undefined. */
export function findNode(root: FdtNode, path: string): FdtNode | undefined {
  let n: FdtNode | undefined = root;
  for (const part of path.split('/').filter((p) => p.length > 0)) {
    n = n.children.find((c: FdtNode) => c.name === part);
    if (n === undefined) return undefined;
  }
  return n;
}

/** A property's value as 32-bit cells. */
export function propCells(value: Uint8Array): number[] {
  if (value.length % 4 !== 0) throw new Error('fdt: property is not a list of cells');
  const dv = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const out: number[] = [];
  for (let i = 0; i < value.length; i += 4) out.push(dv.getUint32(i));
  return out;
}

/** A property's value as its NUL-separated strings. */
export function propStrings(value: Uint8Array): string[] {
  if (value.length === 0 || value[value.length - 1] !== 0) throw new Error('fdt: property is not a string list');
  return Buffer.from(value.subarray(0, value.length - 1)).toString('utf8').split('\0');
}
