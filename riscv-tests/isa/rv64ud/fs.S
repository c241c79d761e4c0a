# fs: mstatus.FS (Priv. ISA 3.1.6.6) for the D and compressed FP
# instructions: with FS = Off they are illegal (16-bit ones report their
# 16 bits, or 0, in mtval); from Initial or Clean a D register write
# (fld, c.fld, c.fldsp, fmv.d.x, fcvt.d.s) makes FS Dirty and sets SD.
#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_FS 0x6000
#define FS_INITIAL 0x2000
#define FS_CLEAN   0x4000

#define SET_FS(v) li t0, MSTATUS_FS; csrc mstatus, t0; li t0, v; csrs mstatus, t0

#define TEST_FS_OFF_ILLEGAL(testnum, bits)                              \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  li x14, 0x5a5a;                                                       \
  TEST_EXPECT_TRAP_TVAL_LOOSE(2, bits, 1f, 2f);                         \
1:.word bits;                                                           \
  j fail;                                                               \
2:li x6, 0x5a5a;                                                        \
  CHECK_EQ(x14, x6)

#define TEST_FS_OFF_ILLEGAL16(testnum, bits)                            \
test_ ## testnum:                                                       \
  RVTEST_SET_TESTNUM(testnum);                                          \
  TEST_EXPECT_TRAP_TVAL_LOOSE(2, bits, 1f, 2f);                         \
1:.half bits;                                                           \
  .half 0x0001; /* c.nop keeps the next instruction 4-byte aligned */   \
  j fail;                                                               \
2:

#define TEST_FS_AFTER(testnum, fs_before, expect, code...)              \
  TEST_CASE(testnum, x14, expect,                                       \
    SET_FS(fs_before); code;                                            \
    csrr x6, mstatus; srli x14, x6, 13; andi x14, x14, 3;               \
    srli x6, x6, 63; slli x6, x6, 2; or x14, x14, x6)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  la x10, buf
  la sp, buf
  SET_FS(0)
  TEST_FS_OFF_ILLEGAL(2, 0x00053207)  /* fld f4, 0(a0) */
  TEST_FS_OFF_ILLEGAL(3, 0x00453027)  /* fsd f4, 0(a0) */
  TEST_FS_OFF_ILLEGAL(4, 0x02208253)  /* fadd.d f4, f1, f2, rne */
  TEST_FS_OFF_ILLEGAL(5, 0xe2008753)  /* fmv.x.d x14, f1 */
  TEST_FS_OFF_ILLEGAL(6, 0xf2008253)  /* fmv.d.x f4, x1 */
  TEST_FS_OFF_ILLEGAL(7, 0x42008253)  /* fcvt.d.s f4, f1 */
  TEST_FS_OFF_ILLEGAL(8, 0x22208253)  /* fsgnj.d f4, f1, f2 */
  TEST_FS_OFF_ILLEGAL16(9, 0x2100)    /* c.fld f8, 0(a0) */
  TEST_FS_OFF_ILLEGAL16(10, 0xa500)   /* c.fsd f8, 8(a0) */
  TEST_FS_OFF_ILLEGAL16(11, 0x2202)   /* c.fldsp f4, 0(sp) */
  TEST_FS_OFF_ILLEGAL16(12, 0xa412)   /* c.fsdsp f4, 8(sp) */
  TEST_TRAP_COUNT(13, 11)

  TEST_FS_AFTER(14, FS_CLEAN, 7, fld f4, 0(x10))
  TEST_FS_AFTER(15, FS_INITIAL, 7, li x1, 1; fmv.d.x f4, x1)
  TEST_FS_AFTER(16, FS_CLEAN, 7, fmv.w.x f1, x0; fcvt.d.s f4, f1)
  TEST_FS_AFTER(17, FS_CLEAN, 7, .option push; .option rvc; c.fld f8, 0(x10); c.nop; .option pop)
  TEST_FS_AFTER(18, FS_INITIAL, 7, .option push; .option rvc; c.fldsp f4, 0(sp); c.nop; .option pop)
  TEST_TRAP_COUNT(19, 11)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
buf: .dword 0x3ff0000000000000, 0
RVTEST_DATA_END
