# ecall from S-mode: mcause 9, mepc = the ecall, mtval = 0; execution
# resumes where the handler says (Priv. ISA 3.1.15, 3.1.16, 3.3.1)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64S
RVTEST_CODE_BEGIN

  li s6, 0
test_2:
  li TESTNUM, 2
  TEST_EXPECT_TRAP(9, 0, 1f, 2f)
  li a0, 0x55
1:ecall
  j fail
2:TEST_TRAP_COUNT(3, 1)
  # registers other than the handler's survive the trap
  TEST_CASE(4, a0, 0x55, )

  # a second ecall, resuming at the next instruction
test_5:
  li TESTNUM, 5
  TEST_EXPECT_TRAP(9, 0, 1f, 2f)
1:ecall
2:TEST_TRAP_COUNT(6, 2)

  # back in S-mode after mret (MPP was S): an M-mode CSR read is illegal,
  # an S-mode one is fine
test_7:
  li TESTNUM, 7
  TEST_EXPECT_TRAP(2, 0x34002773, 1f, 2f)
1:csrr a4, mscratch
  j fail
2:TEST_TRAP_COUNT(8, 3)
  TEST_CASE(9, a4, 0x77, li a4, 0x77; csrw sscratch, a4; li a4, 0; csrr a4, sscratch)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
