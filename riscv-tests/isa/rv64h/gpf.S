# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# gpf.S: guest-page faults and the permission rules of two-stage
# translation. Sections named by title, privileged spec chapter "Hypervisor
# Extension, Version 1.0" (H): "Two-Stage Address Translation", "Guest
# Physical Address Translation", "Guest-Page Faults", "Machine Trap Value 2
# Register (mtval2)", "Transformed Instruction or Pseudoinstruction for
# mtinst or htinst", "Virtual Supervisor Status Register (vsstatus)".
# htinst/mtinst of explicit loads and stores are not checked here.
#
# An M-mode harness enters VS with MRET (MPV = 1). Every trap reaching M
# records mcause/mtval/mstatus/mtval2/mtinst in s10/s9/s8/s7/s6 and resumes
# at s11 in M-mode. VS code leaves with ecall (cause 10) when nothing faults.
#
# G-stage (Sv39x4, root groot, 16 KiB, 2048 entries):
#   GPA 0x80000000 (1 GiB)      -> host 0x80000000, RWX U   (the test image)
#   GPA 0x10180000000 (root[1030]) -> host 0x80000000, RWX U
#   GPA 0x100000000 + i * 4 KiB -> host page_a with flags, i =
#     0: RWX U   1: R U   2: RWX, U = 0   3: X U   4: W U (reserved, no R)
#     5: invalid (the GPA of a VS-stage table, see below)
# VS-stage (Sv39, root vsroot, used from test 17 on), VA -> GPA:
#   0x80000000 (1 GiB) -> 0x80000000, RWX      (the test image)
#   0x100000000: a pointer to a table at GPA 0x100005000 (G-stage invalid)
#   0x140000000 -> 0x80000000, R   0x180000000 -> 0x80000000, X only
#   0x1c0000000 -> 0x80000000, RW U
#
# HS-level MXR versus vsstatus.MXR: H "Machine Status Registers (mstatus and
# mstatush)", table of effective accesses: "The HS-level MXR bit makes any
# executable page readable. vsstatus.MXR makes readable those pages marked
# executable at the VS translation stage, but only if readable at the
# guest-physical translation stage."
#
# QEMU 7.2 (-M spike -cpu rv64,h=true) disagrees with the spec at (each found
# with the earlier ones removed): 12/13 it applies vsstatus.MXR instead of
# mstatus.MXR to the G-stage; 16 a load from GPA 0x10180000000 (root[1030],
# a 41-bit GPA) faults; 17 it keeps hgatp.PPN[1:0] and walks from the wrong
# root; 19 a store whose VS-stage PTE read faults in the G-stage is reported
# as a load guest-page fault (21) instead of the original access type (23,
# as Spike does); 24 mstatus.MXR does not make a VS-stage execute-only page
# readable. It passes the rest. The spec wins in each case.
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_MPV_BIT 39
#define MSTATUS_GVA_BIT 38
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)
#define HSTATUS_GVA (1 << 6)
#define HSTATUS_SPV (1 << 7)
#define MAGIC 0x1122334455667788

# Enter VS (V=1, MPP=S) at `where`; traps to M resume at `resume` in M.
#define ENTER_VS(where, resume) \
  la s11, resume; li s10, -1; li s7, -1; li s6, -1; \
  li t0, 3 << 11; csrc mstatus, t0; \
  li t0, 1 << 11; csrs mstatus, t0; \
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0; \
  la t0, where; csrw mepc, t0; \
  mret

# The last trap reached M with `cause`, mtval = gva, mtval2 = gpa >> 2,
# mstatus.GVA = 1.
#define EXPECT_GPF(cause, gva, gpa) \
  li t0, cause; bne s10, t0, fail; \
  bne s9, gva, fail; \
  srli t0, gpa, 2; bne s7, t0, fail; \
  srli t0, s8, MSTATUS_GVA_BIT; andi t0, t0, 1; beqz t0, fail

# The VS code ran to its ecall and loaded `reg` = MAGIC.
#define EXPECT_LOADED(reg) \
  li t0, 10; bne s10, t0, fail; \
  li t0, MAGIC; bne reg, t0, fail

