# See riscv-tests/env/p/riscv_test.h for the environment.
#*****************************************************************************
# hlv.S: HLV, HLVX and HSV, and M-mode accesses with MPRV = 1 and MPV = 1.
# Sections named by title, privileged spec chapter "Hypervisor Extension,
# Version 1.0" (H): "Hypervisor Virtual-Machine Load and Store
# Instructions", "Hypervisor Status Register (hstatus)" (SPVP, HU),
# "Machine Status Registers (mstatus and mstatush)" (MPV with MPRV).
#
# Both stages translate, neither as the identity:
# G-stage (Sv39x4, groot):  GPA 0x80000000 -> 0x80000000 RWX U
#   GPA 0x100000000 -> host 0x80000000 RW U   GPA 0x140000000 -> host X U
#   GPA 0xc0000000: invalid
# VS-stage (Sv39, vsroot), VA -> GPA:
#   0x40000000  -> 0x100000000 RW        0xc0000000  -> 0x80000000 X only
#   0x180000000 -> 0x140000000 RX        0x1c0000000 -> 0x80000000 RW U
#   0x200000000 -> 0x100000000 RX        0x240000000 -> 0xc0000000 RW
# s1 = hdata - 0x80000000, the offset of the test data in each gigapage.
# Every trap reaching M records mcause/mtval/mstatus/mtval2 in s10/s9/s8/s7
# and resumes at s11 in M-mode.
#
# QEMU 7.2 (-M spike -cpu rv64,h=true) disagrees with the spec at (each found
# with the earlier ones removed): 13/15 HLV ignores the VS-stage U bit
# against hstatus.SPVP (and vsstatus.SUM); 17/20 HLVX of an executable page
# raises an access fault (1) instead of reading it; 23 HLV in U-mode with
# hstatus.HU = 1 is illegal; 26 an MPRV access as VU to a non-U page is an
# access fault (5) instead of a load page fault (13); 27 an MPRV/MPV access
# whose G-stage translation fails is a page fault (13) instead of a load
# guest-page fault (21). The spec wins in each case.
#-----------------------------------------------------------------------------

#include "riscv_test.h"
#include "test_macros.h"

#define MSTATUS_MPV_BIT 39
#define MSTATUS_GVA_BIT 38
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define HSTATUS_SPVP (1 << 8)
#define HSTATUS_HU (1 << 9)
#define DATA 0x8182838485868788

# fail unless reg == value
#define EXPECT(reg, value) li t0, value; bne reg, t0, fail

# In M-mode, the instruction(s) at label 1 must trap with `cause`, mtval =
# a0 (the guest virtual address) and mstatus.GVA = 1.
#define M_FAULT(n, cause, ...) \
  li TESTNUM, n; \
  la s11, 2f; li s10, -1; \
1:__VA_ARGS__; \
  j fail; \
2:EXPECT(s10, cause); \
  bne s9, a0, fail; \
  srli t0, s8, MSTATUS_GVA_BIT; andi t0, t0, 1; beqz t0, fail

