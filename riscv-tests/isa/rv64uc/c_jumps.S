# c.j, c.jr, c.jalr: c.jalr links pc + 2 (the size of the compressed
# instruction) into ra; c.jr with rs1 = ra is ret (Unpriv. ISA 16.6).
# c.jal does not exist on RV64: its encoding is c.addiw (see c_addiw.S).
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN
  .option rvc

test_2:
  li TESTNUM, 2
  c.j 2f
1:c.j 3f
  j fail
2:c.j 1b
  j fail
3:

  # c.jr through several registers, to 2-aligned and 4-aligned targets
test_3:
  li TESTNUM, 3
  la a0, 1f
  c.jr a0
  j fail
  .balign 4
  c.nop
1:la t6, 2f
  c.jr t6
  j fail
  .balign 4
2:

  # c.jalr: ra = address after the 2-byte c.jalr
test_4:
  li TESTNUM, 4
  la t0, 1f
  c.jalr t0
ret4:
  j fail
1:ld t1, addr_ret4
  CHECK_EQ(ra, t1)

  # c.jalr with rs1 = ra: the target is the old ra
test_5:
  li TESTNUM, 5
  la ra, 1f
  c.jalr ra
ret5:
  j fail
1:ld t1, addr_ret5
  CHECK_EQ(ra, t1)

  # a call/return pair made of compressed instructions
  TEST_CASE(6, a0, 12,
    li a0, 5;
    la t2, add7;
    c.jalr t2;
    c.nop)

  # far c.j (range is +/-2 KiB)
test_7:
  li TESTNUM, 7
  c.j 1f
  .fill 1000, 2, 0x0001
  j fail
1:

  TEST_PASSFAIL

add7:
  c.addi a0, 7
  c.jr ra

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
addr_ret4: .dword ret4
addr_ret5: .dword ret5
RVTEST_DATA_END
