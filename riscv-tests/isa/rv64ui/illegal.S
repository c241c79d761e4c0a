# Illegal-instruction exceptions: mcause 2, mepc = the instruction, mtval =
# the instruction bits (Priv. ISA 3.1.16: "the faulting instruction").
# Cases: encodings the spec defines as illegal (all-zero), reserved major
# encodings no ratified extension uses, and privilege violations from
# U-mode (Priv. ISA 2.1: CSR access above the current privilege, 3.3.2:
# xRET from a lower privilege).
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_ILLEGAL(testnum, bits)                                     \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  TEST_EXPECT_TRAP(2, bits, 1f, 2f);                                    \
1:.word bits;                                                           \
  j fail;                                                               \
2:

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
  # the all-zero word (its low half is the defined-illegal 16-bit 0x0000,
  # so mtval may be the 16-bit parcel: accept 0 either way)
  TEST_ILLEGAL(2, 0x00000000)
  # all ones: the >=192-bit encoding space, reserved
  TEST_ILLEGAL(3, 0xffffffff)
  # LOAD with funct3 = 7 (reserved for RV128 LDU)
  TEST_ILLEGAL(4, 0x00007003)
  # STORE with funct3 = 4..7
  TEST_ILLEGAL(5, 0x00004023)
  # BRANCH with funct3 = 2 and 3
  TEST_ILLEGAL(6, 0x00002063)
  TEST_ILLEGAL(7, 0x00003063)
  # OP with funct7 = 0x7f (unused by base, M and the bit-manipulation sets)
  TEST_ILLEGAL(8, 0xfe000033)
  # JALR with funct3 != 0
  TEST_ILLEGAL(9, 0x00001067)
  # OP-32 with funct3 = 2 (addw/subw space only uses 0, 1, 5)
  TEST_ILLEGAL(10, 0x0000203b)
  TEST_TRAP_COUNT(11, 9)

  # M-mode and S-mode CSRs from U-mode: csrr a4, mstatus / sstatus
  TEST_ILLEGAL(12, 0x30002773)
  TEST_ILLEGAL(13, 0x10002773)
  # mret / sret from U-mode
  TEST_ILLEGAL(14, 0x30200073)
  TEST_ILLEGAL(15, 0x10200073)
  # write to a read-only CSR (cycle, 0xc00) even where reads are allowed
  TEST_ILLEGAL(16, 0xc0071073)
  TEST_TRAP_COUNT(17, 14)

  # the destination register of an illegal instruction is not written
  TEST_CASE(18, a4, 0x77, li a4, 0x77; TEST_EXPECT_TRAP(2, 0x30002773, 1f, 2f); 1: .word 0x30002773; 2: )

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
