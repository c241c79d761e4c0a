import { describe, expect, it } from 'vitest';
import { SifiveTest, type PowerOffKind } from '../../src/platform/sifive-test.js';

function setup() {
  const events: [PowerOffKind, number][] = [];
  const dev = new SifiveTest((k, c) => events.push([k, c]));
  return { dev, events };
}

describe('sifive,test1 finisher', () => {
  it('decodes pass, fail with code and reset', () => {
    const { dev, events } = setup();
    dev.write(0, 4, 0x5555);
    dev.write(0, 4, (42 << 16) | 0x3333);
    dev.write(0, 4, (0xffff << 16) | 0x3333);
    dev.write(0, 4, 0x7777);
    expect(events).toEqual([
      ['pass', 0],
      ['fail', 42],
      ['fail', 0xffff],
      ['reset', 0],
    ]);
  });

  it('ignores other values, other offsets and byte writes; reads 0', () => {
    const { dev, events } = setup();
    dev.write(0, 4, 0x1234);
    dev.write(4, 4, 0x5555);
    dev.write(0, 1, 0x55);
    expect(events).toEqual([]);
    dev.write(0, 2, 0x5555);
    expect(events).toEqual([['pass', 0]]);
    expect(dev.read(0, 4)).toBe(0);
  });
});
