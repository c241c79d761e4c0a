/**
 * The translation bench's runner (src/bench/translation.ts) must really run the program in the
 * mode it names: the same program gives the same output, exit code and instruction count bare, in
 * S-mode under Sv39 and in VS-mode under Sv39 over Sv39x4, while the in-order model sees page walks
 * (one stage, then both) that a bare run has not.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { modeMachine, runMode, TRANSLATION_MODES, type TranslationMode } from '../../src/bench/translation.js';
import { Priv } from '../../src/rv64/hart.js';
import { Ev } from '../../src/timing/stats.js';

const HELLO = fileURLToPath(new URL('../../programs/build/hello.elf', import.meta.url));

function run(mode: TranslationMode, timing: 'none' | 'inorder', pages: '4k' | '2m' = '4k') {
  let out = '';
  const dec = new TextDecoder();
  const mm = modeMachine(HELLO, { mode, timing, pages, output: (_fd, b) => (out += dec.decode(b)) });
  const r = mm.machine.run(5_000_000);
  return { mm, r, out };
}

describe('translation bench runner', () => {
  it('the firmware enters the program at its entry in the named mode with translation on', () => {
    for (const mode of TRANSLATION_MODES) {
      const mm = modeMachine(HELLO, { mode });
      const m = mm.machine;
      // The firmware is straight-line code: exactly firmwareInsns instructions reach the entry.
      for (let i = 0; i < mm.firmwareInsns; i++) m.run(1);
      expect(m.hart.pcLo >>> 0).toBe(mm.entry);
      expect(m.hart.instret).toBe(mm.firmwareInsns);
      const h = m.hart;
      if (mode === 'bare') {
        expect(mm.firmwareInsns).toBe(0);
        expect([h.priv, h.virt]).toEqual([Priv.M, 0]);
      } else if (mode === 'sv39') {
        expect([h.priv, h.virt]).toEqual([Priv.S, 0]);
        expect(m.csr.satpHi >>> 28).toBe(8);
      } else {
        expect([h.priv, h.virt]).toEqual([Priv.S, 1]);
        expect(m.csr.vsatpHi >>> 28).toBe(8);
        expect(m.csr.hgatpHi >>> 28).toBe(8);
        expect((m.csr.hgatpHi >>> 12) & 0x3fff).not.toBe(0); // a VMID
      }
    }
  });

  it('each mode gives the same output, exit code and instruction count', () => {
    const bare = run('bare', 'none');
    expect(bare.r.reason).toBe('exit');
    expect(bare.r.exitCode).toBe(0);
    expect(bare.out).toContain('bye');
    for (const mode of ['sv39', 'vs-sv39'] as const) {
      for (const pages of ['4k', '2m'] as const) {
        const x = run(mode, 'none', pages);
        expect(x.r.reason).toBe('exit');
        expect(x.r.exitCode).toBe(0);
        expect(x.out).toBe(bare.out);
        // crt0's M-mode CSR accesses were emulated, and the counts line up exactly.
        expect(x.mm.emulated()).toBeGreaterThan(0);
        expect(x.mm.programInsns()).toBe(bare.mm.programInsns());
        expect(x.r.instret).toBe(bare.r.instret + x.mm.firmwareInsns - x.mm.emulated());
      }
    }
  });

  it('the in-order model walks page tables: none bare, one stage under Sv39, both stages in VS', () => {
    const res = Object.fromEntries((['bare', 'sv39', 'vs-sv39'] as const).map((mode) => [mode, run(mode, 'inorder')]));
    const ev = (mode: string, e: Ev) => res[mode].mm.timing!.ev[e];
    expect(ev('bare', Ev.Walks)).toBe(0);
    expect(ev('sv39', Ev.Walks)).toBeGreaterThan(0);
    expect(ev('sv39', Ev.WalkCyclesG)).toBe(0);
    expect(ev('vs-sv39', Ev.Walks)).toBeGreaterThan(0);
    expect(ev('vs-sv39', Ev.WalkCyclesG)).toBeGreaterThan(0);
    const cycles = (mode: string) => res[mode].mm.machine.cycles();
    expect(cycles('sv39')).toBeGreaterThan(cycles('bare'));
    expect(cycles('vs-sv39')).toBeGreaterThan(cycles('sv39'));
    for (const mode of ['sv39', 'vs-sv39']) expect(res[mode].mm.programInsns()).toBe(res.bare.mm.programInsns());
  });

  it('runMode caps at the program instruction count and reports MIPS', () => {
    const r = runMode(HELLO, { mode: 'vs-sv39', maxInsns: 10_000 });
    expect(r.result.reason).toBe('limit');
    expect(Math.abs(r.programInsns - 10_000)).toBeLessThanOrEqual(8);
    expect(r.mips).toBeGreaterThan(0);
  });
});
