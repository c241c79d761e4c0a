import { HostError } from '../rv64/trap.js';

/**
 * Parses a positive whole count given on the command line, such as `--max-insns 1000`. Options are
 * taken as strings (not yargs numbers) so that "abc" is named in the message instead of NaN and a
 * missing value is an error instead of silently meaning "no limit".
 */
export function parseCount(s: string, what: string): number {
  const t = s.trim();
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!(Number.isSafeInteger(n) && n > 0)) {
    throw new HostError(`bad ${what} '${s}': expected a positive whole number`);
  }
  return n;
}
