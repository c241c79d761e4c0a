# jalr: target = (rs1 + sext(imm)) with bit 0 cleared; rd = pc + 4,
# written after the target is computed (Unpriv. ISA 2.5.1)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

test_2:
  li TESTNUM, 2
  la x1, 1f
  ld x2, addr_ret2
  jalr x5, 0(x1)
ret2:
  j fail
1:CHECK_EQ(x5, x2)

  # positive and negative offsets
test_3:
  li TESTNUM, 3
  la x1, 1f
  addi x1, x1, -16
  jalr x5, 16(x1)
  j fail
1:la x1, 2f
  addi x1, x1, 40
  jalr x0, -40(x1)
  j fail
2:

  # the least-significant bit of the sum is cleared
test_4:
  li TESTNUM, 4
  la x1, 1f
  addi x1, x1, 1
  jalr x0, 0(x1)
  j fail
1:la x1, 2f
  jalr x0, 1(x1)
  j fail
2:la x1, 3f
  addi x1, x1, 3
  jalr x0, -2(x1)
  j fail
3:

  # rd = rs1: the target uses the old rs1, then rd gets the link
test_5:
  li TESTNUM, 5
  la x1, 1f
  jalr x1, 0(x1)
ret5:
  j fail
1:ld x2, addr_ret5
  CHECK_EQ(x1, x2)

  # rd = x0 (plain indirect jump) and the ret pseudo-instruction
test_6:
  li TESTNUM, 6
  jal x1, 2f
  j 3f
2:ret
  j fail
3:CHECK_EQ(x0, zero)

  # the target register was written by the instruction just before
test_7:
  li TESTNUM, 7
  li x4, 0
4:la x6, 5f
  jalr x7, x6
  j fail
5:addi x4, x4, 1
  li x5, 3
  bne x4, x5, 4b

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
addr_ret2: .dword ret2
addr_ret5: .dword ret5
RVTEST_DATA_END
