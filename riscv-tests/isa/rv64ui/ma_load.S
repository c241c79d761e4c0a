# ma_load: misaligned loads return the right bytes (Unpriv. ISA 2.6: misaligned accesses may be done in hardware; rvsim does)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64U
RVTEST_CODE_BEGIN

  TEST_LD_OP(2, lh, 0x0000000000005634, 9, tdat)
  TEST_LD_OP(3, lhu, 0x0000000000005634, 9, tdat)
  TEST_LD_OP(4, lw, 0xffffffff9a785634, 9, tdat)
  TEST_LD_OP(5, lw, 0xffffffffbc9a7856, 10, tdat)
  TEST_LD_OP(6, lw, 0xffffffffdebc9a78, 11, tdat)
  TEST_LD_OP(7, lwu, 0x000000009a785634, 9, tdat)
  TEST_LD_OP(8, lwu, 0x00000000bc9a7856, 10, tdat)
  TEST_LD_OP(9, lwu, 0x00000000debc9a78, 11, tdat)
  TEST_LD_OP(10, ld, 0x00f0debc9a785634, 9, tdat)
  TEST_LD_OP(11, ld, 0x8000f0debc9a7856, 10, tdat)
  TEST_LD_OP(12, ld, 0x008000f0debc9a78, 11, tdat)
  TEST_LD_OP(13, ld, 0x00008000f0debc9a, 12, tdat)
  TEST_LD_OP(14, ld, 0xff00008000f0debc, 13, tdat)
  TEST_LD_OP(15, ld, 0xffff00008000f0de, 14, tdat)
  TEST_LD_OP(16, ld, 0xffffff00008000f0, 15, tdat)
  TEST_LD_OP(17, ld, 0xff00008000f0debc, 13, tdat)

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
