/**
 * Properties of the host (issue 8): no guest input crashes rvsim, and runs are deterministic.
 * - Random 32-bit words (the whole 2^32 space) and random 16-bit parcels run under a --max-insns
 *   style limit end with the limit, an exit or a deadlock: never a JavaScript exception.
 * - Random bytes and mutated ELFs through parseElf/readElf/machineForElf and a short run end in a
 *   HostError or a normal stop, never another exception.
 * - The same random program run twice gives the same registers, memory, pc and instret.
 * A guest trap is guest behaviour: the handler steps over the faulting parcel. A trap storm (the
 * handler itself trapping, forever) must also end at the limit; see the `fails` test below.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { machineForElf, readElf } from '../../src/cli/load.js';
import { caseArb } from '../../src/fuzz/arbitraries.js';
import { renderItems } from '../../src/fuzz/render.js';
import { parseElf } from '../../src/loader/elf.js';
import { Machine, RAM_BASE } from '../../src/machine.js';
import { HostError } from '../../src/rv64/trap.js';
import { guardTrapStorm, halvesToBytes, machineWith, TrapStorm, wordsToBytes } from './host-helpers.js';

const RUNS = { numRuns: Number(process.env.RVSIM_PROPERTY_RUNS ?? 150) };
const MAX = 2000;

/** Runs with the limit; a trap storm is reported as such (it is the known bug tested below). */
function runBounded(m: Machine): string {
  guardTrapStorm(m, 5000);
  try {
    const r = m.run(MAX);
    expect(r.instret).toBeLessThanOrEqual(MAX);
    return r.reason;
  } catch (e) {
    if (e instanceof TrapStorm) return 'storm';
    throw e;
  }
}

const anyWord = fc.integer({ min: 0, max: 0xffffffff });
/** Mostly 32-bit-looking words of known major opcodes, so decoding goes deep, plus the full space. */
const wordArb = fc.oneof(
  anyWord,
  fc.tuple(anyWord, fc.constantFrom(0x03, 0x07, 0x0f, 0x13, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43, 0x53, 0x63, 0x67, 0x6f, 0x73)).map(([w, o]) => ((w & ~0x7f) | o) >>> 0),
);

describe('no guest input crashes the host', () => {
  it('random instruction words run to the limit, an exit or a deadlock', () => {
    fc.assert(
      fc.property(fc.array(wordArb, { minLength: 1, maxLength: 256 }), (words) => {
        const reason = runBounded(machineWith(wordsToBytes(words)));
        expect(['limit', 'exit', 'deadlock', 'storm']).toContain(reason);
      }),
      RUNS,
    );
  });

  it('random 16-bit parcels (compressed space) run to the limit, an exit or a deadlock', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 512 }), (halves) => {
        const reason = runBounded(machineWith(halvesToBytes(halves)));
        expect(['limit', 'exit', 'deadlock', 'storm']).toContain(reason);
      }),
      RUNS,
    );
  });

  it('random words on an RV64IMAC machine without F/D/S (other decode paths) never throw', () => {
    fc.assert(
      fc.property(fc.array(wordArb, { minLength: 1, maxLength: 128 }), (words) => {
        expect(['limit', 'exit', 'deadlock', 'storm']).toContain(runBounded(machineWith(wordsToBytes(words), 'rv64imac_zicsr')));
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 3) },
    );
  });

  // Regression for a bug this fuzzer found: a trap does not retire, and Machine.run counted only
  // retired instructions, so when the handler itself traps (mtvec at an illegal word, or outside
  // RAM as after reset with mtvec = 0) `run(maxInsns)` never returned. Slices that retire nothing
  // now count toward the limit.
  it('a trap storm (mtvec at an illegal instruction) still ends at the instruction limit', () => {
    const m = machineWith(wordsToBytes([0x00000073])); // ecall
    m.mmu.writePhys(RAM_BASE + 0x100, wordsToBytes([0]));
    m.csr.mtvecLo = (RAM_BASE + 0x100) | 0; // the all-zero word: illegal, traps to itself
    guardTrapStorm(m, 100_000);
    expect(m.run(MAX).reason).toBe('limit');
  });
});

