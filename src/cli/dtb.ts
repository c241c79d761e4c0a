/**
 * `rvsim dtb --out FILE`: writes the device tree blob the virt machine would pass to its firmware
 * (as QEMU's `-M virt,dumpdtb=FILE`), for inspection with `dtc -I dtb -O dts FILE`.
 */
import { writeFileSync } from 'node:fs';
import { VirtMachine } from '../platform/virt.js';
import { HostError } from '../rv64/trap.js';
import { DEFAULT_VIRT_MEM } from './boot.js';
import { parseSize } from './size.js';

export interface DtbOptions {
  out: string;
  mem?: string;
  append?: string;
  isa?: string;
}

export function dtbCommand(o: DtbOptions): number {
  const virt = new VirtMachine({ isa: o.isa, memSize: parseSize(o.mem ?? DEFAULT_VIRT_MEM), console: () => {} });
  virt.setupBoot({ bootargs: o.append });
  try {
    writeFileSync(o.out, virt.dtb!);
  } catch (e) {
    throw new HostError(`cannot write ${o.out}: ${(e as Error).message}`);
  }
  return 0;
}
