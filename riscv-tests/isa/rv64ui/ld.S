# ld: 8-byte load, full 64 bits (Unpriv. ISA 2.6, RV64I 5.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_LD_OP(2, ld, 0xfe017f800ff000ff, 0, tdat)
  TEST_LD_OP(3, ld, 0xf0debc9a78563412, 8, tdat)
  TEST_LD_OP(4, ld, 0x7fffffff00008000, 0, tdat_mid)
  TEST_LD_OP(5, ld, 0xffffffff80000000, 8, tdat_mid)
  TEST_LD_OP(6, ld, 0xf0debc9a78563412, -8, tdat_mid)
  TEST_LD_OP(7, ld, 0xfe017f800ff000ff, -16, tdat_mid)

  # extreme 12-bit offsets: the base register points away from the data
  TEST_LD_OP_BIASED(8, ld, 0xf0debc9a78563412, 2040, tdat+8)
  TEST_LD_OP_BIASED(9, ld, 0xf0debc9a78563412, -2048, tdat+8)

  # rd = base register; loaded value used right away and after gaps
  TEST_CASE(10, x1, 0xf0debc9a78563412, la x1, tdat; ld x1, 8(x1))
  TEST_LD_DEST_BYPASS(11, 0, ld, 0xffffffff80000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(12, 1, ld, 0xffffffff80000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(13, 2, ld, 0xffffffff80000000, 8, tdat_mid)

  # rd = x0: the value is discarded, x0 stays 0
  TEST_CASE(14, x0, 0, la x1, tdat; ld x0, 0(x1))

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
