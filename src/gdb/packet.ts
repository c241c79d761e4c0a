/**
 * The gdb remote serial protocol's framing (gdb manual, "Remote Protocol": "Overview", "Packet
 * Acknowledgment", "Interrupts"): `$data#cs` with cs the modulo-256 sum of data's bytes in two hex
 * digits, `+`/`-` acknowledgments, and the lone byte 0x03 that asks a running target to stop.
 * Binary data escapes `#`, `$`, `}` and `*` as `}` followed by the byte XOR 0x20.
 *
 * Packets travel as latin1 strings: one character per byte, so binary payloads (the X packet)
 * survive unchanged.
 */

/** The modulo-256 sum of the bytes (latin1 characters) of `data`. */
export function checksum(data: string): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s = (s + (data.charCodeAt(i) & 0xff)) & 0xff;
  return s;
}

/** Two lowercase hex digits. */
export function hex2(v: number): string {
  return (v & 0xff).toString(16).padStart(2, '0');
}

/** A framed packet: `$data#cs`. `data` must already be escaped if it may hold `#`, `$`, `}` or `*`. */
export function frame(data: string): string {
  return `$${data}#${hex2(checksum(data))}`;
}

/** Escapes the bytes the framing reserves (for binary replies such as qXfer data). */
export function escapeBinary(data: string): string {
  return data.replace(/[#$}*]/g, (c) => '}' + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
}

/** Undoes `escapeBinary` (the payload of an X packet). */
export function unescapeBinary(data: string): string {
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === '}' && i + 1 < data.length) out += String.fromCharCode(data.charCodeAt(++i) ^ 0x20);
    else out += c;
  }
  return out;
}

/** What the byte stream from gdb carries. */
export type RspEvent =
  | { kind: 'packet'; data: string }
  /** A packet whose checksum did not match (the receiver answers `-`, the sender retransmits). */
  | { kind: 'bad'; data: string }
  | { kind: 'ack' }
  | { kind: 'nack' }
  /** 0x03 outside a packet: stop the running target. */
  | { kind: 'interrupt' };

/**
 * Splits a byte stream into events. Bytes may arrive in any pieces; a packet is emitted once its
 * two checksum digits are in. Bytes between packets other than `+`, `-` and 0x03 are ignored.
 */
export class PacketReader {
  private state: 'idle' | 'data' | 'cs1' | 'cs2' = 'idle';
  private data = '';
  private cs = '';

  push(chunk: string | Uint8Array): RspEvent[] {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    const out: RspEvent[] = [];
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      switch (this.state) {
        case 'idle':
          if (c === '$') {
            this.state = 'data';
            this.data = '';
          } else if (c === '+') out.push({ kind: 'ack' });
          else if (c === '-') out.push({ kind: 'nack' });
          else if (c === '\x03') out.push({ kind: 'interrupt' });
          break;
        case 'data': {
          // Read the run up to '#' at once (packets can be a few KiB: X writes, G).
          const end = s.indexOf('#', i);
          if (end < 0) {
            this.data += s.slice(i);
            i = s.length;
          } else {
            this.data += s.slice(i, end);
            i = end;
            this.state = 'cs1';
            this.cs = '';
          }
          break;
        }
        case 'cs1':
          this.cs = c;
          this.state = 'cs2';
          break;
        case 'cs2': {
          this.cs += c;
          this.state = 'idle';
          const ok = /^[0-9a-fA-F]{2}$/.test(this.cs) && parseInt(this.cs, 16) === checksum(this.data);
          out.push({ kind: ok ? 'packet' : 'bad', data: this.data });
          this.data = '';
          break;
        }
      }
    }
    return out;
  }
}

// ---- hex helpers for register and memory payloads

/** Bytes as hex, two digits each. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Hex digits (an even number of them) as bytes, or null if `s` is not that. */
export function fromHex(s: string): Uint8Array | null {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return null;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

/** A 64-bit value given as 32-bit halves, as 16 hex digits in target (little-endian) byte order. */
export function le64(lo: number, hi: number): string {
  return le32(lo) + le32(hi);
}

/** A 32-bit value as 8 hex digits in little-endian byte order. */
export function le32(v: number): string {
  return hex2(v) + hex2(v >>> 8) + hex2(v >>> 16) + hex2(v >>> 24);
}

/**
 * A hex address as gdb writes it (`Z0,80000672,2`) as 32-bit halves, or null if it is not one
 * (empty, not hex, or longer than 64 bits).
 */
export function parseAddr(s: string): { lo: number; hi: number } | null {
  if (!/^[0-9a-fA-F]{1,16}$/.test(s)) return null;
  const p = s.padStart(16, '0');
  return { hi: parseInt(p.slice(0, 8), 16) | 0, lo: parseInt(p.slice(8), 16) | 0 };
}

/** The halves of a 64-bit address as the hex gdb reads (no leading zeros). */
export function addrHex(lo: number, hi: number): string {
  if (hi === 0) return (lo >>> 0).toString(16);
  return (hi >>> 0).toString(16) + (lo >>> 0).toString(16).padStart(8, '0');
}
