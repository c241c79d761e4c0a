/**
 * The .symtab of an ELF64 LE file. Symbols are optional (for the `tohost` mailbox and for --trace),
 * so a missing or damaged table never fails the load: it yields no symbols and, when the table
 * was there but unreadable, a warning saying why. Bounds are checked before every read.
 */
export interface ElfSymbol {
  name: string;
  addr: bigint;
  /** st_size; 0 for assembler labels, which then extend to the next symbol. */
  size: bigint;
}

export interface SymbolTable {
  symbols: Map<string, bigint>;
  codeSymbols: ElfSymbol[];
  warning: string | undefined;
}

const SHDR_SIZE = 64;
const SYM_SIZE = 24;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHF_EXECINSTR = 0x4;
const STT_NOTYPE = 0;
const STT_OBJECT = 1;
const STT_FUNC = 2;
const STB_LOCAL = 0;
const SHN_UNDEF = 0;
const SHN_LORESERVE = 0xff00;

const utf8 = new TextDecoder('utf-8');

const none = (warning?: string): SymbolTable => ({ symbols: new Map(), codeSymbols: [], warning });

/** `dv` views the same bytes; the ELF header (64 bytes) has already been checked to be present. */
export function readSymbols(bytes: Uint8Array, dv: DataView): SymbolTable {
  const size = BigInt(bytes.length);
  const shoff = dv.getBigUint64(40, true);
  const shentsize = dv.getUint16(58, true);
  const shnum = dv.getUint16(60, true);
  if (shoff === 0n || shnum === 0) return none();
  if (shentsize < SHDR_SIZE) return none(`section header entry size ${shentsize} is smaller than ${SHDR_SIZE}`);
  if (shoff + BigInt(shnum) * BigInt(shentsize) > size) {
    return none(`section headers (${shnum} at offset 0x${shoff.toString(16)}) lie outside the file`);
  }

  const section = (index: number) => {
    const at = Number(shoff) + index * shentsize;
    return {
      type: dv.getUint32(at + 4, true),
      flags: dv.getBigUint64(at + 8, true),
      offset: dv.getBigUint64(at + 24, true),
      size: dv.getBigUint64(at + 32, true),
      link: dv.getUint32(at + 40, true),
      entsize: dv.getBigUint64(at + 56, true),
    };
  };

  let symtabIndex = -1;
  for (let i = 0; i < shnum; i++) {
    if (section(i).type === SHT_SYMTAB) {
      symtabIndex = i;
      break;
    }
  }
  if (symtabIndex < 0) return none();
  const symtab = section(symtabIndex);
  if (symtab.entsize < BigInt(SYM_SIZE)) return none(`symbol table entry size ${symtab.entsize} is smaller than ${SYM_SIZE}`);
  if (symtab.offset + symtab.size > size) return none('the symbol table lies outside the file');
  if (symtab.link >= shnum) return none(`the symbol table's string table (section ${symtab.link}) does not exist`);
  const strtab = section(symtab.link);
  if (strtab.type !== SHT_STRTAB) return none(`the symbol table's section ${symtab.link} is not a string table`);
  if (strtab.offset + strtab.size > size) return none('the symbol string table lies outside the file');

  const strStart = Number(strtab.offset);
  const strEnd = strStart + Number(strtab.size);
  const nameAt = (offset: number): string | undefined => {
    const start = strStart + offset;
    if (offset === 0 || start >= strEnd) return undefined;
    const nul = bytes.indexOf(0, start);
    if (nul < 0 || nul >= strEnd) return undefined;
    return utf8.decode(bytes.subarray(start, nul));
  };

  const symbols = new Map<string, bigint>();
  const localOnly = new Set<string>();
  const codeSymbols: ElfSymbol[] = [];
  const entsize = Number(symtab.entsize);
  const count = Math.floor(Number(symtab.size) / entsize);
  for (let i = 1; i < count; i++) {
    const at = Number(symtab.offset) + i * entsize;
    const info = bytes[at + 4];
    const type = info & 0xf;
    const bind = info >> 4;
    const shndx = dv.getUint16(at + 6, true);
    if (type !== STT_NOTYPE && type !== STT_OBJECT && type !== STT_FUNC) continue;
    if (shndx === SHN_UNDEF) continue;
    const name = nameAt(dv.getUint32(at, true));
    // "$x…"/"$d…" are RISC-V mapping symbols, ".L…" assembler-local labels: not names a person wrote.
    if (name === undefined || name === '' || name.startsWith('$') || name.startsWith('.L')) continue;
    const addr = dv.getBigUint64(at + 8, true);
    const isLocal = bind === STB_LOCAL;
    // The first global definition wins; a local one is kept only until a global of that name appears.
    if (!symbols.has(name) || (localOnly.has(name) && !isLocal)) {
      symbols.set(name, addr);
      if (isLocal) localOnly.add(name);
      else localOnly.delete(name);
    }
    const inCode =
      type === STT_FUNC ||
      (type === STT_NOTYPE && shndx < shnum && shndx < SHN_LORESERVE && (section(shndx).flags & BigInt(SHF_EXECINSTR)) !== 0n);
    if (inCode) codeSymbols.push({ name, addr, size: dv.getBigUint64(at + 16, true) });
  }
  // By address; at equal addresses a sized symbol (a function) before a bare label, then by name.
  codeSymbols.sort((a, b) =>
    a.addr !== b.addr ? (a.addr < b.addr ? -1 : 1) : a.size !== b.size ? (a.size > b.size ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return { symbols, codeSymbols, warning: undefined };
}
