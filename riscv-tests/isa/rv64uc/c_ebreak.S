# c.ebreak: breakpoint exception, mcause 3, mepc = the 2-byte c.ebreak,
# mtval 0 or its address; the handler resumes at mepc + 2 (Priv. ISA 3.1.16,
# Unpriv. ISA 16.8)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  li s6, 0
test_2:
  li TESTNUM, 2
  TEST_EXPECT_TRAP_TVAL_LOOSE(3, 0, 1f, 2f)
1:c.ebreak
2:TEST_TRAP_COUNT(3, 1)

  # at an address that is 2 mod 4
test_4:
  li TESTNUM, 4
  TEST_EXPECT_TRAP_TVAL_LOOSE(3, 0, 1f, 2f)
  .balign 4
  c.nop
1:c.ebreak
  j fail
2:TEST_TRAP_COUNT(5, 2)

  TEST_PASSFAIL
  .option norvc
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
