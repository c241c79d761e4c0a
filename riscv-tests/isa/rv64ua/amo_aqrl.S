# aq, rl and aqrl variants of every AMO and of LR/SC assemble, run and give
# the same results as the plain forms: the bits only add ordering
# constraints (Unpriv. ISA 8.1, 8.4)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_AMO(2, amoswap.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(3, amoswap.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(4, amoswap.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(5, amoadd.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000009)
  TEST_AMO(6, amoadd.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000009)
  TEST_AMO(7, amoadd.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000009)
  TEST_AMO(8, amoxor.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000005)
  TEST_AMO(9, amoxor.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000005)
  TEST_AMO(10, amoxor.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000005)
  TEST_AMO(11, amoand.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000002)
  TEST_AMO(12, amoand.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000002)
  TEST_AMO(13, amoand.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000002)
  TEST_AMO(14, amoor.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000007)
  TEST_AMO(15, amoor.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000007)
  TEST_AMO(16, amoor.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000007)
  TEST_AMO(17, amomin.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(18, amomin.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(19, amomin.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(20, amomax.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000006)
  TEST_AMO(21, amomax.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000006)
  TEST_AMO(22, amomax.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000006)
  TEST_AMO(23, amominu.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(24, amominu.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(25, amominu.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000003)
  TEST_AMO(26, amomaxu.w.aq, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000006)
  TEST_AMO(27, amomaxu.w.rl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000006)
  TEST_AMO(28, amomaxu.w.aqrl, amo_dw, 0, 0x0000000700000006, 3, 6, 0x0000000700000006)
  TEST_AMO(29, amoswap.d.aq, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(30, amoswap.d.rl, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(31, amoswap.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(32, amoadd.d.aq, amo_dw, 0, 0x6, 3, 6, 0x9)
  TEST_AMO(33, amoadd.d.rl, amo_dw, 0, 0x6, 3, 6, 0x9)
  TEST_AMO(34, amoadd.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x9)
  TEST_AMO(35, amoxor.d.aq, amo_dw, 0, 0x6, 3, 6, 0x5)
  TEST_AMO(36, amoxor.d.rl, amo_dw, 0, 0x6, 3, 6, 0x5)
  TEST_AMO(37, amoxor.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x5)
  TEST_AMO(38, amoand.d.aq, amo_dw, 0, 0x6, 3, 6, 0x2)
  TEST_AMO(39, amoand.d.rl, amo_dw, 0, 0x6, 3, 6, 0x2)
  TEST_AMO(40, amoand.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x2)
  TEST_AMO(41, amoor.d.aq, amo_dw, 0, 0x6, 3, 6, 0x7)
  TEST_AMO(42, amoor.d.rl, amo_dw, 0, 0x6, 3, 6, 0x7)
  TEST_AMO(43, amoor.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x7)
  TEST_AMO(44, amomin.d.aq, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(45, amomin.d.rl, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(46, amomin.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(47, amomax.d.aq, amo_dw, 0, 0x6, 3, 6, 0x6)
  TEST_AMO(48, amomax.d.rl, amo_dw, 0, 0x6, 3, 6, 0x6)
  TEST_AMO(49, amomax.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x6)
  TEST_AMO(50, amominu.d.aq, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(51, amominu.d.rl, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(52, amominu.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x3)
  TEST_AMO(53, amomaxu.d.aq, amo_dw, 0, 0x6, 3, 6, 0x6)
  TEST_AMO(54, amomaxu.d.rl, amo_dw, 0, 0x6, 3, 6, 0x6)
  TEST_AMO(55, amomaxu.d.aqrl, amo_dw, 0, 0x6, 3, 6, 0x6)

  # LR/SC increment loops with every ordering
test_56:
  li TESTNUM, 56
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.w x14, (x1)
  addi x14, x14, 2
  sc.w x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_57:
  li TESTNUM, 57
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.w.aq x14, (x1)
  addi x14, x14, 2
  sc.w.aq x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_58:
  li TESTNUM, 58
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.w.rl x14, (x1)
  addi x14, x14, 2
  sc.w.rl x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_59:
  li TESTNUM, 59
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.w.aqrl x14, (x1)
  addi x14, x14, 2
  sc.w.aqrl x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_60:
  li TESTNUM, 60
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.d x14, (x1)
  addi x14, x14, 2
  sc.d x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_61:
  li TESTNUM, 61
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.d.aq x14, (x1)
  addi x14, x14, 2
  sc.d.aq x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_62:
  li TESTNUM, 62
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.d.rl x14, (x1)
  addi x14, x14, 2
  sc.d.rl x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)
test_63:
  li TESTNUM, 63
  la x1, amo_dw
  li x2, 40
  sd x2, 0(x1)
1:lr.d.aqrl x14, (x1)
  addi x14, x14, 2
  sc.d.aqrl x5, x14, (x1)
  bnez x5, 1b
  ld x14, 0(x1)
  li x7, 42
  CHECK_EQ(x14, x7)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
amo_dw: .dword 0
RVTEST_DATA_END
