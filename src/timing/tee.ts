/** Two observers as one (the timing model and the tracer together); the model is told first. */
import type { RetireObserver } from '../rv64/cpu.js';
import type { Hart } from '../rv64/hart.js';

export function teeObserver(a: RetireObserver, b: RetireObserver): RetireObserver {
  const t: RetireObserver = {
    retire(h: Hart, pcLo: number, pcHi: number, w: number) {
      a.retire(h, pcLo, pcHi, w);
      b.retire(h, pcLo, pcHi, w);
    },
    trap(h: Hart, cause: number, interrupt: boolean) {
      a.trap?.(h, cause, interrupt);
      b.trap?.(h, cause, interrupt);
    },
  };
  if (a.before !== undefined || b.before !== undefined) {
    t.before = (h, pcLo, pcHi, w) => {
      a.before?.(h, pcLo, pcHi, w);
      b.before?.(h, pcLo, pcHi, w);
    };
  }
  return t;
}
