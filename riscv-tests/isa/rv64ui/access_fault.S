# Loads and stores to addresses where nothing is mapped raise access
# faults: mcause 5 (load) / 7 (store/AMO), mtval = the address, mepc = the
# instruction, rd unchanged (Priv. ISA 3.1.15, 3.1.16).  Run from U-mode
# with PMP open, so the fault comes from the missing device, not from PMP.
# AMO and LR/SC faults are in rv64ua/amo_access_fault.S.
#include "riscv_test.h"
#include "test_macros.h"

#define HOLE0 0x0
#define HOLE1 0x70000000
#define HOLE2 0x70000ffe

/* load into a4 from addr must fault and leave a4 alone */
#define TEST_LOAD_FAULT(testnum, inst, addr)                            \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  li x1, addr;                                                          \
  li a4, 0x5a5a;                                                        \
  TEST_EXPECT_TRAP(5, addr, 1f, 2f);                                    \
1:inst a4, 0(x1);                                                       \
  j fail;                                                               \
2:li x7, 0x5a5a;                                                        \
  CHECK_EQ(a4, x7)

#define TEST_STORE_FAULT(testnum, inst, addr)                           \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  li x1, addr;                                                          \
  li a4, 0x5a5a;                                                        \
  TEST_EXPECT_TRAP(7, addr, 1f, 2f);                                    \
1:inst a4, 0(x1);                                                       \
  j fail;                                                               \
2:

RVTEST_RV64U
RVTEST_CODE_BEGIN

  li s6, 0
  TEST_LOAD_FAULT(2, lb, HOLE0)
  TEST_LOAD_FAULT(3, lbu, HOLE0)
  TEST_LOAD_FAULT(4, lh, HOLE0)
  TEST_LOAD_FAULT(5, lhu, HOLE1)
  TEST_LOAD_FAULT(6, lw, HOLE1)
  TEST_LOAD_FAULT(7, lwu, HOLE1)
  TEST_LOAD_FAULT(8, ld, HOLE0)
  TEST_LOAD_FAULT(9, ld, HOLE1)
  TEST_LOAD_FAULT(10, lh, HOLE2)
  TEST_TRAP_COUNT(11, 9)
  TEST_STORE_FAULT(12, sb, HOLE0)
  TEST_STORE_FAULT(13, sh, HOLE0)
  TEST_STORE_FAULT(14, sw, HOLE1)
  TEST_STORE_FAULT(15, sd, HOLE0)
  TEST_STORE_FAULT(16, sd, HOLE1)
  TEST_STORE_FAULT(17, sh, HOLE2)
  TEST_TRAP_COUNT(18, 15)

  # the offset is part of the faulting address
test_19:
  li TESTNUM, 19
  li x1, HOLE1 + 0x800
  TEST_EXPECT_TRAP(5, HOLE1 + 0x7f8, 1f, 2f)
1:ld a4, -8(x1)
  j fail
2:TEST_TRAP_COUNT(20, 16)

  # memory that exists still works after the faults
  TEST_CASE(22, a4, 0x1234, la x1, word; li a4, 0x1234; sd a4, 0(x1); li a4, 0; ld a4, 0(x1))

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
  .balign 8
word: .dword 0
RVTEST_DATA_END
