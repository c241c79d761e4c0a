import { HostError } from '../rv64/trap.js';

/** Parses a memory size such as "256M", "1G", "64MiB", "4096" (bytes). */
export function parseSize(s: string, what = '--mem'): number {
  const m = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(s.trim());
  if (m === null) throw new HostError(`bad ${what} '${s}': expected a size like 256M or 1G`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Number(m[1]) * unit;
  if (n < 1024 * 1024 || n > 2 * 1024 ** 3 || n % 4096 !== 0) {
    throw new HostError(`bad ${what} '${s}': must be a multiple of 4 KiB between 1 MiB and 2 GiB`);
  }
  return n;
}
