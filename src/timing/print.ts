/** `--stats` output of the timing model: IPC, the CPI stack and miss rates, coloured with chalk. */
import chalk from 'chalk';
import type { TimingReport } from './stats.js';

export function formatReport(r: TimingReport): string {
  const lines: string[] = [];
  const line = (k: string, v: string) => lines.push(`${chalk.dim(k.padEnd(14))}${v}`);
  line('timing', r.model);
  line('cycles', String(r.cycles));
  line('IPC', r.ipc.toFixed(3));
  line('CPI', r.cpi.toFixed(3));
  lines.push(chalk.bold('CPI stack'));
  const n = r.instructions > 0 ? r.instructions : 1;
  const entries = Object.entries(r.cpiStack);
  if (r.idleCycles > 0) entries.push(['idle (WFI)', r.idleCycles]);
  const total = r.cycles > 0 ? r.cycles : 1;
  for (const [k, v] of entries) {
    if (v === 0 && k !== 'base') continue;
    const share = v / total;
    const bar = '#'.repeat(Math.round(share * 40));
    const colour = k === 'base' ? chalk.green : share > 0.1 ? chalk.red : chalk.yellow;
    lines.push(`  ${k.padEnd(12)}${(v / n).toFixed(3).padStart(8)}  ${(share * 100).toFixed(1).padStart(5)}%  ${colour(bar)}`);
  }
  lines.push(chalk.bold('miss rates'));
  for (const [k, m] of Object.entries(r.missRates)) {
    if (m.accesses === 0) continue;
    lines.push(`  ${k.padEnd(12)}${(m.rate * 100).toFixed(2).padStart(7)}%  (${m.misses} of ${m.accesses})`);
  }
  return lines.join('\n') + '\n';
}
