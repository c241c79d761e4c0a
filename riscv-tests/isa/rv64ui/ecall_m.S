# ecall from M-mode: mcause 11, mepc = the ecall, mtval = 0; execution
# resumes where the handler says (Priv. ISA 3.1.15, 3.1.16, 3.3.1)
#include "riscv_test.h"
#include "test_macros.h"

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
test_2:
  li TESTNUM, 2
  TEST_EXPECT_TRAP(11, 0, 1f, 2f)
  li a0, 0x55
1:ecall
  j fail
2:TEST_TRAP_COUNT(3, 1)
  # registers other than the handler's survive the trap
  TEST_CASE(4, a0, 0x55, )

  # a second ecall, resuming at the next instruction
test_5:
  li TESTNUM, 5
  TEST_EXPECT_TRAP(11, 0, 1f, 2f)
1:ecall
2:TEST_TRAP_COUNT(6, 2)

  # mstatus after the mret back: MPP = M is restored as the mode (we can
  # still read an M-mode CSR) and MPIE/MIE are consistent (MIE stays 0)
  TEST_CASE(7, x14, 0, csrr x14, mstatus; andi x14, x14, 0x8)
  TEST_CASE(8, x14, 0, csrr x14, mscratch)

  TEST_PASSFAIL
  TEST_TRAP_HANDLER

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