# One VS access that must fault with a guest-page fault (cause) at a0, with
# GPA a1 (a1 = a0 when vsatp is Bare).
#define GPF_CASE(n, cause, ...) \
  li TESTNUM, n; \
  ENTER_VS(1f, 2f); \
1:__VA_ARGS__; \
  j fail; \
2:EXPECT_GPF(cause, a0, a1)

# One VS load from a0 that must succeed and read MAGIC.
#define LOAD_CASE(n) \
  li TESTNUM, n; \
  li a2, 0; \
  ENTER_VS(1f, 2f); \
1:ld a2, 0(a0); \
  ecall; \
2:EXPECT_LOADED(a2)

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ---- the G-stage tables
  la t1, groot
  li t0, ((0x80000000 >> 12) << 10) | 0xdf      # V R W X U A D
  sd t0, 16(t1)                                 # root[2]
  li t2, 1030 * 8
  add t2, t2, t1
  sd t0, 0(t2)                                  # root[1030]
  la t2, gtab1
  srli t2, t2, 12
  slli t2, t2, 10
  ori t2, t2, 1
  sd t2, 32(t1)                                 # root[4] -> gtab1
  la t1, gtab1
  la t2, gtab0
  srli t2, t2, 12
  slli t2, t2, 10
  ori t2, t2, 1
  sd t2, 0(t1)                                  # gtab1[0] -> gtab0
  la t1, gtab0
  la t2, page_a
  srli t2, t2, 12
  slli t2, t2, 10
  ori t0, t2, 0xdf; sd t0, 0(t1)                # 0: RWX U
  ori t0, t2, 0xd3; sd t0, 8(t1)                # 1: R U
  ori t0, t2, 0xcf; sd t0, 16(t1)               # 2: RWX, no U
  ori t0, t2, 0xd9; sd t0, 24(t1)               # 3: X U
  ori t0, t2, 0xd5; sd t0, 32(t1)               # 4: W U, no R
  la t1, groot
  srli t1, t1, 12
  li t0, 8 << 60
  or s5, t1, t0                                 # s5 = hgatp (Sv39x4)
  csrw hgatp, s5
  hfence.gvma
  csrw vsatp, zero

  # ---- the VS-stage table (its GPA is its host address)
  la t1, vsroot
  li t0, ((0x80000000 >> 12) << 10) | 0xcf      # V R W X A D
  sd t0, 16(t1)                                 # [2]
  li t0, ((0x100005000 >> 12) << 10) | 0x1      # pointer
  sd t0, 32(t1)                                 # [4]
  li t0, ((0x80000000 >> 12) << 10) | 0x43      # V R A
  sd t0, 40(t1)                                 # [5]
  li t0, ((0x80000000 >> 12) << 10) | 0x49      # V X A
  sd t0, 48(t1)                                 # [6]
  li t0, ((0x80000000 >> 12) << 10) | 0xd7      # V R W U A D
  sd t0, 56(t1)                                 # [7]

  # 2: "Guest-Page Faults": an instruction fetch from a GPA with no G-stage
  # mapping is an instruction guest-page fault (20); mtval = the guest
  # virtual address, mtval2 = GPA >> 2, GVA = 1
  li a0, 0xc0000000
  mv a1, a0
  GPF_CASE(2, 20, jr a0)

  # 3: "Guest Physical Address Translation": every G-stage access is checked
  # as a U-mode access: a leaf without U faults (load: 21)
  li a0, 0x100002010
  mv a1, a0
  GPF_CASE(3, 21, ld a2, 0(a0))

  # 4: a store to a G-stage page without W is a store/AMO guest-page fault
  li a0, 0x100001010
  mv a1, a0
  GPF_CASE(4, 23, sd zero, 0(a0))
  # 5: ... the same page is readable
  LOAD_CASE(5)
  # 6: an AMO is a store access: 23, not 21
  GPF_CASE(6, 23, amoadd.d a2, zero, (a0))
  # 7: so is SC (after an LR from the same, readable, address)
  GPF_CASE(7, 23, lr.d a2, (a0); sc.d a3, zero, (a0))

  # 8-9: W without R is a reserved encoding: any access faults
  li a0, 0x100004010
  mv a1, a0
  GPF_CASE(8, 23, sd zero, 0(a0))
  GPF_CASE(9, 21, ld a2, 0(a0))
  # 10: a read-write page takes the store (the RWX U page; sanity)
  li TESTNUM, 10
  li a0, 0x100000018
  ENTER_VS(1f, 2f)
