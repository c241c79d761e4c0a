/**
 * A pipeline trace in the Kanata log format (version 0004) that the Konata viewer reads: `I`
 * creates an instruction, `L` labels it, `S`/`E` start and end a stage, `R` retires it, and `C`
 * advances the clock. Commands must come in cycle order, so the window's instructions are kept
 * and the log is written sorted by cycle when the window closes.
 */
import { writeFileSync } from 'node:fs';
import { HostError } from '../rv64/trap.js';

/** The five Rocket stages in order. */
export const STAGES = ['F', 'D', 'X', 'M', 'W'];

interface Row {
  label: string;
  /** Start cycle of each stage, then the cycle the instruction leaves W. */
  at: number[];
}

export class KonataWriter {
  private readonly rows: Row[] = [];
  /** Instructions seen so far (the window is [from, from + count)). */
  seen = 0;

  constructor(
    readonly file: string,
    readonly from: number,
    readonly count: number,
  ) {}

  /** True while the next instruction falls in the window. */
  get wanted(): boolean {
    return this.seen >= this.from && this.seen < this.from + this.count;
  }

  /** Records one retired instruction: its label and stage start cycles F, D, X, M, W and the end. */
  add(label: string, f: number, d: number, x: number, m: number, w: number, end: number): void {
    this.rows.push({ label, at: [f, d, x, m, w, end] });
  }

  /** The log text. */
  render(): string {
    const ev: { c: number; order: number; text: string }[] = [];
    this.rows.forEach((r, id) => {
      const at = r.at;
      ev.push({ c: at[0], order: 0, text: `I\t${id}\t${this.from + id}\t0\nL\t${id}\t0\t${r.label}` });
      for (let s = 0; s < STAGES.length; s++) {
        if (s > 0) ev.push({ c: at[s], order: 1, text: `E\t${id}\t0\t${STAGES[s - 1]}` });
        ev.push({ c: at[s], order: 2, text: `S\t${id}\t0\t${STAGES[s]}` });
      }
      ev.push({ c: at[5], order: 3, text: `E\t${id}\t0\t${STAGES[4]}\nR\t${id}\t${id}\t0` });
    });
    // Stable sort by cycle, then by kind (create before stage changes before retire).
    ev.sort((a, b) => a.c - b.c || a.order - b.order);
    const out: string[] = ['Kanata\t0004'];
    let cycle = ev.length > 0 ? ev[0].c : 0;
    out.push(`C=\t${cycle}`);
    for (const e of ev) {
      if (e.c > cycle) {
        out.push(`C\t${e.c - cycle}`);
        cycle = e.c;
      }
      out.push(e.text);
    }
    return out.join('\n') + '\n';
  }

  write(): void {
    try {
      writeFileSync(this.file, this.render());
    } catch (e) {
      throw new HostError(`cannot write --pipeview ${this.file}: ${(e as Error).message}`);
    }
  }
}