RVTEST_RV64M
RVTEST_CODE_BEGIN

  # ---- G-stage
  la t1, groot
  li t0, ((0x80000000 >> 12) << 10) | 0xdf      # V R W X U A D
  sd t0, 16(t1)
  li t0, ((0x80000000 >> 12) << 10) | 0xd7      # V R W U A D
  sd t0, 32(t1)
  li t0, ((0x80000000 >> 12) << 10) | 0xd9      # V X U A D
  sd t0, 40(t1)
  srli t1, t1, 12
  li t0, 8 << 60
  or t1, t1, t0
  csrw hgatp, t1
  hfence.gvma
  # ---- VS-stage
  la t1, vsroot
  li t0, ((0x100000000 >> 12) << 10) | 0xc7     # V R W A D
  sd t0, 8(t1)
  li t0, ((0x80000000 >> 12) << 10) | 0x49      # V X A
  sd t0, 24(t1)
  li t0, ((0x140000000 >> 12) << 10) | 0x4b     # V R X A
  sd t0, 48(t1)
  li t0, ((0x80000000 >> 12) << 10) | 0xd7      # V R W U A D
  sd t0, 56(t1)
  li t0, ((0x100000000 >> 12) << 10) | 0x4b     # V R X A
  sd t0, 64(t1)
  li t0, ((0xc0000000 >> 12) << 10) | 0xc7      # V R W A D
  sd t0, 72(t1)
  srli t1, t1, 12
  li t0, 8 << 60
  or t1, t1, t0
  csrw vsatp, t1
  hfence.vvma
  csrw vsstatus, zero
  la t0, hdata
  li t1, 0x80000000
  sub s1, t0, t1

  # 2-8: "Hypervisor Virtual-Machine Load and Store Instructions": HLV.B/BU/
  # H/HU/W/WU/D from M read through both stages (VA 0x40000000 + s1 ->
  # GPA 0x100000000 + s1 -> host hdata) with the sign or zero extension of
  # LB/LBU/LH/LHU/LW/LWU/LD; hstatus.SPVP = 1: as VS-mode
  li t0, HSTATUS_SPVP
  csrs hstatus, t0
  li a0, 0x40000000
  add a0, a0, s1
  li TESTNUM, 2
  hlv.b a1, (a0);  EXPECT(a1, 0xffffffffffffff88)
  li TESTNUM, 3
  hlv.bu a1, (a0); EXPECT(a1, 0x88)
  li TESTNUM, 4
  hlv.h a1, (a0);  EXPECT(a1, 0xffffffffffff8788)
  li TESTNUM, 5
  hlv.hu a1, (a0); EXPECT(a1, 0x8788)
  li TESTNUM, 6
  hlv.w a1, (a0);  EXPECT(a1, 0xffffffff85868788)
  li TESTNUM, 7
  hlv.wu a1, (a0); EXPECT(a1, 0x85868788)
  li TESTNUM, 8
  hlv.d a1, (a0);  EXPECT(a1, DATA)

  # 9-12: HSV.B/H/W/D store through both stages (checked in host memory)
  la a2, hdata
  li TESTNUM, 9
  li a1, 0x1122334455667788
  addi a3, a0, 8
  hsv.b a1, (a3);   ld t1, 8(a2);  EXPECT(t1, 0x88)
  li TESTNUM, 10
  addi a3, a0, 16
  hsv.h a1, (a3);   ld t1, 16(a2); EXPECT(t1, 0x7788)
  li TESTNUM, 11
  addi a3, a0, 24
  hsv.w a1, (a3);   ld t1, 24(a2); EXPECT(t1, 0x55667788)
  li TESTNUM, 12
  addi a3, a0, 32
  hsv.d a1, (a3);   ld t1, 32(a2); EXPECT(t1, 0x1122334455667788)
  sd zero, 8(a2)
  li t0, DATA
  sd t0, 0(a2)

  # 13: hstatus.SPVP = 0: the access is made as VU; the VS page without U
  # faults (load page fault 13), mtval = GVA, GVA = 1
  li t0, HSTATUS_SPVP
  csrc hstatus, t0
  M_FAULT(13, 13, hlv.d a1, (a0))
  # 14: ... and the U page (VA 0x1c0000000) is readable as VU
  li TESTNUM, 14
  li a0, 0x1c0000000
  add a0, a0, s1
  hlv.d a1, (a0); EXPECT(a1, DATA)
  # 15: SPVP = 1 on that U page: a fault unless vsstatus.SUM
  li t0, HSTATUS_SPVP
  csrs hstatus, t0
  M_FAULT(15, 13, hlv.d a1, (a0))
  li TESTNUM, 16
  li t0, MSTATUS_SUM
  csrw vsstatus, t0
  hlv.d a1, (a0); EXPECT(a1, DATA)
  csrw vsstatus, zero

  # 17: HLVX needs execute permission instead of read: the VS-stage
  # execute-only page (VA 0xc0000000) reads with HLVX.WU and HLVX.HU
  li TESTNUM, 17
  li a0, 0xc0000000
  add a0, a0, s1
  hlvx.wu a1, (a0); EXPECT(a1, 0x85868788)
  hlvx.hu a1, (a0); EXPECT(a1, 0x8788)
  # 18: ... a plain HLV of it faults (13)
  M_FAULT(18, 13, hlv.w a1, (a0))
  # 19: HLVX of the readable, not executable VA 0x40000000 is a load page
  # fault (13, not 12)
  li a0, 0x40000000
  add a0, a0, s1
  M_FAULT(19, 13, hlvx.hu a1, (a0))
  # 20: HLVX through a G-stage execute-only page (VA 0x180000000 -> GPA
  # 0x140000000) reads; a plain HLV of it is a load guest-page fault (21)
  li TESTNUM, 20
  li a0, 0x180000000
  add a0, a0, s1
  hlvx.wu a1, (a0); EXPECT(a1, 0x85868788)
  M_FAULT(21, 21, hlv.w a1, (a0))
  srli t0, a0, 2
  li t1, 0x140000000 - 0x180000000
  srai t1, t1, 2
  add t0, t0, t1             # (GPA) >> 2
  bne s7, t0, fail
  # 22: HLVX through a G-stage page without X (VA 0x200000000 -> GPA
  # 0x100000000, RW): load guest-page fault (21, not 20)
  li a0, 0x200000000
  add a0, a0, s1
  M_FAULT(22, 21, hlvx.wu a1, (a0))

  # 23: "Hypervisor Status Register (hstatus)": with hstatus.HU = 1, HLV
  # runs in U-mode (V = 0)
  li t0, HSTATUS_HU
  csrs hstatus, t0
  li a0, 0x40000000
  add a0, a0, s1
  li TESTNUM, 23
  li a1, 0
  la s11, 2f; li s10, -1
  li t0, 3 << 11; csrc mstatus, t0        # MPP = U
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrc mstatus, t0
  la t0, 1f; csrw mepc, t0
  mret
