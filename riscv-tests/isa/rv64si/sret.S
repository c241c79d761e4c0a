# SRET (privileged spec v20240411, 3.3.2 "Trap-Return Instructions", 4.1.1
# "Supervisor Status Register"): sret sets the privilege to SPP, SIE = SPIE,
# SPIE = 1, SPP = U.  Where the hart lands is seen through ecall's cause
# (8 from U, 9 from S).  Every trap lands in M (no delegation): the handler
# records mcause (s10), mstatus (s8), counts in s6 and resumes in M at s11.
#include "riscv_test.h"
#include "test_macros.h"

#define SIE (1 << 1)
#define SPIE (1 << 5)
#define SPP (1 << 8)
#define MPP (3 << 11)
#define EXPECT(reg, v) li t1, MASK_XLEN(v); CHECK_EQ(reg, t1)

# mret into S-mode at `where`; traps come back to M at `resume`
#define ENTER_S(where, resume)                                          \
  la s11, resume;                                                       \
  li t0, MPP; csrc mstatus, t0;                                         \
  li t0, 1 << 11; csrs mstatus, t0;                                     \
  la t0, where; csrw mepc, t0;                                          \
  mret

RVTEST_RV64M
RVTEST_CODE_BEGIN

  li s6, 0
  # 2: sret from S with SPP = U, SPIE = 1, SIE = 0 lands in U; at the ecall
  # trap mstatus shows SIE = 1, SPIE = 1, SPP = U
  li TESTNUM, 2
  li t0, SPP | SIE; csrc mstatus, t0
  li t0, SPIE; csrs mstatus, t0
  ENTER_S(1f, 3f)
1:la t0, 2f
  csrw sepc, t0
  sret
  j fail
2:ecall
  j fail
3:EXPECT(s10, 8)
  li t0, SIE | SPIE | SPP; and a4, s8, t0
  EXPECT(a4, SIE | SPIE)

  # 3: sret with SPP = S, SPIE = 0, SIE = 1 stays in S: SIE = 0, SPIE = 1, SPP = U
  li TESTNUM, 3
  li t0, SPIE; csrc mstatus, t0
  li t0, SPP | SIE; csrs mstatus, t0
  ENTER_S(1f, 3f)
1:la t0, 2f
  csrw sepc, t0
  sret
  j fail
2:csrr a5, sstatus
  ecall
  j fail
3:EXPECT(s10, 9)
  li t0, SIE | SPIE | SPP; and a4, a5, t0
  EXPECT(a4, SPIE)

  # 4: sepc bit 0 is always zero; with C (IALIGN = 16) bit 1 is kept (4.1.7)
  li TESTNUM, 4
  li t0, 0x80001003
  csrw sepc, t0
  csrr a4, sepc
  EXPECT(a4, 0x80001002)
  EXPECT(s6, 2)

  TEST_PASSFAIL

  .balign 4
  .globl mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s8, mstatus
  addi s6, s6, 1
  li t5, MPP; csrs mstatus, t5
  csrw mepc, s11
  mret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
