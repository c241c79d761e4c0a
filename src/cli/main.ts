/** The `rvsim` command line. Host errors become one line on stderr and a non-zero exit. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import yargs from 'yargs';
import { HostError } from '../rv64/trap.js';
import { runCommand } from './run.js';
import { testCommand } from './test-cmd.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(msg: string, code = 2): never {
  process.stderr.write(`rvsim: ${msg}\n`);
  process.exit(code);
}

export function main(argv: string[]): void {
  let code = 0;
  try {
    yargs(argv)
      .scriptName('rvsim')
      .usage('$0 <command> [options]')
      .command(
        'run <file> [args..]',
        'run a bare-metal RISC-V ELF (HTIF) to its exit; the exit code is the program\'s',
        (y) =>
          y
            .positional('file', { type: 'string', demandOption: true, describe: 'ELF64 RISC-V executable' })
            .positional('args', { type: 'string', array: true, describe: 'arguments for the program' })
            .option('isa', { type: 'string', describe: 'ISA string, e.g. rv64imac (Spike style)' })
            .option('mem', { type: 'string', describe: 'RAM size, e.g. 256M (default 256M)' })
            .option('max-insns', { type: 'number', describe: 'stop after N instructions (exit code 124)' })
            .option('trace', { type: 'boolean', describe: 'print each retired instruction to stderr' })
            .option('stats', { type: 'boolean', describe: 'print instructions, time and MIPS to stderr' })
            .option('stats-json', { type: 'string', describe: 'write the statistics as JSON to FILE' }),
        (a) => {
          code = runCommand({
            file: a.file!,
            args: (a.args ?? []).map(String),
            isa: a.isa,
            mem: a.mem,
            maxInsns: a['max-insns'],
            trace: a.trace,
            stats: a.stats,
            statsJson: a['stats-json'],
          });
        },
      )
      .command(
        'test <dir>',
        'run every ELF in a folder as a riscv-tests test and print a pass/fail table',
        (y) =>
          y
            .positional('dir', { type: 'string', demandOption: true })
            .option('isa', { type: 'string', describe: 'ISA string (default: all implemented)' })
            .option('filter', { type: 'string', describe: 'only tests whose name contains this' })
            .option('max-insns', { type: 'number', describe: 'per-test instruction limit (default 50M)' }),
        (a) => {
          code = testCommand({ dir: a.dir!, isa: a.isa, filter: a.filter, maxInsns: a['max-insns'] });
        },
      )
      .command(
        'demo',
        'run the bundled demo program (what `npm start` does)',
        (y) => y,
        () => {
          code = runCommand({ file: join(root, 'programs', 'build', 'hello.elf'), args: [], stats: true });
        },
      )
      .demandCommand(1, 'name a command: run, test or demo (see --help)')
      .strict()
      .fail((msg, err) => {
        if (err instanceof HostError) fail(err.message, err.exitCode);
        if (err) throw err;
        fail(msg);
      })
      .help()
      .version(false)
      .parseSync();
  } catch (e) {
    if (e instanceof HostError) fail(e.message, e.exitCode);
    const msg = e instanceof Error ? e.message : String(e);
    if (process.env.RVSIM_DEBUG) console.error(e);
    fail(`internal error: ${msg} (set RVSIM_DEBUG=1 for details)`, 70);
  }
  process.exitCode = code;
}
