# fs: mstatus.FS (Priv. ISA 3.1.6.6, "Extension Context Status"):
# with FS = Off every F instruction and every access to fcsr, frm and
# fflags raises illegal instruction (mtval = the instruction bits);
# with FS = Initial or Clean an instruction that changes FP state (an f
# register or fflags/frm) sets FS = Dirty, and SD (bit 63) then reads 1.
# sstatus shows the same FS and SD.  The body runs in M-mode so it can
# set FS itself.  QEMU 7.2 fails test 33 (see there).
#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_FS 0x6000
#define FS_INITIAL 0x2000
#define FS_CLEAN   0x4000
#define FS_DIRTY   0x6000

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

/* mstatus.FS and SD after `code`, as (SD << 2) | FS */
#define TEST_FS_AFTER(testnum, fs_before, expect, code...)              \
  TEST_CASE(testnum, x14, expect,                                       \
    SET_FS(fs_before); code;                                            \
    csrr x6, mstatus; srli x14, x6, 13; andi x14, x14, 3;               \
    srli x6, x6, 63; slli x6, x6, 2; or x14, x14, x6)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  la x10, buf
  # some FP state to find again after FS = Off
  SET_FS(FS_INITIAL)
  li x1, 0x40490fdb; fmv.w.x f5, x1
  fsflags x0
  SET_FS(0)

  TEST_FS_OFF_ILLEGAL(2, 0x00052207)  /* flw f4, 0(a0) */
  TEST_FS_OFF_ILLEGAL(3, 0x00452027)  /* fsw f4, 0(a0) */
  TEST_FS_OFF_ILLEGAL(4, 0x00208253)  /* fadd.s f4, f1, f2, rne */
  TEST_FS_OFF_ILLEGAL(5, 0xf0008253)  /* fmv.w.x f4, x1 */
  TEST_FS_OFF_ILLEGAL(6, 0xe0008753)  /* fmv.x.w x14, f1 */
  TEST_FS_OFF_ILLEGAL(7, 0xc0009753)  /* fcvt.w.s x14, f1, rtz */
  TEST_FS_OFF_ILLEGAL(8, 0xa020a753)  /* feq.s x14, f1, f2 */
  TEST_FS_OFF_ILLEGAL(9, 0xe0009753)  /* fclass.s x14, f1 */
  TEST_FS_OFF_ILLEGAL(10, 0x18208243) /* fmadd.s f4, f1, f2, f3, rne */
  TEST_FS_OFF_ILLEGAL(11, 0x00302773) /* csrr x14, fcsr */
  TEST_FS_OFF_ILLEGAL(12, 0x00202773) /* csrr x14, frm */
  TEST_FS_OFF_ILLEGAL(13, 0x00102773) /* csrr x14, fflags */
  TEST_FS_OFF_ILLEGAL(14, 0x00109073) /* csrw fflags, x1 */
  TEST_FS_OFF_ILLEGAL(15, 0x0020d073) /* fsrmi 1 */
  TEST_TRAP_COUNT(16, 14)
  # FS = Off: SD is 0 and the state survives
  TEST_FS_AFTER(17, 0, 0, nop)
  TEST_CASE(18, x14, 0x40490fdb, SET_FS(FS_CLEAN); fmv.x.w x14, f5)
  TEST_CASE(19, x14, 0, frflags x14)

  # writes of FP state make FS Dirty and set SD (0b111 = SD, FS = 3)
  TEST_FS_AFTER(20, FS_INITIAL, 1, nop)
  TEST_FS_AFTER(21, FS_CLEAN, 2, nop)
  TEST_FS_AFTER(22, FS_INITIAL, 7, fmv.w.x f4, x0)
  TEST_FS_AFTER(23, FS_CLEAN, 7, li x1, 0x3f800000; fmv.w.x f1, x1; fadd.s f4, f1, f1)
  TEST_FS_AFTER(24, FS_CLEAN, 7, flw f4, 0(x10))
  TEST_FS_AFTER(25, FS_CLEAN, 7, fsflags x0)
  TEST_FS_AFTER(26, FS_INITIAL, 7, fsrmi 0)
  TEST_FS_AFTER(27, FS_CLEAN, 7, li x1, 0x300; csrs fcsr, x1)
  TEST_FS_AFTER(28, FS_CLEAN, 7, li x1, 1; fcvt.s.w f4, x1)
  # the same through sstatus (FS bits 14:13, SD bit 63)
  TEST_CASE(29, x14, 0x8000000000006000,
    SET_FS(FS_CLEAN); fmv.w.x f4, x0; csrr x6, sstatus; li x7, 0x8000000000006000; and x14, x6, x7)
  TEST_CASE(30, x14, 0x0000000000002000,
    SET_FS(FS_INITIAL); csrr x6, sstatus; li x7, 0x8000000000006000; and x14, x6, x7)
  TEST_TRAP_COUNT(31, 14)

  # An integer-result instruction that raises a flag changes fflags, which
  # is FP state, so FS must become Dirty.  QEMU 7.2 gets this wrong (it
  # marks FS Dirty only for f-register writes and fcsr CSR writes) and
  # exits with status 33 here; the spec wins.  Kept last so that QEMU
  # checks every case before it.
  TEST_CASE(32, x14, 0x7fc00000, li x1, 0x7fc00000; fmv.w.x f1, x1; fmv.x.w x14, f1)
  TEST_FS_AFTER(33, FS_CLEAN, 7, fsflags x0; SET_FS(FS_CLEAN); flt.s x14, f1, f1)
  TEST_CASE(34, x14, 0x10, frflags x14)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
buf: .word 0x3f800000, 0, 0, 0
RVTEST_DATA_END
