# Misaligned LR and SC addresses trap: LR raises load address-misaligned (4)
# or load access fault (5), SC store/AMO address-misaligned (6) or store/AMO
# access fault (7); mtval = the address; rd and memory are untouched
# (Unpriv. ISA 8.2: "If the address is not naturally aligned, an address-misaligned exception or an access-fault
# exception will be generated").  Ordinary loads/stores may be done in
# hardware, atomics never.
# QEMU 7.2 checks the reservation before the alignment and lets a misaligned
# SC to an unreserved address fail quietly, so this test fails there at
# test 25; the alignment rule has no exception for failing SCs.
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_LR_MISALIGNED(testnum, inst, off)                          \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  la x1, buf;                                                           \
  addi x5, x1, off;                                                     \
  li a4, 0x5a5a;                                                        \
  TEST_EXPECT_TRAP2(4, 5, 0, 1f, 2f);                                   \
  mv s3, x5;                                                            \
1:inst a4, (x5);                                                        \
  j fail;                                                               \
2:li x7, 0x5a5a;                                                        \
  CHECK_EQ(a4, x7)

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
  TEST_LR_MISALIGNED(21, lr.w, 2)
  TEST_LR_MISALIGNED(22, lr.d, 4)
  TEST_LR_MISALIGNED(23, lr.d, 1)
  TEST_TRAP_COUNT(24, 3)

  # SC: take a valid reservation first so only the alignment can stop it
test_25:
  li TESTNUM, 25
  la x1, buf
  lr.w x2, (x1)
  addi x5, x1, 2
  TEST_EXPECT_TRAP2(6, 7, 0, 1f, 2f)
  mv s3, x5
1:sc.w a4, x2, (x5)
  j fail
2:la x1, buf
  lr.d x2, (x1)
  addi x5, x1, 4
  TEST_EXPECT_TRAP2(6, 7, 0, 3f, 4f)
  mv s3, x5
3:sc.d a4, x2, (x5)
  j fail
4:TEST_TRAP_COUNT(26, 5)
  TEST_CASE(27, x14, 0x0123456789abcdef, la x1, buf; li x2, 0x0123456789abcdef; sd x2, 0(x1); lr.d x5, (x1); addi x5, x1, 4; TEST_EXPECT_TRAP2(6, 7, 0, 5f, 6f); mv s3, x5; 5: sc.d a4, x0, (x5); j fail; 6: ld x14, 0(x1))

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 16
buf: .dword 0, 0
RVTEST_DATA_END