1:sd a0, 0(a0)
  ecall
2:li t0, 10
  bne s10, t0, fail
  la t0, page_a
  ld t1, 0x18(t0)
  bne t1, a0, fail

  # 11: "Two-Stage Address Translation": an execute-only G-stage page is not
  # readable while both MXR bits are clear
  li a0, 0x100003010
  mv a1, a0
  GPF_CASE(11, 21, ld a2, 0(a0))
  # 12: vsstatus.MXR applies to the VS-stage only: still a fault
  li t0, MSTATUS_MXR
  csrw vsstatus, t0
  GPF_CASE(12, 21, ld a2, 0(a0))
  csrw vsstatus, zero
  # 13: the HS-level MXR (mstatus.MXR) applies to the G-stage too
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  LOAD_CASE(13)
  li t0, MSTATUS_MXR
  csrc mstatus, t0

  # 14: "Guest Physical Address Translation": Sv39x4 GPAs are 41 bits; a GPA
  # with bit 41 set is a guest-page fault (vsatp = Bare: GVA = GPA)
  la t1, value
  li t0, 0x20000000000
  add a0, t1, t0
  mv a1, a0
  GPF_CASE(14, 21, ld a2, 0(a0))
  # 15: no sign extension of GPAs: 0xffffffff80000000 + offset faults;
  # mtval2 is GPA >> 2 or zero (either is allowed for htval/mtval2)
  li TESTNUM, 15
  li t0, 0xffffffff00000000
  add a0, t1, t0
  ENTER_VS(1f, 2f)
1:ld a2, 0(a0)
  j fail
2:li t0, 21
  bne s10, t0, fail
  bne s9, a0, fail
  beqz s7, 3f
  srli t0, a0, 2
  bne s7, t0, fail
3:
  # 16: the Sv39x4 root has 2048 entries (GPA bits 40:30): root[1030] maps
  # GPA 0x10180000000
  li t0, 0x10100000000
  add a0, t1, t0
  LOAD_CASE(16)

  # 17: "Hypervisor Guest Address Translation and Protection Register
  # (hgatp)": the x4 root is 16 KiB aligned, PPN bits 1:0 are zero, so
  # hgatp = root PPN | 3 walks the same table
  ori t0, s5, 3
  csrw hgatp, t0
  hfence.gvma
  la a0, value
  LOAD_CASE(17)
  csrw hgatp, s5
  hfence.gvma

  # ---- VS-stage Sv39 from here on
  la t1, vsroot
  srli t1, t1, 12
  li t0, 8 << 60
  or t1, t1, t0
  csrw vsatp, t1

  # 18: "Guest-Page Faults" / "Machine Trap Value 2 Register (mtval2)": a
  # G-stage fault on the implicit read of a VS-stage PTE is a guest-page
  # fault of the original access type (load: 21), mtval = the GVA, mtval2 =
  # the PTE's GPA >> 2, mtinst = 0x3000 (the RV64 implicit-load
  # pseudoinstruction, "Transformed Instruction or Pseudoinstruction ...")
  li a0, 0x100000000 + (3 << 21) + 0x10
  li a1, 0x100005000 + 3 * 8
  GPF_CASE(18, 21, ld a2, 0(a0))
  li t0, 0x3000
  bne s6, t0, fail
  # 19: the same walk for a store: 23, same mtval2 and mtinst
  GPF_CASE(19, 23, sd zero, 0(a0))
  li t0, 0x3000
  bne s6, t0, fail

  # 20: a VS-stage page fault for an AMO is a store/AMO page fault (15);
  # mtval = GVA, GVA = 1, mtval2 = 0 (not a guest-page fault)
  la t1, value
  li t0, 0x140000000 - 0x80000000
  add a0, t1, t0
  li TESTNUM, 20
  ENTER_VS(1f, 2f)
1:amoor.d a2, zero, (a0)
  j fail
