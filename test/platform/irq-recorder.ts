import type { IrqSink, TimeSource } from '../../src/platform/irq.js';

/** An IrqSink that records the mip bits driven into it and every call. */
export class RecordingSink implements IrqSink {
  readonly levels = new Map<number, boolean>();
  readonly calls: [number, boolean][] = [];

  setIrq(bit: number, level: boolean): void {
    this.levels.set(bit, level);
    this.calls.push([bit, level]);
  }

  level(bit: number): boolean {
    return this.levels.get(bit) ?? false;
  }
}

/** A time source the test moves by hand. */
export class FakeTime implements TimeSource {
  t = 0;
  now(): number {
    return this.t;
  }
}
