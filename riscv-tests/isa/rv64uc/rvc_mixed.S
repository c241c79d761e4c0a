# Mixed 16- and 32-bit code: 32-bit instructions at addresses that are 2 mod
# 4, one straddling a 4 KiB page boundary, and jumps (32-bit jal/jalr and
# branches) to 2-aligned targets; with C, IALIGN is 16 (Unpriv. ISA 1.5, 16.1)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

  # 32-bit addi at 2 mod 4
  TEST_CASE(2, a0, 1000,
    .balign 4;
    c.li a0, 0;
    .option push; .option norvc;
    addi a0, a0, 1000;
    .option pop)

  # jal/jalr/beq to 2-aligned targets, links of 32-bit jumps at 2 mod 4
test_3:
  li TESTNUM, 3
  .balign 4
  c.nop
  .option push
  .option norvc
  jal ra, 1f
ret3:
  j fail
  .option pop
  c.nop
1:ld t0, addr_ret3
  CHECK_EQ(ra, t0)
  la t1, 2f
  .option push
  .option norvc
  jalr x0, 0(t1)
  j fail
  .option pop
  .balign 4
  c.nop
2:li a1, 1
  .option push
  .option norvc
  beq a1, a1, 3f
  j fail
  .option pop
  c.nop
3:

  # a 32-bit instruction whose halves lie in two pages
test_4:
  li TESTNUM, 4
  li a0, 0
  j straddle
straddle_back:
  li t0, 1234
  CHECK_EQ(a0, t0)

  TEST_PASSFAIL

  .balign 4096
  .fill 2047, 2, 0x0001
straddle:
  .option push
  .option norvc
  addi a0, a0, 1234
  j straddle_back
  .option pop

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
addr_ret3: .dword ret3
RVTEST_DATA_END
