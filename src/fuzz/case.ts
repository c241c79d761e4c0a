/**
 * What a differential fuzz case is: initial architectural state (x and f registers, fcsr, the
 * contents of a memory window) and a short sequence of items. Everything is plain data (JSON-able),
 * so fast-check can shrink it and a failing case can be printed and replayed.
 *
 * The sequence runs inside a program that owns a memory window (src/fuzz/layout.ts): x2 (sp) and
 * x9 (s1) point into it and are never written by an item (except a balanced c.addi16sp pair), x31
 * is the address temporary of the groups below. Control flow only goes forward, to item boundaries.
 */
import type { Operands } from '../rv64/isa/encoder.js';

/** Base registers that point into the window: x2 = window, x9 = window + HALF. */
export const SP = 2;
export const S1 = 9;
/** Address temporary of AMO, LR/SC and indirect-jump groups; no other item writes it. */
export const TMP = 31;

export type Item =
  /** One instruction of a row (32-bit row or compressed `c_*` row) with fixed operands. */
  | { k: 'op'; name: string; ops: Operands }
  /** Conditional forward branch (B-format or c.beqz/c.bnez) over `skip` items. */
  | { k: 'br'; name: string; rs1: number; rs2: number; skip: number }
  /** jal rd / c.j forward over `skip` items. */
  | { k: 'jal'; name: 'jal' | 'c_j'; rd: number; skip: number }
  /**
   * Indirect forward jump through x31: `auipc x31, 0; jalr rd, off(x31)` (odd adds 1 to the
   * offset: jalr clears bit 0), or `auipc x31, 0; addi x31, x31, off; c.jr/c.jalr x31`.
   */
  | { k: 'jalr'; name: 'jalr' | 'c_jr' | 'c_jalr'; rd: number; skip: number; odd: boolean }
  /** `addi x31, base, off; amo rd, rs2, (x31)`. */
  | { k: 'amo'; name: string; rd: number; rs2: number; base: number; off: number; aq: boolean; rl: boolean }
  /**
   * `addi x31, base, off; lr rd, (x31); mid...; [addi x31, x31, move;] sc rd2, rs2, (x31)`: a
   * paired LR/SC of one size. move = 0 succeeds; a move to another doubleword must fail.
   */
  | {
      k: 'lrsc';
      size: 'w' | 'd';
      rd: number;
      rd2: number;
      rs2: number;
      base: number;
      off: number;
      move: number;
      aq: boolean;
      rl: boolean;
      mid: Item[];
    }
  /** `c.addi16sp sp, -16*j; <sp-relative load/store>; c.addi16sp sp, 16*j`. */
  | { k: 'sp'; j: number; name: string; reg: number; off: number };

export interface FuzzCase {
  /** Initial x0..x31 (x0, x2, x9 are ignored: x0 is zero, x2/x9 point into the window). */
  x: bigint[];
  /** Initial f0..f31 (raw 64-bit patterns); empty when the case uses no FP. */
  f: bigint[];
  /** Initial fcsr: frm (0..4) << 5 | fflags. */
  fcsr: number;
  /** Seed of the window's initial contents (0: all zero). */
  mem: number;
  items: Item[];
}

/** Extensions a campaign draws instructions from. */
export type FuzzExt = 'i' | 'm' | 'a' | 'c' | 'f' | 'd';
export const ALL_EXTS: FuzzExt[] = ['i', 'm', 'a', 'c', 'f', 'd'];

export const usesFp = (exts: readonly FuzzExt[]): boolean => exts.includes('f') || exts.includes('d');
