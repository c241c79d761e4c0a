/** All instruction tables, in the order the decoder tries them within an opcode bucket. */
import { rvA } from './rv-a.js';
import { rvC } from './rv-c.js';
import { rvD } from './rv-d.js';
import { rvF } from './rv-f.js';
import { rvH } from './rv-h.js';
import { rvI } from './rv-i.js';
import { rvM } from './rv-m.js';
import { rvSystem } from './rv-system.js';
import { rvZicsr } from './rv-zicsr.js';
import type { CInsnRow, InsnRow } from './types.js';

export const allRows: InsnRow[] = [...rvI, ...rvM, ...rvA, ...rvF, ...rvD, ...rvZicsr, ...rvSystem, ...rvH];

export const allCRows: CInsnRow[] = [...rvC];
