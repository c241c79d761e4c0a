/**
 * A minimal ELF64 RISC-V executable around raw code bytes (one PT_LOAD, RWX, entry at its start):
 * test guests built without a cross toolchain.
 */
export function rawElf(code: Uint8Array, loadAddr = 0x80200000, memsz = code.length): Uint8Array {
  const EH = 64;
  const PH = 56;
  const off = 0x1000;
  const b = new Uint8Array(off + code.length);
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]); // ELF, 64-bit, little-endian, version 1, SysV
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 243, true); // EM_RISCV
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, BigInt(loadAddr), true); // e_entry
  dv.setBigUint64(32, BigInt(EH), true); // e_phoff
  dv.setUint16(52, EH, true);
  dv.setUint16(54, PH, true);
  dv.setUint16(56, 1, true); // e_phnum
  dv.setUint16(58, 64, true); // e_shentsize
  // PT_LOAD
  dv.setUint32(EH, 1, true);
  dv.setUint32(EH + 4, 7, true); // RWX
  dv.setBigUint64(EH + 8, BigInt(off), true);
  dv.setBigUint64(EH + 16, BigInt(loadAddr), true);
  dv.setBigUint64(EH + 24, BigInt(loadAddr), true);
  dv.setBigUint64(EH + 32, BigInt(code.length), true);
  dv.setBigUint64(EH + 40, BigInt(Math.max(memsz, code.length)), true);
  dv.setBigUint64(EH + 48, 0x1000n, true);
  b.set(code, off);
  return b;
}
