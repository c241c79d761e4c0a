/**
 * The TypeScript hypervisor (src/hv): the bundled guest kernel boots in VS-mode with both
 * translation stages on; two guests interleave without touching each other's memory; a hostile
 * guest is stopped and reported while another finishes; SBI calls and the virtual UART behave as
 * the SBI spec and the bare platform say.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HV_RESERVED, Hypervisor } from '../../src/hv/hypervisor.js';
import type { Vm } from '../../src/hv/vm.js';
import { FW_JUMP, haveFirmware } from '../platform-boot/firmware.js';
import { requireTool } from '../tools.js';
import { buildGuest } from './build-guest.js';
import { rawElf } from './raw-elf.js';

const ROOT = join(import.meta.dirname, '../..');
const GUEST = readFileSync(join(ROOT, 'programs/build/guest.elf'));
const HOSTILE = readFileSync(join(ROOT, 'programs/build/guest-hostile.elf'));
const EXPECTED = readFileSync(join(ROOT, 'programs/guest/expected-output.txt'), 'latin1');
const MiB = 1024 * 1024;

/** The expected console text of the bundled guest booted with `bootargs`. */
function expectedFor(bootargs: string): string {
  return EXPECTED.replace('bootargs: name=alpha', `bootargs: ${bootargs}`);
}

function hvWith(guests: { elf: Uint8Array; bootargs?: string; name?: string }[], memPerGuest = 32 * MiB): Hypervisor {
  const hv = new Hypervisor({ maxGuests: guests.length, memPerGuest });
  for (const g of guests) hv.createVm(g);
  return hv;
}

/** Console text with CRLF as LF (the guest's UART driver sends CR LF; OpenSBI's putchar too). */
function lf(s: string): string {
  return s.replace(/\r\n/g, '\n');
}

function ramOf(hv: Hypervisor, vm: Vm): Uint8Array {
  return hv.machine.mmu.readPhys(vm.hostBase, vm.memSize);
}

