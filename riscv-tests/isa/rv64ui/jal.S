# jal: rd = pc + 4, pc += sext(imm) (Unpriv. ISA 2.5.1)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  # link value is the address of the next instruction
test_2:
  li TESTNUM, 2
  ld x2, addr_ret2
  jal x1, 1f
ret2:
  j fail
1:CHECK_EQ(x1, x2)

  # rd = x0 is a plain jump (j); x0 stays 0
test_3:
  li TESTNUM, 3
  jal x0, 1f
  j fail
1:CHECK_EQ(x0, zero)

  # backward jump and a jump far forward
test_4:
  li TESTNUM, 4
  li x5, 0
  j 2f
1:addi x5, x5, 1
  j 3f
2:jal x6, 1b
  j fail
3:li x7, 1
  CHECK_EQ(x5, x7)
  jal x6, 4f
far_ret:
  .fill 1000, 4, 0x00000013
  j fail
4:ld x7, addr_after_far
  CHECK_EQ(x6, x7)

  # link register other than ra, and rd used right after the jump
test_5:
  li TESTNUM, 5
  jal x31, 1f
ret5:
  j fail
1:addi x14, x31, 0
  ld x7, addr_ret5
  CHECK_EQ(x14, x7)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
addr_ret2: .dword ret2
addr_ret5: .dword ret5
addr_after_far: .dword far_ret
RVTEST_DATA_END