const HELLO = new Uint8Array(readFileSync(join(import.meta.dirname, '../../programs/build/hello.elf')));

/** parse + load + a short run: HostError or a normal stop, nothing else. */
function loadAndRun(bytes: Uint8Array): string {
  let m: Machine;
  try {
    m = machineForElf(parseElf(bytes, 'fuzzed.elf'), 'fuzzed.elf', { memSize: 8 << 20, output: () => {} });
  } catch (e) {
    if (e instanceof HostError) return 'host-error';
    throw e;
  }
  return runBounded(m);
}

describe('no ELF input crashes the host', () => {
  // machineForElf warns on stderr about damaged symbol tables; hundreds of those are noise here.
  beforeAll(() => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('random bytes, with and without a valid ELF header prefix, end in HostError or a run', () => {
    const header = HELLO.slice(0, 64);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, prefix) => {
        const b = prefix ? new Uint8Array([...header, ...bytes]) : bytes;
        expect(['host-error', 'limit', 'exit', 'deadlock', 'storm']).toContain(loadAndRun(b));
      }),
      RUNS,
    );
  });

  it('mutated and truncated copies of a real ELF end in HostError or a run', () => {
    const mutation = fc.record({
      cut: fc.option(fc.integer({ min: 0, max: HELLO.length }), { nil: undefined }),
      pokes: fc.array(fc.tuple(fc.integer({ min: 0, max: HELLO.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      // Most pokes go to the ELF and program headers, where a change matters most.
      headPokes: fc.array(fc.tuple(fc.integer({ min: 0, max: 0x100 }), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(mutation, ({ cut, pokes, headPokes }) => {
        const b = HELLO.slice(0, cut ?? HELLO.length);
        for (const [at, v] of [...pokes, ...headPokes]) if (at < b.length) b[at] = v;
        expect(['host-error', 'limit', 'exit', 'deadlock', 'storm']).toContain(loadAndRun(b));
      }),
      RUNS,
    );
  });

  it('readElf on files: a directory, a missing file and a damaged file are HostErrors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvsim-hostfuzz-'));
    try {
      const p = join(dir, 'bad.elf');
      writeFileSync(p, HELLO.slice(0, 100));
      for (const path of [dir, join(dir, 'missing.elf'), p]) expect(() => readElf(path)).toThrow(HostError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Everything architectural a rerun must reproduce. */
function snapshot(m: Machine): unknown {
  return { x: Array.from(m.hart.x), f: Array.from(m.hart.f), ram: Buffer.from(m.ram.u8).toString('base64'), instret: m.hart.instret, fflags: m.hart.fflags, frm: m.hart.frm };
}

describe('determinism', () => {
  it('the same random program (generated sequences and random words) gives the same state and instret twice', () => {
    const seqArb = caseArb(['i', 'm', 'a', 'c', 'f', 'd'], { maxItems: 30 }).map((c) => {
      const parcels: number[] = [];
      for (const i of renderItems(c.items)) {
        parcels.push(i.word & 0xffff);
        if (i.len === 4) parcels.push(i.word >>> 16);
      }
      return { x: c.x, parcels };
    });
    fc.assert(
      fc.property(seqArb, fc.array(wordArb, { maxLength: 32 }), (prog, words) => {
        const code = new Uint8Array([...halvesToBytes(prog.parcels), ...wordsToBytes(words)]);
        const run = (): unknown => {
          const m = machineWith(code);
          m.csr.mstatus |= 1 << 13; // FS = Initial
          prog.x.forEach((v, r) => {
            if (r !== 0) m.hart.setX(r, v);
          });
          // The window pointers of the generator: inside RAM, so loads and stores hit memory.
          m.hart.setX(2, BigInt(RAM_BASE + 0x80000));
          m.hart.setX(9, BigInt(RAM_BASE + 0x80100));
          const reason = runBounded(m);
          return { reason, ...(snapshot(m) as object) };
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 3) },
    );
  });
});
