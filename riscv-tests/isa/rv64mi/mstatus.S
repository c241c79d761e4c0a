# mstatus WARL fields (privileged spec v20240411, 3.1.6 "Machine Status
# Register", 3.1.6.1 MPP, 3.1.6.6 SD): MPP holds only M (3), S (1) and U (0);
# a write of the reserved value 2 must read back as a legal value (rvsim and
# Spike choose U). SD (bit 63) is read-only and set exactly when FS (or
# VS/XS) is Dirty. UXL and SXL read 2 (XLEN 64).
#include "riscv_test.h"
#include "test_macros.h"

#define MPP_MASK (3 << 11)
#define FS_MASK (3 << 13)

#define TEST_MPP(testnum, wr, rd)                                       \
  TEST_CASE(testnum, a4, rd,                                            \
    li t0, MPP_MASK; csrc mstatus, t0;                                  \
    li t0, (wr) << 11; csrs mstatus, t0;                                \
    csrr a4, mstatus; srli a4, a4, 11; andi a4, a4, 3)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_MPP(2, 3, 3)
  TEST_MPP(3, 1, 1)
  TEST_MPP(4, 0, 0)
  # 2 is reserved: whatever is stored must be a legal mode (not 2)
test_5:
  li TESTNUM, 5
  li t0, MPP_MASK; csrc mstatus, t0
  li t0, 2 << 11; csrs mstatus, t0
  csrr a4, mstatus; srli a4, a4, 11; andi a4, a4, 3
  li t0, 2
  beq a4, t0, fail

  # FS = Off: SD clear
  TEST_CASE(6, a4, 0, li t0, FS_MASK; csrc mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
  # FS = Initial, Clean: SD clear
  TEST_CASE(7, a4, 0, li t0, 1 << 13; csrs mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
  TEST_CASE(8, a4, 0, li t0, FS_MASK; csrc mstatus, t0; li t0, 2 << 13; csrs mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
  # FS = Dirty: SD set
  TEST_CASE(9, a4, 1, li t0, FS_MASK; csrs mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
  # SD is read-only: clearing bit 63 by a write leaves it set while FS is Dirty
  TEST_CASE(10, a4, 1, li t0, 1; slli t0, t0, 63; csrc mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
  TEST_CASE(11, a4, 0, li t0, FS_MASK; csrc mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
  # UXL (bits 33:32) and SXL (35:34) read 2 and ignore writes
  TEST_CASE(12, a4, 0xa, li t0, 0xf; slli t0, t0, 32; csrc mstatus, t0; csrr a4, mstatus; srli a4, a4, 32; andi a4, a4, 0xf)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