/** Byte-wise equality of large arrays (vitest's deep equality is slow on megabytes). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}

function count(hay: Uint8Array, needle: Uint8Array): number {
  const b = Buffer.from(hay.buffer, hay.byteOffset, hay.length);
  let n = 0;
  for (let i = b.indexOf(needle); i >= 0; i = b.indexOf(needle, i + 1)) n++;
  return n;
}

describe('the bundled guest kernel under the hypervisor', () => {
  it('boots in VS-mode with Sv39 over Sv39x4, prints the expected text and exits 0 through SRST', () => {
    const hv = hvWith([{ elf: GUEST, bootargs: 'name=alpha' }]);
    const r = hv.run(100_000_000);
    const [vm] = hv.vms;
    expect(r.reason).toBe('done');
    expect(lf(vm.text)).toBe(EXPECTED);
    expect(vm.state).toBe('exited');
    expect(vm.exitCode).toBe(0);
    expect(vm.stopReason).toBe('SRST shutdown');
    // Exits the guest makes: SBI console/timer calls, MMIO to the virtual UART, timer interrupts.
    expect(vm.exits.get('mmio:uart-store')!.count).toBeGreaterThan(100);
    expect(vm.exits.get('mmio:uart-load')!.count).toBeGreaterThan(100);
    expect(vm.exits.get('sbi:time')!.count).toBeGreaterThanOrEqual(6);
    expect(vm.injected.get('timer')).toBeGreaterThanOrEqual(6);
    expect(vm.instret).toBe(hv.machine.hart.instret);
  });

  it('decodes MMIO from the instruction fetched with HLVX as well as from htinst (same result)', () => {
    const hv = new Hypervisor({ maxGuests: 1, useHtinst: false });
    const vm = hv.createVm({ elf: GUEST, bootargs: 'name=alpha' });
    hv.run(100_000_000);
    expect(lf(vm.text)).toBe(EXPECTED);
    expect(vm.exitCode).toBe(0);
    expect(vm.exits.get('mmio:uart-load')!.count).toBeGreaterThan(100);
  });

  it('turns on both translation stages (vsatp Sv39 and hgatp Sv39x4 seen on the hart at an exit)', () => {
    const hv = hvWith([{ elf: GUEST, bootargs: 'name=alpha' }]);
    const seen = new Set<string>();
    const c = hv.machine.csr;
    // Sample the hart's translation registers every 2000 instructions (read-only).
    let steps = 0;
    while (hv.vms[0].alive && steps++ < 20_000) {
      hv.run(2000);
      seen.add(`${c.vsatpHi >>> 28}/${c.hgatpHi >>> 28}`);
    }
    expect(hv.vms[0].exitCode).toBe(0);
    expect(seen.has('8/8')).toBe(true);
  });

  it('is deterministic: same output, instructions and cycles on a rerun', () => {
    const once = () => {
      const hv = hvWith([{ elf: GUEST, bootargs: 'name=alpha' }]);
      hv.run(100_000_000);
      return { text: hv.vms[0].text, insns: hv.machine.hart.instret, cycles: hv.machine.cycles() };
    };
    expect(once()).toEqual(once());
  });

  it('interleaves two guests, each with its own VMID, and neither byte of one lands in the other', () => {
    const hv = hvWith([
      { elf: GUEST, bootargs: 'name=alpha' },
      { elf: GUEST, bootargs: 'name=beta' },
    ]);
    const tablesBefore = hv.machine.mmu.readPhys(hv.machine.ram.base, HV_RESERVED);
    const r = hv.run(200_000_000);
    expect(r.reason).toBe('done');
    const [a, b] = hv.vms;
    expect(lf(a.text)).toBe(expectedFor('name=alpha'));
    expect(lf(b.text)).toBe(expectedFor('name=beta'));
    expect([a.vmid, b.vmid]).toEqual([1, 2]);
    // Time-sliced: many world switches, and both guests ran in several pieces.
    expect(hv.totals.worldSwitches).toBeGreaterThan(4);
    expect(a.exits.get('world-switch-in')!.count).toBeGreaterThan(2);
    expect(b.exits.get('world-switch-in')!.count).toBeGreaterThan(2);
    // Isolation: each guest's bootargs are in its own RAM and not in the other's.
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(count(ramOf(hv, a), enc('name=alpha'))).toBeGreaterThan(0);
    expect(count(ramOf(hv, b), enc('name=beta'))).toBeGreaterThan(0);
    expect(count(ramOf(hv, a), enc('name=beta'))).toBe(0);
    expect(count(ramOf(hv, b), enc('name=alpha'))).toBe(0);
    // The hypervisor's own memory (idle loop, G-stage tables) is as it was.
    expect(sameBytes(hv.machine.mmu.readPhys(hv.machine.ram.base, HV_RESERVED), tablesBefore)).toBe(true);
  });

  it('contains a hostile guest and reports it while a second guest finishes normally', () => {
    const stopped: string[] = [];
    const hv = new Hypervisor({ maxGuests: 2, onStop: (vm) => stopped.push(`${vm.name}: ${vm.stopReason}`) });
    const bad = hv.createVm({ elf: HOSTILE, name: 'hostile' });
    const good = hv.createVm({ elf: GUEST, bootargs: 'name=alpha', name: 'good' });
    const hvBefore = hv.machine.mmu.readPhys(hv.machine.ram.base, HV_RESERVED);
    const r = hv.run(200_000_000);
    expect(r.reason).toBe('done');
    expect(bad.state).toBe('stopped');
    expect(bad.stopReason).toMatch(/^store guest-page fault at guest-physical 0x[0-9a-f]+, outside its memory \(pc 0x[0-9a-f]+, guest virtual 0x[0-9a-f]+\)$/);
    expect(stopped).toEqual([`hostile: ${bad.stopReason}`]);
    // Its CSR probes of H CSRs were virtual-instruction exits, turned into illegal instructions for it.
    expect(bad.exits.get('virtual-insn:redirected')!.count).toBeGreaterThanOrEqual(3);
    expect(good.state).toBe('exited');
    expect(good.exitCode).toBe(0);
    expect(lf(good.text)).toBe(EXPECTED);
    // Its 0xdeadbeef stores stayed in its own RAM: none in the good guest's nor in the hypervisor's.
    const beef = Uint8Array.of(0xef, 0xbe, 0xad, 0xde);
    expect(count(ramOf(hv, bad), beef)).toBeGreaterThan(0);
    expect(count(ramOf(hv, good), beef)).toBe(0);
    expect(sameBytes(hv.machine.mmu.readPhys(hv.machine.ram.base, HV_RESERVED), hvBefore)).toBe(true);
  });

  it('stops a guest that waits for an interrupt nothing will raise, and one that runs off its memory', () => {
    // wfi with no timer armed; and a jump to guest-physical 0 (no memory there).
    const wfiLoop = Uint8Array.of(0x73, 0x00, 0x50, 0x10, 0xf5, 0xbf, 0, 0); // wfi; j -4 (c.j)
    const wild = Uint8Array.of(0x67, 0x00, 0x00, 0x00); // jalr x0, 0(x0)
    const hv = hvWith([{ elf: rawElf(wfiLoop) }, { elf: rawElf(wild) }]);
    expect(hv.run(1_000_000).reason).toBe('done');
    const [w, j] = hv.vms;
    expect(w.state).toBe('stopped');
    expect(w.stopReason).toMatch(/waits for an interrupt that nothing will raise/);
    expect(j.state).toBe('stopped');
    expect(j.stopReason).toBe('instruction guest-page fault at guest-physical 0x0, outside its memory (pc 0x0, guest virtual 0x0)');
  });

  it('pauses, resumes and destroys guests', () => {
    const hv = hvWith([
      { elf: GUEST, bootargs: 'name=alpha' },
      { elf: GUEST, bootargs: 'name=beta' },
      { elf: GUEST, bootargs: 'name=gamma' },
    ]);
    const [a, b, c] = hv.vms;
    hv.run(1_000_000);
    hv.pause(a);
    hv.destroy(c);
    // A pause takes effect at the guest's next exit (within one quantum).
    hv.run(200_000);
    const frozen = a.instret;
    hv.run(2_000_000);
    expect(a.instret).toBe(frozen);
    expect(a.state).toBe('paused');
    expect(c.state).toBe('destroyed');
    expect(count(ramOf(hv, c), new TextEncoder().encode('name=gamma'))).toBe(0);
    hv.resume(a);
    expect(hv.run(300_000_000).reason).toBe('done');
    expect(lf(a.text)).toBe(expectedFor('name=alpha'));
    expect(lf(b.text)).toBe(expectedFor('name=beta'));
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
  });

  it('loads a raw image (not ELF) 2 MiB into guest RAM and enters it there, as firmware does with a Linux Image', () => {
    // jalr x0, 0(x0) at the image's first byte: it runs from 0x80200000 and jumps off its memory.
    const hv = hvWith([{ elf: Uint8Array.of(0x67, 0x00, 0x00, 0x00) }]);
    hv.run(1000);
    expect(hv.vms[0].stopReason).toBe('instruction guest-page fault at guest-physical 0x0, outside its memory (pc 0x0, guest virtual 0x0)');
    expect(hv.vms[0].instret).toBe(1);
    expect(() => hvWith([{ elf: new Uint8Array(0) }])).toThrow(/empty file/);
  });

  it('refuses guest memory that is not a multiple of 2 MiB and a kernel outside guest RAM', () => {
    expect(() => new Hypervisor({ maxGuests: 1, memPerGuest: 3 * MiB })).toThrow(/multiple of 2 MiB/);
    const hv = new Hypervisor({ maxGuests: 1, memPerGuest: 4 * MiB });
    expect(() => hv.createVm({ elf: rawElf(Uint8Array.of(0x13, 0, 0, 0), 0x90000000) })).toThrow(/outside RAM/);
  });
});

describe.runIf(requireTool('riscv64-unknown-elf-gcc', 'gcc-riscv64-unknown-elf'))('SBI and the virtual UART (assembled test guests)', () => {
  const out = mkdtempSync(join(tmpdir(), 'rvsim-hv-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('answers base, TIME, DBCN and SRST as the SBI spec says', () => {
    const hv = hvWith([{ elf: buildGuest('sbi-calls', out) }]);
    hv.run(10_000_000);
    const [vm] = hv.vms;
    expect(vm.text).toBe('L\nDBCN ok\nT\n');
    // SRST reason 0xE0000000 + 42 carries exit code 42.
    expect(vm.exitCode).toBe(42);
    expect(vm.injected.get('timer')).toBe(1);
    expect(vm.exits.get('sbi:base')!.count).toBe(4);
  });

  it('injects the virtual UART interrupt through its virtual PLIC and hvip.VSEIP, and a guest WFI yields the hart to another guest', () => {
    const hv = hvWith([{ elf: buildGuest('irq-wfi', out), name: 'irq' }, { elf: GUEST, bootargs: 'name=alpha' }]);
    expect(hv.run(200_000_000).reason).toBe('done');
    const [irq, other] = hv.vms;
    expect(lf(irq.text)).toBe('E\nW\n');
    expect(irq.exitCode).toBe(0);
    expect(irq.injected.get('external')).toBe(1);
    expect(irq.exits.get('mmio:plic-load')!.count).toBe(1); // the claim
    expect(irq.exits.get('mmio:plic-store')!.count).toBe(4); // priority, enable, threshold, complete
    expect(irq.injected.get('timer')).toBe(1);
    expect(irq.exits.get('virtual-insn:wfi')!.count).toBe(1);
    // While irq waited, the other guest had the hart: irq came back on it after its timer.
    expect(irq.exits.get('world-switch-in')!.count).toBeGreaterThanOrEqual(2);
    expect(other.exitCode).toBe(0);
    expect(lf(other.text)).toBe(EXPECTED);
  });

  it('lets a guest program its own timer with stimecmp (vstimecmp, henvcfg.STCE) and sleep on it in WFI', () => {
    const hv = hvWith([{ elf: buildGuest('sstc-wfi', out) }, { elf: GUEST, bootargs: 'name=alpha' }]);
    expect(hv.run(200_000_000).reason).toBe('done');
    const [g, other] = hv.vms;
    expect(lf(g.text)).toBe('S\n');
    expect(g.exitCode).toBe(0);
    // No SBI timer calls: the timer is the hart's own; WFI was an exit, the wake-up came from vstimecmp.
    expect(g.exits.get('sbi:time')).toBeUndefined();
    expect(g.exits.get('virtual-insn:wfi')!.count).toBe(1);
    expect(other.exitCode).toBe(0);
  });

  it('idles the hart in HS while the only guest waits, without running instructions', () => {
    const hv = hvWith([{ elf: buildGuest('irq-wfi', out) }]);
    hv.run(1_000_000);
    const [vm] = hv.vms;
    expect(vm.exitCode).toBe(0);
    expect(hv.totals.idleWakeups).toBe(1);
    // 20000 timebase ticks of waiting cost no instructions: the machine skipped the time.
    expect(hv.machine.hart.instret).toBeLessThan(200);
    expect(hv.machine.timeNow()).toBeGreaterThanOrEqual(20000);
  });

  it.runIf(haveFirmware(FW_JUMP))(
    'gives the same UART register values as the bare platform under OpenSBI',
    () => {
      const elf = join(out, 'uart-regs.elf');
      buildGuest('uart-regs', out);
      const hv = spawnSync(process.execPath, [join(ROOT, 'bin/rvsim.js'), 'hv', '--guest', elf], { encoding: 'latin1' });
      expect(hv.status).toBe(0);
      const bare = spawnSync(
        process.execPath,
        [join(ROOT, 'bin/rvsim.js'), 'boot', '--bios', FW_JUMP, '--kernel', elf],
        { encoding: 'latin1' },
      );
      expect(bare.status).toBe(0);
      // Bare output: OpenSBI's banner, then the program's lines.
      const bareText = lf(bare.stdout);
      const guestPart = bareText.slice(bareText.lastIndexOf('Boot HART MEDELEG')).replace(/^.*\n/, '');
      expect(lf(hv.stdout)).toMatch(/^03\n00\n03\n/);
      expect(lf(hv.stdout)).toBe(guestPart);
    },
  );
});
