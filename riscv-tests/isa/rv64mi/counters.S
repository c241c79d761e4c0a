# Machine counters (privileged spec v20240411, 3.1.11 "Hardware Performance
# Monitor"): mcycle and minstret are writable 64-bit counters that keep
# counting from the value written; the user aliases cycle and instret read
# the same counters (Zicntr). The checks allow for any counting rate (QEMU
# counts host ticks) but require the written value as a floor and a bound
# well below a wrap.
#include "riscv_test.h"
#include "test_macros.h"

#define BOUND (1 << 24)

# a4 = reg read after `csrw csr, val`; require val <= a4 < val + BOUND
#define TEST_COUNTER(testnum, csr, rdcsr, val)                          \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  li t0, MASK_XLEN(val);                                                \
  csrw csr, t0;                                                         \
  csrr a4, rdcsr;                                                       \
  sub a4, a4, t0;                                                       \
  li t1, BOUND;                                                         \
  bgeu a4, t1, fail

RVTEST_RV64M
RVTEST_CODE_BEGIN

  TEST_COUNTER(2, mcycle, mcycle, 0x1000)
  TEST_COUNTER(3, minstret, minstret, 0x2000)
  # the upper half is kept (RV64 counters are 64 bits wide)
  TEST_COUNTER(4, mcycle, mcycle, 0x1234567800000000)
  TEST_COUNTER(5, minstret, minstret, 0x0765432100000000)
  # the user-level aliases read the same counters
  TEST_COUNTER(6, mcycle, cycle, 0x55550000)
  TEST_COUNTER(7, minstret, instret, 0x66660000)

  # 8: instret counts: 100 more instructions retire between two reads
test_8:
  li TESTNUM, 8
  csrw minstret, zero
  csrr a5, minstret
  .rept 100
  nop
  .endr
  csrr a4, minstret
  sub a4, a4, a5
  li t1, 100
  bltu a4, t1, fail

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
