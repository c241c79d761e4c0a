# Illegal CSR accesses in M-mode (privileged spec v20240411, 2.1 "CSR Address
# Mapping Conventions", 2.2 "CSR Listing"; mtval per 3.1.16): writing a
# read-only CSR (address bits 11:10 = 3, e.g. mvendorid, mhartid) raises an
# illegal-instruction exception with mtval = the instruction bits, as does
# any access to an unimplemented CSR number. A read-only CSR may still be
# read, including by csrrs/csrrc with rs1 = x0 and csrrsi/csrrci with
# uimm = 0, which do not write (Zicsr, 7.1).
#include "riscv_test.h"
#include "test_macros.h"

#define TEST_ILLEGAL(testnum, bits)                                     \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  li a4, 0x77;                                                          \
  TEST_EXPECT_TRAP(2, bits, 1f, 2f);                                    \
1:.word bits;                                                           \
  j fail;                                                               \
2:li t0, 0x77;                                                          \
  CHECK_EQ(a4, t0)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  # csrw mvendorid, a4 (csrrw x0, 0xf11, a4)
  TEST_ILLEGAL(2, 0xf1171073)
  # csrrs a4, mhartid, a4 (rs1 != x0: a write even if a4 were 0)
  TEST_ILLEGAL(3, 0xf1472773)
  # csrrwi a4, mimpid, 0 (csrrwi always writes)
  TEST_ILLEGAL(4, 0xf1305773)
  # csrr a4, 0x0ff (unallocated standard read/write number)
  TEST_ILLEGAL(5, 0x0ff02773)
  # csrw 0x3ff, a4 (unallocated machine-level number)
  TEST_ILLEGAL(6, 0x3ff71073)
  TEST_TRAP_COUNT(7, 5)

  # reads of read-only CSRs are fine
  TEST_CASE(8, a4, 0, csrr a4, mhartid)
  TEST_CASE(9, a4, 0, li a4, 5; csrrs a4, mhartid, x0)
  TEST_CASE(10, a4, 0, li a4, 5; csrrci a4, mhartid, 0)
  TEST_TRAP_COUNT(11, 5)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
