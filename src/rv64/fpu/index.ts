/** RISC-V F/D arithmetic library: see README.md. */
export * from './env.js';
export * from './f32.js';
export * from './f64.js';
export * from './cvt.js';
export * from './misc.js';
