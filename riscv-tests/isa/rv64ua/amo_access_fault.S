# AMOs, LR and SC to an address where nothing is mapped: an AMO raises a
# store/AMO access fault (mcause 7), never a load fault, even though it also
# reads; LR raises a load access fault (mcause 5); mtval = the address
# (Priv. ISA 3.1.15 table 3.6, 3.6.3.1 "AMOs ... store/AMO access fault").
# The spec maintainers confirmed AMOs never give load faults
# (riscv/riscv-isa-manual issue 469).  QEMU 7.2 reports cause 5 here, so
# this test is expected to fail on QEMU 7.2 (at test 2).
#include "riscv_test.h"
#include "test_macros.h"

#define HOLE 0x70000000

#define TEST_AMO_FAULT(testnum, inst)                                   \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  li x1, HOLE;                                                          \
  li a4, 0x5a5a;                                                        \
  TEST_EXPECT_TRAP(7, HOLE, 1f, 2f);                                    \
1:inst a4, a4, (x1);                                                    \
  j fail;                                                               \
2:li x7, 0x5a5a;                                                        \
  CHECK_EQ(a4, x7)

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
  TEST_AMO_FAULT(2, amoswap.w)
  TEST_AMO_FAULT(3, amoadd.d)
  TEST_AMO_FAULT(4, amoor.w)
  TEST_AMO_FAULT(5, amomaxu.d)
  TEST_TRAP_COUNT(6, 4)

test_7:
  li TESTNUM, 7
  li x1, HOLE
  li a4, 0x5a5a
  TEST_EXPECT_TRAP(5, HOLE, 1f, 2f)
1:lr.d a4, (x1)
  j fail
2:li x7, 0x5a5a
  CHECK_EQ(a4, x7)
  TEST_TRAP_COUNT(8, 5)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
