# MRET (privileged spec v20240411, 3.3.2 "Trap-Return Instructions",
# 3.1.6.1 "Privilege and Global Interrupt-Enable Stack"): mret sets the
# privilege to MPP, MIE = MPIE, MPIE = 1, MPP = U (the least-privileged
# mode), and clears MPRV when the new mode is not M.
# Where the hart lands is seen through ecall's cause (8 from U, 9 from S).
# Every trap lands in M: the handler records mcause (s10), mstatus (s8) and
# mepc (s7), counts in s6, and resumes in M at s11.
#include "riscv_test.h"
#include "test_macros.h"

#define MIE (1 << 3)
#define MPIE (1 << 7)
#define MPP (3 << 11)
#define MPRV (1 << 17)
#define EXPECT(reg, v) li t1, MASK_XLEN(v); CHECK_EQ(reg, t1)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  # 2: mret to M with MPIE = 0, MIE = 1: MIE = 0, MPIE = 1, MPP = U
  li TESTNUM, 2
  li t0, MPP | MPIE; csrs mstatus, t0
  csrsi mstatus, MIE
  li t0, MPIE; csrc mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:csrr a4, mstatus
  li t0, MIE | MPIE | MPP; and a4, a4, t0
  EXPECT(a4, MPIE)

  # 3: mret to M with MPIE = 1: MIE = 1, MPIE = 1
  li TESTNUM, 3
  li t0, MPP | MPIE; csrs mstatus, t0
  csrci mstatus, MIE
  la t0, 1f; csrw mepc, t0
  mret
1:csrr a4, mstatus
  li t0, MIE | MPIE | MPP; and a4, a4, t0
  EXPECT(a4, MIE | MPIE)
  csrci mstatus, MIE

  # 4: mret to U: ecall from U (8) and, at that trap, MPIE = the MIE that
  # mret set from MPIE = 1, MPP = U; MPRV was cleared
  li TESTNUM, 4
  li t0, MPP; csrc mstatus, t0
  li t0, MPIE | MPRV; csrs mstatus, t0
  la s11, 2f
  la t0, 1f; csrw mepc, t0
  mret
1:ecall
  j fail
2:EXPECT(s10, 8)
  EXPECT(s6, 1)
  li t0, MPIE | MPP | MPRV; and a4, s8, t0
  EXPECT(a4, MPIE)

  # 5: mret to S: ecall from S (9); MPRV cleared, MPIE = 0 came through as MIE = 0
  li TESTNUM, 5
  li t0, MPP | MPIE; csrc mstatus, t0
  li t0, (1 << 11) | MPRV; csrs mstatus, t0
  la s11, 2f
  la t0, 1f; csrw mepc, t0
  mret
1:ecall
  j fail
2:EXPECT(s10, 9)
  EXPECT(s6, 2)
  li t0, MPIE | MPP | MPRV; and a4, s8, t0
  EXPECT(a4, 1 << 11)

  TEST_PASSFAIL

  .balign 4
  .globl mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s8, mstatus
  csrr s7, mepc
  addi s6, s6, 1
  li t5, MPP; csrs mstatus, t5
  csrw mepc, s11
  mret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
