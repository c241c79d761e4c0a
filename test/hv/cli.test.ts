/** `rvsim hv` and `rvsim demo` (what `npm start` runs) as a user runs them. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lines, rvsim } from '../helpers/cli.js';

const EXPECTED = readFileSync(join(import.meta.dirname, '../../programs/guest/expected-output.txt'), 'latin1');
const lf = (s: string) => s.replace(/\r\n/g, '\n');

describe('rvsim hv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rvsim-hvcli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('demo boots the bundled guest under the hypervisor and prints the summary', async () => {
    const r = await rvsim(['demo'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(lf(r.stdout)).toBe(EXPECTED.replace('name=alpha', 'name=demo'));
    expect(r.stderr).toMatch(/rvsim hv summary/);
    expect(r.stderr).toMatch(/cycles +[\d,]+ \(in-order timing model\)/);
    expect(r.stderr).toMatch(/guest \(VMID 1, 32 MiB\): exited with 0 \(SRST shutdown\)/);
    for (const cause of ['mmio:uart-store', 'mmio:uart-load', 'sbi:time', 'sbi:dbcn', 'interrupt:host-timer']) {
      expect(r.stderr).toMatch(new RegExp(`\\n  ${cause} +\\d+ +\\d+ +\\d+\\n`));
    }
  });

  it('runs two guests with prefixed console lines and writes --stats-json', async () => {
    const json = join(dir, 'hv.json');
    const r = await rvsim(
      ['hv', '--guest', 'programs/build/guest.elf', '--append', 'name=a', '--guest', 'programs/build/guest-hostile.elf', '--stats-json', json],
      { timeoutMs: 60_000 },
    );
    // A guest was stopped by the hypervisor: exit code 1, and one line saying why.
    expect(r.code).toBe(1);
    const out = lines(lf(r.stdout));
    expect(out.filter((l) => l.startsWith('[guest] ')).map((l) => l.slice(8))).toEqual(lines(EXPECTED.replace('name=alpha', 'name=a')));
    expect(out.some((l) => l.startsWith('[guest-hostile] '))).toBe(true);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^rvsim hv: stopped guest-hostile: store guest-page fault at guest-physical 0x0, outside its memory/)]);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.guests.map((g: { name: string; state: string }) => [g.name, g.state])).toEqual([
      ['guest', 'exited'],
      ['guest-hostile', 'stopped'],
    ]);
    expect(j.guests[0].exits['mmio:uart-store'].count).toBeGreaterThan(0);
    expect(j.totals.worldSwitches).toBeGreaterThan(1);
    expect(j.cycles).toBeGreaterThan(j.instructions);
  });

  it.each([
    [['hv'], /^rvsim: hv: name a guest kernel/],
    [['hv', '--guest', 'no/such.elf'], /^rvsim: --guest no\/such.elf: no such file/],
    [['hv', '--guest', 'test/hv/guests/bad.elf'], /^rvsim: test\/hv\/guests\/bad.elf: /],
    [['hv', '--guest', 'programs/build/guest.elf', '--initrd', 'no/such.cpio'], /^rvsim: --initrd no\/such.cpio: no such file/],
    [['hv', '--guest', 'programs/build/guest.elf', '--mem-per-guest', '3M'], /^rvsim: bad --mem-per-guest '3M': must be a multiple of 2M/],
    [['hv', '--guest', 'programs/build/guest.elf', '--mem-per-guest', 'lots'], /^rvsim: /],
    [['hv', '--guest', 'programs/build/guest.elf', '--isa', 'rv64imac'], /^rvsim: the hypervisor needs the H extension/],
    [['hv', '--guest', 'programs/build/guest.elf', '--timing', 'fast'], /^rvsim: /],
  ])('rvsim %j: one line on stderr, exit 2', async (args, msg) => {
    const r = await rvsim(args as string[]);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(msg as RegExp);
  });

  it('stops at --max-insns with exit code 124', async () => {
    const r = await rvsim(['hv', '--guest', 'programs/build/guest.elf', '--max-insns', '100000']);
    expect(r.code).toBe(124);
    expect(r.stderr).toMatch(/stopped after \d+ instructions \(--max-insns\)/);
  });
});
