/**
 * The bundled guest kernel (programs/guest/, built to programs/build/guest.elf) on the two
 * platforms it must run on unchanged besides rvsim's hypervisor:
 *  - QEMU 7.2 virt with its default firmware (OpenSBI fw_dynamic): `qemu-system-riscv64 -M virt
 *    -nographic -bios default -kernel guest.elf -append name=alpha`;
 *  - bare rvsim under Debian's OpenSBI 1.1 fw_jump: `rvsim boot --bios fw_jump.elf --kernel guest.elf
 *    --append name=alpha`.
 * Both must print programs/guest/expected-output.txt exactly (from the guest's first line to its
 * last; OpenSBI's banner before it differs between fw_dynamic and fw_jump) and exit 0. The text is
 * independent of where timer ticks fall (tasks' output is buffered and printed in task order), so
 * QEMU's wall-clock timer and rvsim's simulated one must agree byte for byte.
 *
 * Note: OpenSBI 1.1 shuts down through sifive_test with FINISHER_PASS whatever the SRST reason, so
 * on these two platforms the exit status is 0 even when the guest reports failed checks (reason 1);
 * the summary line in the compared text is what catches a failure there.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseElf } from '../../src/loader/elf.js';
import { distBuilt, ROOT, rvsim } from '../helpers/cli.js';
import { FW_JUMP, haveFirmware } from '../platform-boot/firmware.js';
import { requireTool } from '../tools.js';

const GUEST = join(ROOT, 'programs/build/guest.elf');
const HOSTILE = join(ROOT, 'programs/build/guest-hostile.elf');
const EXPECTED = readFileSync(join(ROOT, 'programs/guest/expected-output.txt'), 'utf8');
const FIRST = EXPECTED.split('\n')[0];

/**
 * The guest's lines in a console transcript: CRs dropped (OpenSBI's console and our UART driver
 * send CR LF), from the guest's first line to its last `guest: ` line (the summary).
 */
function guestText(transcript: string): string {
  const lines = transcript.replace(/\r/g, '').split('\n');
  const first = lines.indexOf(FIRST);
  let last = -1;
  for (let i = lines.length - 1; i > first && last < 0; i--) if (lines[i].startsWith('guest: ')) last = i;
  if (first < 0 || last < 0) return `(no guest output found in:)\n${transcript}`;
  return `${lines.slice(first, last + 1).join('\n')}\n`;
}

function qemu(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(
    'qemu-system-riscv64',
    ['-M', 'virt', '-nographic', '-no-reboot', '-bios', 'default', '-kernel', GUEST, ...args],
    { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('programs/guest: the expected output', () => {
  it('names the bootargs and ends with the summary of a passing run', () => {
    const lines = EXPECTED.trimEnd().split('\n');
    expect(lines[1]).toBe('bootargs: name=alpha');
    expect(lines).toContain('sv39: on');
    expect(lines.filter((l) => l.endsWith('(preempted: yes)'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('guest: all checks passed');
  });
});

describe('programs/build guest ELFs', () => {
  it.each([GUEST, HOSTILE])('%s is an S-mode payload at 0x80200000 below fw_jump\'s DTB (0x82200000)', (file) => {
    const elf = parseElf(readFileSync(file), file);
    expect(elf.entryPaddr).toBe(0x80200000n);
    const loaded = elf.segments.filter((s) => s.memsz > 0n);
    expect(loaded.length).toBeGreaterThan(0);
    for (const s of loaded) {
      expect(s.paddr).toBeGreaterThanOrEqual(0x80200000n);
      expect(s.paddr + s.memsz).toBeLessThanOrEqual(0x82200000n);
    }
  });
});

describe.runIf(requireTool('qemu-system-riscv64', 'qemu-system-misc'))('the guest kernel on QEMU virt', () => {
  it('prints the expected output with -append name=alpha and exits 0', () => {
    const r = qemu(['-append', 'name=alpha']);
    expect(guestText(r.out)).toBe(EXPECTED);
    expect(r.status, r.out).toBe(0);
  });

  it('reads /chosen/bootargs from the device tree: another -append, and none', () => {
    const beta = qemu(['-append', 'name=beta console=hvc0']);
    expect(guestText(beta.out)).toBe(EXPECTED.replace('bootargs: name=alpha', 'bootargs: name=beta console=hvc0'));
    const none = qemu([]);
    expect(guestText(none.out)).toBe(EXPECTED.replace('bootargs: name=alpha', 'bootargs: (none)'));
    expect(beta.status).toBe(0);
    expect(none.status).toBe(0);
  });
});

describe.runIf(haveFirmware(FW_JUMP))('the guest kernel on bare rvsim under OpenSBI fw_jump', () => {
  beforeAll(() => {
    if (!distBuilt()) throw new Error('dist/ is missing: run `npm run build` (or use the globalSetup test/helpers/build-dist.ts)');
  });

  it('prints exactly the expected output (as on QEMU) and exits 0', async () => {
    const r = await rvsim(['boot', '--bios', FW_JUMP, '--kernel', GUEST, '--append', 'name=alpha', '--max-insns', '40000000'], {
      timeoutMs: 120_000,
    });
    expect(guestText(r.stdout)).toBe(EXPECTED);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
