# Exception delegation to S-mode (privileged spec v20240411, 3.1.8 "Machine
# Trap Delegation Registers", 4.1.7-4.1.9 sepc, scause, stval): with the
# cause's bit set in medeleg, a trap from U goes to S (stvec) with scause,
# sepc, stval and sstatus.SPP = U written and mcause/mepc untouched; an
# illegal instruction puts its bits in stval. The S handler reports through
# ecall from S (cause 9, not delegated), which reaches M.
# S handler records: a0 scause, a1 sepc, a2 stval, a3 sstatus.
# M handler records mcause in s10, counts in s6 and resumes in M at s11.
#include "riscv_test.h"
#include "test_macros.h"

#define SPP (1 << 8)
#define MPP (3 << 11)
#define ILL 0xfe000033
#define EXPECT(reg, v) li t1, MASK_XLEN(v); CHECK_EQ(reg, t1)

#define ENTER_U(where, resume)                                          \
  la s11, resume;                                                       \
  li t0, MPP; csrc mstatus, t0;                                         \
  la t0, where; csrw mepc, t0;                                          \
  mret

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  la t0, s_handler
  csrw stvec, t0
  li t0, (1 << 2) | (1 << 8)
  csrw medeleg, t0
  li t0, 0x5a5a
  csrw mepc, t0

  # 2: an illegal instruction in U is taken in S
  li TESTNUM, 2
  csrw mcause, zero
  ENTER_U(1f, 2f)
1:.word ILL
  j fail
2:EXPECT(s10, 9)
  EXPECT(a0, 2)
  la t0, 1b
  CHECK_EQ(a1, t0)
  EXPECT(a2, ILL)
  andi a3, a3, SPP
  EXPECT(a3, 0)
  EXPECT(s6, 1)

  # 3: ecall from U (cause 8) is taken in S with stval = 0
  li TESTNUM, 3
  ENTER_U(1f, 2f)
1:ecall
  j fail
2:EXPECT(s10, 9)
  EXPECT(a0, 8)
  la t0, 1b
  CHECK_EQ(a1, t0)
  EXPECT(a2, 0)
  EXPECT(s6, 2)

  # 4: with medeleg cleared the same ecall goes to M (cause 8)
  li TESTNUM, 4
  csrw medeleg, zero
  li a0, 0x77
  ENTER_U(1f, 2f)
1:ecall
  j fail
2:EXPECT(s10, 8)
  EXPECT(a0, 0x77)
  EXPECT(s6, 3)

  TEST_PASSFAIL

  .balign 4
s_handler:
  csrr a0, scause
  csrr a1, sepc
  csrr a2, stval
  csrr a3, sstatus
  ecall
  j fail

  .balign 4
  .globl mtvec_handler
mtvec_handler:
  csrr s10, mcause
  addi s6, s6, 1
  li t5, MPP; csrs mstatus, t5
  csrw mepc, s11
  mret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
