/**
 * Spike-style ISA strings: "rv64imac", "rv64gc", "rv64imafdch_zicsr_zifencei". G = IMAFD +
 * Zicsr + Zifencei. Privilege modes are not part of the string: S and U are always present (as with
 * Spike's default --priv=msu). H requires S.
 */
import { HostError } from './trap.js';
import { Ext } from './hart.js';

export interface IsaConfig {
  /** misa bits. */
  ext: number;
  /** Extension names for the decoder: single letters and Z-extensions. */
  names: Set<string>;
  text: string;
}

const LETTERS: Record<string, number> = {
  i: Ext.I, m: Ext.M, a: Ext.A, f: Ext.F, d: Ext.D, c: Ext.C, h: Ext.H,
};
/** Z- and S-style extension names accepted after '_', with the spelling the decoder and CSRs use. */
const SUPPORTED_Z = new Map([
  ['zicsr', 'Zicsr'],
  ['zifencei', 'Zifencei'],
  // Svadu: hardware A/D updates, enabled by menvcfg.ADUE / henvcfg.ADUE (Svade stays the default).
  ['svadu', 'Svadu'],
]);

export function parseIsa(s: string, supported = 'imacfdh'): IsaConfig {
  const text = s.toLowerCase();
  const m = /^rv64([a-z]*)((?:_[a-z0-9]+)*)$/.exec(text);
  if (m === null) throw new HostError(`bad --isa '${s}': expected something like rv64imac or rv64gc`);
  let letters = m[1];
  const names = new Set<string>(['S', 'U']);
  let ext = Ext.S | Ext.U;
  if (letters.startsWith('g')) {
    letters = 'imafd' + letters.slice(1);
    names.add('Zicsr');
    names.add('Zifencei');
  }
  if (!letters.startsWith('i')) throw new HostError(`bad --isa '${s}': the base must be I (or G)`);
  for (const ch of letters) {
    if (!(ch in LETTERS)) throw new HostError(`bad --isa '${s}': unknown extension '${ch}'`);
    if (!supported.includes(ch) && ch !== 'i') throw new HostError(`--isa '${s}': extension '${ch}' is not implemented yet`);
    ext |= LETTERS[ch];
    names.add(ch.toUpperCase());
  }
  for (const z of m[2].split('_').filter(Boolean)) {
    const name = SUPPORTED_Z.get(z);
    if (name === undefined) throw new HostError(`bad --isa '${s}': unknown extension '${z}'`);
    names.add(name);
  }
  // Zicsr and Zifencei were part of I before the 2019 split; accept strings that predate it.
  names.add('Zicsr');
  names.add('Zifencei');
  if ((ext & Ext.D) && !(ext & Ext.F)) throw new HostError(`bad --isa '${s}': D requires F`);
  return { ext, names, text };
}
