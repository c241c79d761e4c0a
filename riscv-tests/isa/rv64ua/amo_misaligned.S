# Misaligned AMO addresses trap with store/AMO address-misaligned (mcause 6)
# or store/AMO access fault (7), never a load cause; mtval = the address; rd
# and memory are untouched (Unpriv. ISA 8.2, 8.4: "If the address is not
# naturally aligned, an address-misaligned exception or an access-fault
# exception will be generated").  Ordinary loads/stores may be done in
# hardware, atomics never.  LR/SC: lrsc_misaligned.S.
# QEMU 7.2 reports cause 4 (load misaligned) for AMOs, against the spec
# (AMOs are store/AMO operations: riscv/riscv-isa-manual issue 469), so this
# test is expected to fail on QEMU 7.2 at test 2.
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_AMO_MISALIGNED(testnum, inst, off)                         \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  la x1, buf;                                                           \
  li x2, 0x0123456789abcdef;                                            \
  sd x2, 0(x1);                                                         \
  sd x2, 8(x1);                                                         \
  addi x5, x1, off;                                                     \
  li a4, 0x5a5a;                                                        \
  TEST_EXPECT_TRAP2(6, 7, 0, 1f, 2f);                                   \
  mv s3, x5;                                                            \
1:inst a4, x2, (x5);                                                    \
  j fail;                                                               \
2:li x7, 0x5a5a;                                                        \
  CHECK_EQ(a4, x7);                                                     \
  ld x6, 0(x1);                                                         \
  CHECK_EQ(x6, x2);                                                     \
  ld x6, 8(x1);                                                         \
  CHECK_EQ(x6, x2)

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
  TEST_AMO_MISALIGNED(2, amoswap.w, 1)
  TEST_AMO_MISALIGNED(3, amoadd.w, 2)
  TEST_AMO_MISALIGNED(4, amoxor.w, 3)
  TEST_AMO_MISALIGNED(5, amoand.w, 6)
  TEST_AMO_MISALIGNED(6, amoor.w, 7)
  TEST_AMO_MISALIGNED(7, amomin.w, 5)
  TEST_AMO_MISALIGNED(8, amomax.w, 2)
  TEST_AMO_MISALIGNED(9, amominu.w, 1)
  TEST_AMO_MISALIGNED(10, amomaxu.w, 3)
  TEST_AMO_MISALIGNED(11, amoswap.d, 4)
  TEST_AMO_MISALIGNED(12, amoadd.d, 1)
  TEST_AMO_MISALIGNED(13, amoxor.d, 2)
  TEST_AMO_MISALIGNED(14, amoand.d, 3)
  TEST_AMO_MISALIGNED(15, amoor.d, 5)
  TEST_AMO_MISALIGNED(16, amomin.d, 6)
  TEST_AMO_MISALIGNED(17, amomax.d, 7)
  TEST_AMO_MISALIGNED(18, amominu.d, 4)
  TEST_AMO_MISALIGNED(19, amomaxu.d, 2)
  TEST_TRAP_COUNT(20, 18)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 16
buf: .dword 0, 0
RVTEST_DATA_END
