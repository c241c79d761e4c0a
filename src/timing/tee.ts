/**
 * Two observers as one (the timing model and the tracer together); the model is told first. Only
 * for that case: with the model alone the machine hands it to the core directly. The notes are the
 * first observer's (the second is given 0, as an observer without `note` expects).
 */
import type { RetireObserver } from '../rv64/cpu.js';
import type { Hart } from '../rv64/hart.js';

export function teeObserver(a: RetireObserver, b: RetireObserver): RetireObserver {
  const t: RetireObserver = {
    retire(h: Hart, pcLo: number, pcHi: number, w: number, note: number) {
      a.retire(h, pcLo, pcHi, w, note);
      b.retire(h, pcLo, pcHi, w, 0);
    },
    trap(h: Hart, cause: number, interrupt: boolean) {
      a.trap?.(h, cause, interrupt);
      b.trap?.(h, cause, interrupt);
    },
  };
  // a's notes also decide which instructions get a `before` call (NOTE_BEFORE): only when b has none.
  if (a.note !== undefined && b.before === undefined) t.note = (w) => a.note!(w);
  if (a.before !== undefined || b.before !== undefined) {
    t.before = (h, pcLo, pcHi, w) => {
      a.before?.(h, pcLo, pcHi, w);
      b.before?.(h, pcLo, pcHi, w);
    };
  }
  return t;
}