1:hlv.d a1, (a0)
  ecall
2:EXPECT(s10, 8)
  EXPECT(a1, DATA)
  li t0, HSTATUS_HU
  csrc hstatus, t0

  # 24: "Machine Status Registers (mstatus and mstatush)": M-mode loads
  # with MPRV = 1, MPP = S, MPV = 1 are VS-level accesses through both stages
  li TESTNUM, 24
  li t0, 3 << 11; csrc mstatus, t0
  li t0, 1 << 11; csrs mstatus, t0
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  ld a1, 0(a0)
  li a3, 0x55
  sb a3, 8(a0)
  csrc mstatus, t0
  EXPECT(a1, DATA)
  la a2, hdata
  lbu t1, 8(a2)
  EXPECT(t1, 0x55)
  # 25: MPP = U with MPV = 1: a VU-level access (the U page reads; the
  # non-U page faults, 13, with GVA = 1)
  li t0, 3 << 11; csrc mstatus, t0
  li a0, 0x1c0000000
  add a0, a0, s1
  li TESTNUM, 25
  li t0, MSTATUS_MPRV
  csrs mstatus, t0
  ld a1, 0(a0)
  csrc mstatus, t0
  EXPECT(a1, DATA)
  li a0, 0x40000000
  add a0, a0, s1
  li t0, MSTATUS_MPRV
  M_FAULT(26, 13, csrs mstatus, t0; ld a1, 0(a0))
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  # 27: a G-stage fault under MPRV/MPV: load guest-page fault, mtval2 = GPA
  # >> 2 (VA 0x240000000 -> GPA 0xc0000000, invalid)
  # (the trap of 26 left MPP = M, MPV = 0)
  li t0, 3 << 11; csrc mstatus, t0
  li t0, 1 << 11; csrs mstatus, t0
  li t0, 1; slli t0, t0, MSTATUS_MPV_BIT; csrs mstatus, t0
  li a0, 0x240000000
  add a0, a0, s1
  li t0, MSTATUS_MPRV
  M_FAULT(27, 21, csrs mstatus, t0; ld a1, 0(a0))
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  li t0, 0xc0000000
  add t0, t0, s1
  srli t0, t0, 2
  bne s7, t0, fail

  csrw hstatus, zero
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
  mv t5, s11
  la s11, fail               # a second trap without a new s11 fails
  jr t5

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN

  .balign 64
hdata: .dword DATA, 0, 0, 0, 0, 0

  .balign 4096
vsroot: .fill 512, 8, 0
  .balign 16384
groot: .fill 2048, 8, 0

RVTEST_DATA_END
