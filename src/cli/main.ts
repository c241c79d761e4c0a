/** The `rvsim` command line. Host errors become one line on stderr and a non-zero exit. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import yargs from 'yargs';
import { HostError } from '../rv64/trap.js';
import { parseCount } from './count.js';
import { bootCommand } from './boot.js';
import { dtbCommand } from './dtb.js';
import { hvRun } from './hv.js';
import { type RunOptions, runCommand, runWithGdb } from './run.js';
import { parseGdbPort } from '../gdb/server.js';
import { testCommand } from './test-cmd.js';
import { parseWindow } from '../timing/index.js';
import { foldStdioDash } from './trace.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `--max-insns`, taken as a string so bad values can be named (see count.ts). */
const maxInsns = (v: string | undefined): number | undefined =>
  v === undefined ? undefined : parseCount(v, '--max-insns');

/**
 * A missing <file>/<dir> is checked in the handler, not by yargs: yargs counts positionals before
 * it looks for unknown options, so `run --bogus prog.elf` (where --bogus swallows the file name)
 * would be reported as a missing file instead of an unknown option.
 */
function required<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new HostError(what);
  return v;
}

function fail(msg: string, code = 2): never {
  process.stderr.write(`rvsim: ${msg}\n`);
  process.exit(code);
}

export function main(rawArgv: string[]): void {
  const argv = foldStdioDash(rawArgv, '--log-commits');
  let code = 0;
  /** Set by a command that runs asynchronously (boot): its exit code. */
  let pending: Promise<number> | null = null;
  try {
    yargs(argv)
      .scriptName('rvsim')
      .usage('$0 <command> [options]')
      .command(
        'run [file] [args..]',
        'run a RISC-V ELF to its exit: bare-metal (HTIF, UART) or a static Linux program (`rvsim run prog -- args`); the exit code is the program\'s',
        (y) =>
          y
            .positional('file', { type: 'string', describe: 'ELF64 RISC-V executable' })
            .positional('args', { type: 'string', array: true, describe: 'arguments for the program' })
            .option('isa', { type: 'string', describe: 'ISA string, e.g. rv64imac (Spike style)' })
            .option('mem', { type: 'string', describe: 'RAM size, e.g. 256M (default 256M)' })
            .option('max-insns', { type: 'string', describe: 'stop after N instructions (exit code 124)' })
            .option('trace', { type: 'boolean', describe: 'print each retired instruction to stderr' })
            .option('log-commits', { type: 'string', describe: "write Spike's commit log (--log-commits) to FILE, - for stderr" })
            .option('trace-window', { type: 'string', describe: 'limit --trace/--log-commits to instructions FIRST:COUNT' })
            .option('stats', { type: 'boolean', describe: 'print instructions, time and MIPS to stderr' })
            .option('stats-json', { type: 'string', describe: 'write the statistics as JSON to FILE' })
            .option('timing', { type: 'string', describe: 'timing model: none or inorder (default: inorder with --stats/--pipeview)' })
            .option('timing-config', { type: 'string', describe: 'JSON file overriding timing-model parameters' })
            .option('pipeview', { type: 'string', describe: 'write a Konata pipeline trace to FILE' })
            .option('pipeview-window', { type: 'string', describe: 'instructions to trace, FIRST:COUNT (default 0:1000)' })
            .option('gdb', { type: 'string', describe: 'wait for gdb on 127.0.0.1:PORT and run as it says (0: any free port)' }),
        (a) => {
          const win = a['pipeview-window'] === undefined ? undefined : parseWindow(a['pipeview-window']);
          const ro: RunOptions = {
            timing: a.timing,
            timingConfig: a['timing-config'],
            pipeview: a.pipeview,
            pipeviewFrom: win?.from,
            pipeviewCount: win?.count,
            file: required(a.file, 'run: name the ELF file to run (rvsim run prog.elf)'),
            // After `--`, every word is the program's, verbatim (yargs would turn '007' into 7).
            args: [...(a.args ?? []).map(String), ...(argv.includes('--') ? argv.slice(argv.indexOf('--') + 1) : [])],
            isa: a.isa,
            mem: a.mem,
            maxInsns: maxInsns(a['max-insns']),
            trace: a.trace,
            logCommits: a['log-commits'],
            traceWindow: a['trace-window'],
            stats: a.stats,
            statsJson: a['stats-json'],
          };
          if (a.gdb === undefined) code = runCommand(ro);
          else pending = runWithGdb(ro, parseGdbPort(a.gdb));
        },
      )
      .command(
        'boot',
        'boot firmware and a payload on the QEMU-virt machine, console on stdin/stdout (Ctrl-A x quits)',
        (y) =>
          y
            .option('bios', { type: 'string', describe: 'firmware (ELF or raw) at 0x80000000, e.g. OpenSBI fw_jump' })
            .option('kernel', { type: 'string', describe: 'payload (ELF, or raw at 0x80200000), e.g. U-Boot or Linux' })
            .option('initrd', { type: 'string', describe: 'initial ramdisk (placed as QEMU does, announced in /chosen)' })
            .option('append', { type: 'string', describe: 'kernel command line (/chosen bootargs)' })
            .option('isa', { type: 'string', describe: 'ISA string (default rv64imafdc_zicsr_zifencei)' })
            .option('mem', { type: 'string', describe: 'RAM size (default 128M, as QEMU virt)' })
            .option('max-insns', { type: 'string', describe: 'stop after N instructions (exit code 124)' })
            .option('stats', { type: 'boolean', describe: 'print instructions, time and MIPS to stderr' })
            .option('trace', { type: 'boolean', describe: 'print each retired instruction to stderr' })
            .option('log-commits', { type: 'string', describe: "write Spike's commit log (--log-commits) to FILE, - for stderr" })
            .option('trace-window', { type: 'string', describe: 'limit --trace/--log-commits to instructions FIRST:COUNT' })
            .option('gdb', { type: 'string', describe: 'wait for gdb on 127.0.0.1:PORT and run as it says (0: any free port)' })
            .option('timing', { type: 'string', describe: 'timing model: none (default) or inorder (cycles drive mcycle and time)' })
            .option('timing-config', { type: 'string', describe: 'JSON file overriding timing-model parameters' }),
        (a) => {
          pending = bootCommand({
            timing: a.timing,
            timingConfig: a['timing-config'],
            bios: required(a.bios, 'boot: name the firmware (rvsim boot --bios fw_jump.elf --kernel u-boot.bin)'),
            kernel: a.kernel,
            initrd: a.initrd,
            append: a.append,
            isa: a.isa,
            mem: a.mem,
            maxInsns: maxInsns(a['max-insns']),
            stats: a.stats,
            trace: a.trace,
            logCommits: a['log-commits'],
            traceWindow: a['trace-window'],
            gdb: a.gdb === undefined ? undefined : parseGdbPort(a.gdb),
          });
        },
      )
      .command(
        'dtb',
        "write the virt machine's device tree blob (decompile it with dtc -I dtb -O dts)",
        (y) =>
          y
            .option('out', { type: 'string', describe: 'output file' })
            .option('mem', { type: 'string', describe: 'RAM size (default 128M)' })
            .option('append', { type: 'string', describe: '/chosen bootargs' })
            .option('isa', { type: 'string', describe: 'ISA string' }),
        (a) => {
          code = dtbCommand({
            out: required(a.out, 'dtb: name the output file (rvsim dtb --out virt.dtb)'),
            mem: a.mem,
            append: a.append,
            isa: a.isa,
          });
        },
      )
      .command(
        'test [dir]',
        'run every ELF in a folder as a riscv-tests test and print a pass/fail table',
        (y) =>
          y
            .positional('dir', { type: 'string', describe: 'folder of ELF files' })
            .option('isa', { type: 'string', describe: 'ISA string (default: all implemented)' })
            .option('filter', { type: 'string', describe: 'only tests whose name contains this' })
            .option('max-insns', { type: 'string', describe: 'per-test instruction limit (default 50M)' }),
        (a) => {
          code = testCommand({
            dir: required(a.dir, 'test: name the folder of ELF files (rvsim test riscv-tests/build)'),
            isa: a.isa,
            filter: a.filter,
            maxInsns: maxInsns(a['max-insns']),
          });
        },
      )
      .command(
        'hv',
        'boot guest kernels in VS-mode under the TypeScript hypervisor (SBI, virtual UART, time slicing)',
        (y) =>
          y
            .option('guest', { type: 'string', array: true, describe: 'a guest kernel ELF (repeat for more guests)' })
            .option('append', { type: 'string', array: true, describe: "a guest's /chosen bootargs (repeat, in --guest order)" })
            .option('initrd', { type: 'string', array: true, describe: "a guest's initrd (repeat, in --guest order)" })
            .option('mem-per-guest', { type: 'string', describe: 'RAM of each guest, a multiple of 2M (default 32M)' })
            .option('isa', { type: 'string', describe: 'host ISA string (must include h)' })
            .option('max-insns', { type: 'string', describe: 'stop after N instructions (exit code 124)' })
            .option('stats', { type: 'boolean', describe: 'print the summary: instructions, cycles, exits by cause' })
            .option('stats-json', { type: 'string', describe: 'write the summary as JSON to FILE' })
            .option('timing', { type: 'string', describe: 'timing model: none or inorder (default: inorder with --stats)' })
            .option('timing-config', { type: 'string', describe: 'JSON file overriding timing-model parameters' }),
        (a) => {
          code = hvRun({
            guests: (a.guest ?? []).map(String),
            append: a.append?.map(String),
            initrd: a.initrd?.map(String),
            memPerGuest: a['mem-per-guest'],
            isa: a.isa,
            maxInsns: maxInsns(a['max-insns']),
            stats: a.stats,
            statsJson: a['stats-json'],
            timing: a.timing,
            timingConfig: a['timing-config'],
          }).code;
        },
      )
      .command(
        'demo',
        'boot the bundled guest kernel under the hypervisor and print the summary (what `npm start` does)',
        (y) => y,
        () => {
          code = hvRun({
            guests: [join(root, 'programs', 'build', 'guest.elf')],
            append: ['name=demo'],
            stats: true,
          }).code;
        },
      )
      // A repeated option takes its last value (as most tools do), not an array nobody expects.
      // (yargs' 'duplicate-arguments-array: false' would also cut the program's argument list to
      // its last word, so the options are folded here instead; `args` and `_` stay lists.)
      .middleware((a) => {
        // hv's --guest and --append are lists by design.
        const lists = a._[0] === 'hv' ? ['guest', 'append', 'initrd'] : [];
        for (const [k, v] of Object.entries(a)) {
          if (Array.isArray(v) && k !== 'args' && k !== '_' && k !== '--' && !lists.includes(k)) (a as Record<string, unknown>)[k] = v[v.length - 1];
        }
      }, true)
      .demandCommand(1, 'name a command: run, hv, boot, dtb, test or demo (see --help)')
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
  if (pending !== null) {
    (pending as Promise<number>).then(
      (c) => process.exit(c),
      (e: unknown) => {
        if (e instanceof HostError) fail(e.message, e.exitCode);
        if (process.env.RVSIM_DEBUG) console.error(e);
        fail(`internal error: ${e instanceof Error ? e.message : String(e)} (set RVSIM_DEBUG=1 for details)`, 70);
      },
    );
    return;
  }
  process.exitCode = code;
}
