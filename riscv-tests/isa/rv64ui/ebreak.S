# ebreak: mcause 3 (breakpoint), mepc = the ebreak; mtval is 0 or the
# ebreak's address (Priv. ISA 3.1.16).  From U-mode and M-mode.
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
test_2:
  li TESTNUM, 2
  TEST_EXPECT_TRAP_TVAL_LOOSE(3, 0, 1f, 2f)
1:ebreak
  j fail
2:TEST_TRAP_COUNT(3, 1)

  # two in a row, each resuming at the next instruction
test_4:
  li TESTNUM, 4
  TEST_EXPECT_TRAP_TVAL_LOOSE(3, 0, bp1, bp1_next)
bp1:
  ebreak
bp1_next:
  TEST_EXPECT_TRAP_TVAL_LOOSE(3, 0, bp2, 3f)
bp2:
  ebreak
  j fail
3:TEST_TRAP_COUNT(5, 3)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
