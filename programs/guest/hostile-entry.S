/*
 * Entry and trap vector of the hostile guest (hostile.c). It never enters U-mode, so every trap
 * comes from S-mode on the kernel's stack: save all registers below sp, let hostile_trap() decide
 * (it may move sepc past the faulting instruction), restore and sret.
 */
  .file "hostile-entry.S"

#define KFRAME 272

  .section .text.entry, "ax", @progbits
  .globl _start
_start:
  la    sp, __stack_top
  la    t0, __bss_start
  la    t1, __bss_end
1:
  bgeu  t0, t1, 2f
  sd    zero, 0(t0)
  addi  t0, t0, 8
  j     1b
2:
  la    t0, hostile_vector
  csrw  stvec, t0
  call  hmain
3:
  wfi
  j     3b

  .text
  .align 2
hostile_vector:
  addi  sp, sp, -KFRAME
  sd    x1, 8(sp)
  .irp  r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd    x\r, (8*\r)(sp)
  .endr
  addi  t0, sp, KFRAME
  sd    t0, 16(sp)
  csrr  t0, sepc
  sd    t0, 256(sp)
  mv    a0, sp
  call  hostile_trap
  ld    t0, 256(sp)
  csrw  sepc, t0
  ld    x1, 8(sp)
  .irp  r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  ld    x\r, (8*\r)(sp)
  .endr
  addi  sp, sp, KFRAME
  sret
