/*
 * rvsim's "p" (physical memory, no virtual memory) test environment.
 *
 * Written for rvsim; it follows the interface of the riscv-tests suite
 * (RVTEST_* macros, TESTNUM in gp, tohost/fromhost symbols), so test
 * sources written against it also build against upstream's env/p.
 *
 * Machine model: one hart starts in M-mode at 0x80000000 (_start).
 * The reset code zeroes x1..x31, opens PMP to everything (so U-mode may
 * touch memory, Priv. spec 3.7), turns off delegation and interrupts,
 * installs trap_vector in mtvec, then mret's into the test body in the
 * privilege mode chosen by RVTEST_RV64U (U), RVTEST_RV64S (S) or
 * RVTEST_RV64M (M).
 *
 * Result reporting is HTIF-style through the 64-bit `tohost` word:
 *   pass: tohost = 1
 *   fail: tohost = (TESTNUM << 1) | 1          (TESTNUM in 1..255)
 *   unexpected trap: tohost = (code << 1) | 1 with
 *         code = (mcause << 9) | 0x100 | (TESTNUM & 0xff)
 * QEMU's spike machine exits with status tohost >> 1 (mod 256), so test
 * numbers are kept in 1..255 (checked by TEST_CASE) and a failure is
 * never reported as exit status 0.  The body writes tohost directly
 * (no ecall), so ecall itself can be tested.
 *
 * Traps: if the test defines a global label `mtvec_handler`, every trap
 * jumps there (with t5 clobbered); otherwise any trap is a failure.
 * Test handlers must leave through mret (after advancing mepc) or
 * through RVTEST_PASS / RVTEST_FAIL.
 */
#ifndef RVSIM_RISCV_TEST_H
#define RVSIM_RISCV_TEST_H

#define TESTNUM gp

#define RVTEST_MSTATUS_MPP_SHIFT 11

/* Privilege mode of the test body: value for mstatus.MPP before mret. */
#define RVTEST_RV64U \
  .macro rvtest_body_mode; li t0, 0; .endm
#define RVTEST_RV64S \
  .macro rvtest_body_mode; li t0, 1; .endm
#define RVTEST_RV64M \
  .macro rvtest_body_mode; li t0, 3; .endm
/* Upstream names for the same thing on RV32 are not supported: rvsim is RV64. */

/* Zero x1..x31 so no test depends on leftover register state. */
#define RVTEST_ZERO_XREGS \
  li x1, 0;  li x2, 0;  li x3, 0;  li x4, 0;  li x5, 0;  li x6, 0;  \
  li x7, 0;  li x8, 0;  li x9, 0;  li x10, 0; li x11, 0; li x12, 0; \
  li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0; li x18, 0; \
  li x19, 0; li x20, 0; li x21, 0; li x22, 0; li x23, 0; li x24, 0; \
  li x25, 0; li x26, 0; li x27, 0; li x28, 0; li x29, 0; li x30, 0; \
  li x31, 0

#define RVTEST_CODE_BEGIN                                               \
  /* name the object after the source, not after gcc's temporary file,  \
     so rebuilds are byte-identical */                                  \
  .file __BASE_FILE__;                                                  \
  .section .text.init, "ax", @progbits;                                 \
  /* 32-bit encodings only unless a test says `.option rvc`: a broken   \
     compressed decoder must not fail the base-ISA tests. */            \
  .option norvc;                                                        \
  .option norelax;                                                      \
  .weak mtvec_handler;                                                  \
  .globl _start;                                                        \
_start:                                                                 \
  j rvtest_reset;                                                       \
  .balign 4;                                                            \
  .globl trap_vector;                                                   \
trap_vector:                                                            \
  /* a test that expects traps supplies mtvec_handler */                \
  la t5, mtvec_handler;                                                 \
  beqz t5, rvtest_unexpected_trap;                                      \
  jr t5;                                                                \
rvtest_unexpected_trap:                                                 \
  csrr t5, mcause;                                                      \
  slli t5, t5, 9;                                                       \
  ori t5, t5, 0x100;                                                    \
  andi t6, TESTNUM, 0xff;                                               \
  or t5, t5, t6;                                                        \
  slli t5, t5, 1;                                                       \
  ori t5, t5, 1;                                                        \
  /* fall through: t5 holds the tohost value */                         \
  .globl rvtest_write_tohost;                                           \
rvtest_write_tohost:                                                    \
  la t6, tohost;                                                        \
  sd t5, 0(t6);                                                         \
  j rvtest_write_tohost;                                                \
rvtest_reset:                                                           \
  RVTEST_ZERO_XREGS;                                                    \
  /* park every hart but hart 0 */                                      \
  csrr t0, mhartid;                                                     \
1:bnez t0, 1b;                                                          \
  /* CSRs that may be absent: a trap while writing them just skips */   \
  la t0, 2f;                                                            \
  csrw mtvec, t0;                                                       \
  csrwi satp, 0;                                                        \
  .balign 4;                                                            \
2:la t0, 3f;                                                            \
  csrw mtvec, t0;                                                       \
  /* one NAPOT region over all of memory, RWX (Priv. spec 3.7.1) */     \
  li t0, -1;                                                            \
  csrw pmpaddr0, t0;                                                    \
  li t0, 0x1f;                                                          \
  csrw pmpcfg0, t0;                                                     \
  .balign 4;                                                            \
3:la t0, 4f;                                                            \
  csrw mtvec, t0;                                                       \
  csrwi medeleg, 0;                                                     \
  csrwi mideleg, 0;                                                     \
  .balign 4;                                                            \
4:csrwi mie, 0;                                                         \
  la t0, trap_vector;                                                   \
  csrw mtvec, t0;                                                       \
  li TESTNUM, 1;                                                        \
  /* mstatus = MPP only: MIE/MPIE off, MPRV off */                      \
  rvtest_body_mode;                                                     \
  slli t0, t0, RVTEST_MSTATUS_MPP_SHIFT;                                \
  csrw mstatus, t0;                                                     \
  la t0, rvtest_body;                                                   \
  csrw mepc, t0;                                                        \
  li t0, 0;                                                             \
  mret;                                                                 \
  .text;                                                                \
  .globl rvtest_body;                                                   \
rvtest_body:

#define RVTEST_CODE_END                                                 \
  /* falling off the end of a test body is a failure */                 \
rvtest_fell_off_end:                                                    \
  j rvtest_fell_off_end

/* Report success: tohost = 1. */
#define RVTEST_PASS                                                     \
  fence;                                                                \
  li TESTNUM, 1;                                                        \
  li t5, 1;                                                             \
  j rvtest_write_tohost

/* Report failure of test TESTNUM: tohost = (TESTNUM << 1) | 1.
   TESTNUM 0 would read as a pass, so it is reported as 1. */
#define RVTEST_FAIL                                                     \
  fence;                                                                \
  bnez TESTNUM, 5f;                                                     \
  li TESTNUM, 1;                                                        \
5:slli t5, TESTNUM, 1;                                                  \
  ori t5, t5, 1;                                                        \
  j rvtest_write_tohost

/* RVTEST_DATA_BEGIN / RVTEST_DATA_END: the tohost mailbox and the signature, shared by p and v. */
#include "../rvtest_data.h"

#endif
