import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildFdt, cells, empty, node, str, stringList, u32, u64, FDT_MAGIC, type FdtNode } from '../../src/platform/fdt.js';
import { findNode, parseFdt, propCells, propStrings } from '../../src/platform/fdt-reader.js';

const be32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at);

describe('FDT writer', () => {
  const tree = node('', { '#address-cells': u32(2), model: str('m') }, [
    node('a@1', { reg: cells(0, 1), flag: empty(), compatible: stringList('x,y', 'z') }, [node('b', { big: u64(2 ** 40 + 3) })]),
    node('c', { model: str('again') }),
  ]);

  // Devicetree Specification v0.4 §5.2: header fields, version 17, last compatible 16.
  it('writes a v17 header whose offsets and sizes describe the blocks', () => {
    const blob = buildFdt(tree, { bootCpuidPhys: 0, reservations: [{ address: 0x80000000, size: 0x200000 }] });
    expect(be32(blob, 0)).toBe(FDT_MAGIC);
    expect(be32(blob, 4)).toBe(blob.length);
    const offStruct = be32(blob, 8);
    const offStrings = be32(blob, 12);
    const offRsv = be32(blob, 16);
    expect(be32(blob, 20)).toBe(17);
    expect(be32(blob, 24)).toBe(16);
    expect(offRsv % 8).toBe(0); // §5.3: the reservation block is 8-byte aligned
    expect(offStruct % 4).toBe(0);
    expect(offStruct + be32(blob, 36)).toBe(offStrings);
    expect(offStrings + be32(blob, 32)).toBe(blob.length);
    // one entry, then the all-zero terminator
    expect([be32(blob, offRsv), be32(blob, offRsv + 4), be32(blob, offRsv + 8), be32(blob, offRsv + 12)]).toEqual([
      0, 0x80000000, 0, 0x200000,
    ]);
    expect(blob.subarray(offRsv + 16, offRsv + 32).every((b) => b === 0)).toBe(true);
    // §5.5: property names are stored once ("model" appears twice in the tree)
    const strings = Buffer.from(blob.subarray(offStrings)).toString('latin1');
    expect(strings.split('\0').filter((s) => s === 'model')).toHaveLength(1);
  });

  it('round-trips through the reader', () => {
    const back = parseFdt(buildFdt(tree));
    expect(normalize(back)).toEqual(normalize(tree));
    expect(propCells(findNode(back, '/a@1/b')!.props.big)).toEqual([0x100, 3]);
    expect(propStrings(findNode(back, '/a@1')!.props.compatible)).toEqual(['x,y', 'z']);
    expect(findNode(back, '/nope')).toBeUndefined();
  });

  it('round-trips random trees', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9,._+-]{0,12}(@[0-9a-f]{1,8})?$/);
    const propName = fc.stringMatching(/^[a-z#][a-z0-9,._+-]{0,15}$/);
    const value = fc.uint8Array({ maxLength: 23 });
    // Three levels of nesting, children with distinct names.
    const level = (children: fc.Arbitrary<FdtNode[]>) =>
      fc.record({ name, props: fc.dictionary(propName, value, { maxKeys: 4 }), children }).map((r) => node(r.name, r.props, r.children));
    const kids = (a: fc.Arbitrary<FdtNode>) => fc.uniqueArray(a, { maxLength: 3, selector: (c) => c.name });
    const arb = level(kids(level(kids(level(fc.constant([]))))));
    fc.assert(
      fc.property(fc.uniqueArray(arb, { maxLength: 4, selector: (c) => c.name }), (children) => {
        const root = node('', { compatible: str('t') }, children);
        const back = parseFdt(buildFdt(root));
        expect(normalize(back)).toEqual(normalize(root));
      }),
    );
  });

  it('rejects malformed input to the builder', () => {
    expect(() => node('bad name')).toThrow();
    expect(() => cells(-1)).toThrow();
    expect(() => cells(2 ** 32)).toThrow();
    expect(() => u64(2 ** 53)).toThrow();
    expect(() => str('a\0b')).toThrow();
    expect(() => buildFdt(node('', {}, [node('x'), node('x')]))).toThrow(/duplicate/);
    expect(() => buildFdt(node('x'))).toThrow();
  });

  it('the reader rejects corrupt blobs', () => {
    const blob = buildFdt(tree);
    const bad = blob.slice();
    bad[0] = 0;
    expect(() => parseFdt(bad)).toThrow(/magic/);
    expect(() => parseFdt(blob.subarray(0, blob.length - 8))).toThrow();
  });
});

function normalize(n: FdtNode): unknown {
  return {
    name: n.name,
    props: Object.fromEntries(Object.entries(n.props).map(([k, v]) => [k, Array.from(v)])),
    children: n.children.map(normalize),
  };
}
