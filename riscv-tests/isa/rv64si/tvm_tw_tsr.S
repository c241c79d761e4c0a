# TVM, TW and TSR (privileged spec v20240411, 3.1.6.5 "Virtualization
# Support in mstatus Register"): in S-mode, with TVM = 1 reading or writing
# satp and executing sfence.vma are illegal instructions; with TSR = 1 sret
# is; with TW = 1 wfi is (the spec allows a bounded wait first; rvsim and
# QEMU trap at once). mtval = the instruction bits (3.1.16).
# M sets the bits, then enters S; the trap handler returns to S.
#include "riscv_test.h"
#include "test_macros.h"

#define MPP (3 << 11)
#define TVM (1 << 20)
#define TW (1 << 21)
#define TSR (1 << 22)

#define TEST_ILLEGAL(testnum, bits)                                     \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  TEST_EXPECT_TRAP(2, bits, 1f, 2f);                                    \
1:.word bits;                                                           \
  j fail;                                                               \
2:

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  # the bits do not affect M-mode
  li t0, TVM | TW | TSR
  csrs mstatus, t0
  csrr a4, satp
  sfence.vma
  li t0, MPP; csrc mstatus, t0
  li t0, 1 << 11; csrs mstatus, t0
  la t0, s_body; csrw mepc, t0
  mret

s_body:
  # csrr a4, satp
  TEST_ILLEGAL(2, 0x18002773)
  # csrw satp, zero
  TEST_ILLEGAL(3, 0x18001073)
  # sfence.vma
  TEST_ILLEGAL(4, 0x12000073)
  # sret
  TEST_ILLEGAL(5, 0x10200073)
  # wfi
  TEST_ILLEGAL(6, 0x10500073)
  TEST_TRAP_COUNT(7, 5)
  # other S-mode CSRs stay accessible
  TEST_CASE(8, a4, 0x1234, li t0, 0x1234; csrw sscratch, t0; csrr a4, sscratch)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
