import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as H from '../../src/rv64/hot-ops.js';
import { allRows } from '../../src/rv64/isa/index.js';

/**
 * The execute loop dispatches hot rows through a written-out switch (src/rv64/cpu.ts). A hot op
 * without its case would silently not execute, so every id must have exactly its case, in both
 * the fast loop and the observed loop's `dispatch`.
 */
describe('hot-op dispatch', () => {
  const src = readFileSync(join(import.meta.dirname, '../../src/rv64/cpu.ts'), 'utf8');

  it('exports one handler per hot name, each the exec of that row', () => {
    H.HOT_NAMES.forEach((name, i) => {
      const row = allRows.find((r) => r.name === name)!;
      expect((H as unknown as Record<string, unknown>)[`H${i + 1}`]).toBe(row.exec);
      expect(H.hotOpOf.get(row.exec)).toBe(i + 1);
    });
    expect(H.hotOpOf.size).toBe(H.HOT_NAMES.length);
  });

  it('has a case calling H<n> for every hot op in both switches', () => {
    for (let n = 1; n <= H.HOT_NAMES.length; n++) {
      const cases = src.match(new RegExp(`case ${n}:\\s*\\n\\s*H\\.H${n}\\(h, w\\);`, 'g')) ?? [];
      expect(cases.length, `case ${n}`).toBe(2);
    }
    expect(src).not.toMatch(new RegExp(`case ${H.HOT_NAMES.length + 1}:`));
  });
});
