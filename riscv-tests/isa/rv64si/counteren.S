# Counter-enable registers (privileged spec v20240411, 3.1.12 "Machine
# Counter-Enable Register", 4.1.5 "Supervisor Counter-Enable Register"):
# cycle/time/instret are readable in S only if the mcounteren bit is set,
# and in U only if both the mcounteren and the scounteren bits are set;
# otherwise the read is an illegal instruction (mtval = the bits).
# The trap handler records mcause (s10) and mtval (s9), counts in s6 and
# resumes in M at s11.
#include "riscv_test.h"
#include "test_macros.h"

#define MPP (3 << 11)
#define EXPECT(reg, v) li t1, MASK_XLEN(v); CHECK_EQ(reg, t1)
#define RDCYCLE 0xc0002773
#define RDINSTRET 0xc0202773

# run `.word bits` in mode mpp (0 U, 1 S) then ecall; expect cause (2 or 9/8)
#define TRY(testnum, mpp, bits, cause, tval)                            \
test_ ## testnum:                                                       \
  li TESTNUM, testnum;                                                  \
  la s11, 2f;                                                           \
  li t0, MPP; csrc mstatus, t0;                                         \
  li t0, (mpp) << 11; csrs mstatus, t0;                                 \
  la t0, 1f; csrw mepc, t0;                                             \
  mret;                                                                 \
1:.word bits;                                                           \
  ecall;                                                                \
2:EXPECT(s10, cause);                                                   \
  EXPECT(s9, tval)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  csrw mcounteren, zero
  csrw scounteren, zero
  TRY(2, 1, RDCYCLE, 2, RDCYCLE)
  TRY(3, 0, RDCYCLE, 2, RDCYCLE)
  TRY(4, 1, RDINSTRET, 2, RDINSTRET)
  # mcounteren only: S may read, U may not
  csrwi mcounteren, 5
  TRY(5, 1, RDCYCLE, 9, 0)
  TRY(6, 1, RDINSTRET, 9, 0)
  TRY(7, 0, RDCYCLE, 2, RDCYCLE)
  # scounteren only: neither (S needs mcounteren, U needs both)
  csrw mcounteren, zero
  csrwi scounteren, 5
  TRY(8, 1, RDCYCLE, 2, RDCYCLE)
  TRY(9, 0, RDINSTRET, 2, RDINSTRET)
  # both: U may read
  csrwi mcounteren, 5
  TRY(10, 0, RDCYCLE, 8, 0)
  TRY(11, 0, RDINSTRET, 8, 0)
  # per-counter bits: CY enabled, IR not
  csrwi mcounteren, 1
  TRY(12, 0, RDINSTRET, 2, RDINSTRET)
  TEST_CASE(13, s6, 11, )

  TEST_PASSFAIL

  .balign 4
  .globl mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s9, mtval
  addi s6, s6, 1
  li t5, MPP; csrs mstatus, t5
  csrw mepc, s11
  mret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
