# lb: 1-byte load, sign-extended (Unpriv. ISA 2.6, RV64I 5.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lb, 0xffffffffffffffff, 0, tdat)
  TEST_LD_OP(3, lb, 0x0000000000000000, 1, tdat)
  TEST_LD_OP(4, lb, 0xfffffffffffffff0, 2, tdat)
  TEST_LD_OP(5, lb, 0x000000000000000f, 3, tdat)
  TEST_LD_OP(6, lb, 0xffffffffffffff80, 4, tdat)
  TEST_LD_OP(7, lb, 0x000000000000007f, 5, tdat)
  TEST_LD_OP(8, lb, 0x0000000000000001, 6, tdat)
  TEST_LD_OP(9, lb, 0xfffffffffffffffe, 7, tdat)
  TEST_LD_OP(10, lb, 0x0000000000000012, 8, tdat)
  TEST_LD_OP(11, lb, 0x0000000000000034, 9, tdat)
  TEST_LD_OP(12, lb, 0x0000000000000056, 10, tdat)
  TEST_LD_OP(13, lb, 0x0000000000000078, 11, tdat)
  TEST_LD_OP(14, lb, 0xffffffffffffff9a, 12, tdat)
  TEST_LD_OP(15, lb, 0xffffffffffffffbc, 13, tdat)
  TEST_LD_OP(16, lb, 0xffffffffffffffde, 14, tdat)
  TEST_LD_OP(17, lb, 0xfffffffffffffff0, 15, tdat)
  TEST_LD_OP(18, lb, 0x0000000000000000, 0, tdat_mid)
  TEST_LD_OP(19, lb, 0xffffffffffffff80, 1, tdat_mid)
  TEST_LD_OP(20, lb, 0x0000000000000000, 2, tdat_mid)
  TEST_LD_OP(21, lb, 0x0000000000000000, 3, tdat_mid)
  TEST_LD_OP(22, lb, 0xffffffffffffffff, 4, tdat_mid)
  TEST_LD_OP(23, lb, 0xffffffffffffffff, 5, tdat_mid)
  TEST_LD_OP(24, lb, 0xffffffffffffffff, 6, tdat_mid)
  TEST_LD_OP(25, lb, 0x000000000000007f, 7, tdat_mid)
  TEST_LD_OP(26, lb, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_OP(27, lb, 0x0000000000000000, 9, tdat_mid)
  TEST_LD_OP(28, lb, 0x0000000000000000, 10, tdat_mid)
  TEST_LD_OP(29, lb, 0xffffffffffffff80, 11, tdat_mid)
  TEST_LD_OP(30, lb, 0xffffffffffffffff, 12, tdat_mid)
  TEST_LD_OP(31, lb, 0xffffffffffffffff, 13, tdat_mid)
  TEST_LD_OP(32, lb, 0xffffffffffffffff, 14, tdat_mid)
  TEST_LD_OP(33, lb, 0xffffffffffffffff, 15, tdat_mid)
  TEST_LD_OP(34, lb, 0xfffffffffffffff0, -1, tdat_mid)
  TEST_LD_OP(35, lb, 0xffffffffffffffbc, -3, tdat_mid)
  TEST_LD_OP(36, lb, 0x0000000000000078, -5, tdat_mid)
  TEST_LD_OP(37, lb, 0x0000000000000034, -7, tdat_mid)
  TEST_LD_OP(38, lb, 0xfffffffffffffffe, -9, tdat_mid)
  TEST_LD_OP(39, lb, 0x000000000000007f, -11, tdat_mid)
  TEST_LD_OP(40, lb, 0x000000000000000f, -13, tdat_mid)
  TEST_LD_OP(41, lb, 0x0000000000000000, -15, tdat_mid)

  # extreme 12-bit offsets: the base register points away from the data
  TEST_LD_OP_BIASED(42, lb, 0x0000000000000012, 2040, tdat+8)
  TEST_LD_OP_BIASED(43, lb, 0x0000000000000012, -2048, tdat+8)

  # rd = base register; loaded value used right away and after gaps
  TEST_CASE(44, x1, 0x0000000000000012, la x1, tdat; lb x1, 8(x1))
  TEST_LD_DEST_BYPASS(45, 0, lb, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(46, 1, lb, 0x0000000000000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(47, 2, lb, 0x0000000000000000, 8, tdat_mid)

  # rd = x0: the value is discarded, x0 stays 0
  TEST_CASE(48, x0, 0, la x1, tdat; lb x0, 0(x1))

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
tdat:
  .byte 0xff, 0x00, 0xf0, 0x0f, 0x80, 0x7f, 0x01, 0xfe
  .byte 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0
tdat_mid:
  .byte 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x7f
  .byte 0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff
RVTEST_DATA_END