2:li t0, 15
  bne s10, t0, fail
  bne s9, a0, fail
  bnez s7, fail
  srli t0, s8, MSTATUS_GVA_BIT
  andi t0, t0, 1
  beqz t0, fail
  # 21: likewise SC after an LR of the (readable) address: 15
  li TESTNUM, 21
  ENTER_VS(1f, 2f)
1:lr.d a2, (a0)
  sc.d a3, zero, (a0)
  j fail
2:li t0, 15
  bne s10, t0, fail
  bne s9, a0, fail
  li t0, MAGIC
  bne a2, t0, fail

  # 22: "Virtual Supervisor Status Register (vsstatus)": an execute-only
  # VS-stage page is not readable with both MXR bits clear (13)
  li t0, 0x180000000 - 0x80000000
  add a0, t1, t0
  li TESTNUM, 22
  ENTER_VS(1f, 2f)
1:ld a2, 0(a0)
  j fail
2:li t0, 13
  bne s10, t0, fail
  bne s9, a0, fail
  # 23: vsstatus.MXR makes it readable
  li t0, MSTATUS_MXR
  csrw vsstatus, t0
  LOAD_CASE(23)
  csrw vsstatus, zero
  # 24: so does the HS-level MXR ("Two-Stage Address Translation": it
  # applies to both stages)
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  LOAD_CASE(24)
  li t0, MSTATUS_MXR
  csrc mstatus, t0

  # 25: vsstatus.SUM = 0: VS-mode may not load from a U page (13), whatever
  # mstatus.SUM says
  li t0, 0x1c0000000 - 0x80000000
  add a0, t1, t0
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  li TESTNUM, 25
  ENTER_VS(1f, 2f)
1:ld a2, 0(a0)
  j fail
2:li t0, 13
  bne s10, t0, fail
  bne s9, a0, fail
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  # 26: vsstatus.SUM = 1 allows it
  li t0, MSTATUS_SUM
  csrw vsstatus, t0
  LOAD_CASE(26)
  csrw vsstatus, zero

  # 27: "Guest-Page Faults" taken in HS (medeleg bit 21, hedeleg clear):
  # scause 21, stval = GVA, htval = PTE GPA >> 2, htinst = 0x3000,
  # hstatus.GVA = 1 and SPV = 1
  li t0, 1 << 21
  csrw medeleg, t0
  csrw hedeleg, zero
  la t0, hs_handler
  csrw stvec, t0
  li a0, 0x100000000 + (3 << 21) + 0x10
  li a1, 0x100005000 + 3 * 8
  li a5, -1
  li TESTNUM, 27
  ENTER_VS(1f, 2f)
1:ld a2, 0(a0)
  j fail
2:li t0, 9                   # the HS handler's ecall
  bne s10, t0, fail
  li t0, 21
  bne a5, t0, fail
  bne a6, a0, fail
  srli t0, a1, 2
  bne a7, t0, fail
  li t0, 0x3000
  bne s2, t0, fail
  andi t0, s3, HSTATUS_GVA | HSTATUS_SPV
  li t1, HSTATUS_GVA | HSTATUS_SPV
  bne t0, t1, fail
  csrw medeleg, zero

  csrw vsatp, zero
  csrw hgatp, zero
  RVTEST_PASS

  TEST_PASSFAIL

  .balign 4
  .global mtvec_handler
mtvec_handler:
  csrr s10, mcause
  csrr s9, mtval
  csrr s8, mstatus
  csrr s7, mtval2
  csrr s6, mtinst
  mv t5, s11
  la s11, fail               # a second trap without a new s11 fails
  jr t5

  # HS-mode handler: record scause/stval/htval/htinst/hstatus, then ecall
  .balign 4
hs_handler:
  csrr a5, scause
  csrr a6, stval
  csrr a7, htval
  csrr s2, htinst
  csrr s3, hstatus
  ecall
  j fail

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

  .balign 8
value: .dword MAGIC

  .balign 4096
page_a:
  .dword 0, 0, MAGIC, 0
  .balign 4096
vsroot: .fill 512, 8, 0
gtab1: .fill 512, 8, 0
gtab0: .fill 512, 8, 0
  .balign 16384
groot: .fill 2048, 8, 0

RVTEST_DATA_END
