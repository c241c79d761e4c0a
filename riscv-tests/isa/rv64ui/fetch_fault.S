# Jumping to an address where nothing is mapped raises an instruction access
# fault: mcause 1, mepc = mtval = the target (Priv. ISA 3.1.15, 3.1.16); the
# jump's link register is written, since the jump itself completed.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
test_2:
  li TESTNUM, 2
  li x1, 0x70000000
  TEST_EXPECT_TRAP(1, 0x70000000, 0x70000000, 2f)
  jalr x5, 0(x1)
ret2:
  j fail
2:TEST_TRAP_COUNT(3, 1)
  TEST_CASE(4, x5, 0, ld x7, addr_ret2; sub x5, x5, x7)

test_5:
  li TESTNUM, 5
  li x1, 0
  TEST_EXPECT_TRAP(1, 0, 0, 2f)
  jr x1
  j fail
2:TEST_TRAP_COUNT(6, 2)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
addr_ret2: .dword ret2
RVTEST_DATA_END
