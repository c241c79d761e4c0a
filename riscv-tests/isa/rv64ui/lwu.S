# lwu: 4-byte load, zero-extended (Unpriv. ISA 2.6, RV64I 5.3)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lwu, 0x000000000ff000ff, 0, tdat)
  TEST_LD_OP(3, lwu, 0x00000000fe017f80, 4, tdat)
  TEST_LD_OP(4, lwu, 0x0000000078563412, 8, tdat)
  TEST_LD_OP(5, lwu, 0x00000000f0debc9a, 12, tdat)
  TEST_LD_OP(6, lwu, 0x0000000000008000, 0, tdat_mid)
  TEST_LD_OP(7, lwu, 0x000000007fffffff, 4, tdat_mid)
  TEST_LD_OP(8, lwu, 0x0000000080000000, 8, tdat_mid)
  TEST_LD_OP(9, lwu, 0x00000000ffffffff, 12, tdat_mid)
  TEST_LD_OP(10, lwu, 0x00000000f0debc9a, -4, tdat_mid)
  TEST_LD_OP(11, lwu, 0x0000000078563412, -8, tdat_mid)
  TEST_LD_OP(12, lwu, 0x00000000fe017f80, -12, tdat_mid)
  TEST_LD_OP(13, lwu, 0x000000000ff000ff, -16, tdat_mid)

  # extreme 12-bit offsets: the base register points away from the data
  TEST_LD_OP_BIASED(14, lwu, 0x0000000078563412, 2040, tdat+8)
  TEST_LD_OP_BIASED(15, lwu, 0x0000000078563412, -2048, tdat+8)

  # rd = base register; loaded value used right away and after gaps
  TEST_CASE(16, x1, 0x0000000078563412, la x1, tdat; lwu x1, 8(x1))
  TEST_LD_DEST_BYPASS(17, 0, lwu, 0x0000000080000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(18, 1, lwu, 0x0000000080000000, 8, tdat_mid)
  TEST_LD_DEST_BYPASS(19, 2, lwu, 0x0000000080000000, 8, tdat_mid)

  # rd = x0: the value is discarded, x0 stays 0
  TEST_CASE(20, x0, 0, la x1, tdat; lwu x0, 0(x1))

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
