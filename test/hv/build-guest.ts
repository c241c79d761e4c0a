/** Assembles a test guest from test/hv/guests/*.S with Debian's riscv64-unknown-elf-gcc. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, 'guests');

export function buildGuest(name: string, outDir: string): Uint8Array {
  const out = join(outDir, `${name}.elf`);
  const r = spawnSync(
    'riscv64-unknown-elf-gcc',
    ['-march=rv64imac_zicsr', '-mabi=lp64', '-nostdlib', '-T', join(DIR, 'guest.ld'), '-o', out, join(DIR, `${name}.S`)],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`assembling ${name}.S failed:\n${r.stderr}`);
  return readFileSync(out);
}
