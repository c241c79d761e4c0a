/** Builds a machine for an ELF given on the command line. */
import { readFileSync } from 'node:fs';
import { type ElfImage, parseElf } from '../loader/elf.js';
import { loadSegments } from '../loader/load-segments.js';
import { Machine, type MachineOptions } from '../machine.js';
import { HostError } from '../rv64/trap.js';

export function readElf(path: string): ElfImage {
  return readElfFile(path).elf;
}

/** The parsed ELF and the file's bytes (the Linux loader reads program headers from them). */
export function readElfFile(path: string): { elf: ElfImage; bytes: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HostError(`${path}: no such file`);
    if (code === 'EISDIR') throw new HostError(`${path}: is a directory`);
    if (code === 'EACCES') throw new HostError(`${path}: permission denied`);
    throw new HostError(`${path}: cannot read (${code ?? String(e)})`);
  }
  return { elf: parseElf(bytes, path), bytes };
}

/** A machine with the ELF loaded, pc at its entry in M-mode (as Spike starts), HTIF attached if present. */
export function machineForElf(
  elf: ElfImage,
  path: string,
  opts: MachineOptions,
  /** Builds the machine to load into (run: the virt machine's; default: a bare Machine). */
  make: (opts: MachineOptions) => Machine = (o) => new Machine(o),
): Machine {
  if (elf.isLinux) {
    throw new HostError(`${path}: a Linux user-space program: run it with \`rvsim run\`, which emulates Linux system calls`);
  }
  const m = make(opts);
  const ram = m.ram;
  try {
    loadSegments(
      elf,
      (pa, bytes) => m.mmu.writePhys(pa, bytes),
      (pa, len) => m.mmu.writePhys(pa, new Uint8Array(len)),
      (pa, len) => ram.contains(pa, len),
      { base: ram.base, size: ram.size },
    );
  } catch (e) {
    // loadSegments does not know the file name; every other message about the file starts with it.
    if (e instanceof HostError) throw new HostError(`${path}: ${e.message}`, e.exitCode);
    throw e;
  }
  m.hart.pc = elf.entryPaddr;
  if (elf.symbolWarning !== undefined) process.stderr.write(`rvsim: warning: ${path}: ${elf.symbolWarning}\n`);
  const tohost = elf.symbols.get('tohost');
  if (tohost !== undefined) {
    const fromhost = elf.symbols.get('fromhost');
    const th = Number(tohost);
    if (!ram.contains(th, 8)) throw new HostError(`${path}: tohost (0x${tohost.toString(16)}) is outside RAM`);
    m.attachHtif(th, fromhost !== undefined && ram.contains(Number(fromhost), 8) ? Number(fromhost) : null);
  }
  return m;
}
