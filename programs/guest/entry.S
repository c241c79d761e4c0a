/*
 * The guest kernel's entry, trap vector and the switch into a user task.
 *
 * Entry (from OpenSBI fw_jump/fw_dynamic or rvsim's hypervisor) in S-mode: a0 = hart id,
 * a1 = device tree address. sscratch is 0 while the kernel runs and points at the current task's
 * trap frame while a task runs, so the trap vector can tell the two apart with one csrrw.
 *
 * A trap frame is 33 doublewords: x0..x31 at 8*i (x0's slot unused) and sepc at 256.
 * run_user(frame) saves the kernel's callee-saved registers in kctx, loads the task's registers
 * and srets; a trap from the task saves them back into the frame and returns from run_user, so
 * the scheduler is an ordinary C loop. A trap taken while the kernel runs saves everything on the
 * kernel stack and calls kernel_trap().
 */
  .file "entry.S"

#define FRAME_SEPC 256
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
  la    t0, __ubss_start
  la    t1, __ubss_end
3:
  bgeu  t0, t1, 4f
  sd    zero, 0(t0)
  addi  t0, t0, 8
  j     3b
4:
  csrw  sscratch, zero
  la    t0, trap_vector
  csrw  stvec, t0           /* direct mode: the vector is 4-byte aligned */
  call  kmain               /* a0 = hart id, a1 = FDT, untouched so far */
5:
  wfi
  j     5b

  .text
/* Saves x1, x3..x31 at 8*i(base) (x2, sp, is the caller's business). */
.macro SAVE_GPRS base
  sd    x1, 8(\base)
  .irp  r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd    x\r, (8*\r)(\base)
  .endr
.endm

  .align 2
  .globl trap_vector
trap_vector:
  csrrw sp, sscratch, sp    /* sp = the task's frame, or 0 if the kernel was running */
  beqz  sp, from_kernel
  SAVE_GPRS sp
  csrr  t0, sscratch
  sd    t0, 16(sp)          /* the task's sp */
  csrr  t0, sepc
  sd    t0, FRAME_SEPC(sp)
  csrw  sscratch, zero      /* back in the kernel */
  la    t0, kctx            /* resume the kernel in run_user's caller */
  ld    ra, 0(t0)
  ld    sp, 8(t0)
  .irp  i, 0,1,2,3,4,5,6,7,8,9,10,11
  ld    s\i, (16+8*\i)(t0)
  .endr
  ret

from_kernel:
  csrrw sp, sscratch, sp    /* sp = the kernel's sp again, sscratch = 0 */
  addi  sp, sp, -KFRAME
  SAVE_GPRS sp
  addi  t0, sp, KFRAME
  sd    t0, 16(sp)
  csrr  t0, sepc
  sd    t0, FRAME_SEPC(sp)
  mv    a0, sp
  call  kernel_trap
  ld    t0, FRAME_SEPC(sp)
  csrw  sepc, t0
  ld    x1, 8(sp)
  .irp  r, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  ld    x\r, (8*\r)(sp)
  .endr
  addi  sp, sp, KFRAME
  sret

/* void run_user(struct frame *f): runs the task until its next trap. */
  .globl run_user
run_user:
  la    t0, kctx
  sd    ra, 0(t0)
  sd    sp, 8(t0)
  .irp  i, 0,1,2,3,4,5,6,7,8,9,10,11
  sd    s\i, (16+8*\i)(t0)
  .endr
  ld    t0, FRAME_SEPC(a0)
  csrw  sepc, t0
  csrw  sscratch, a0
  ld    x1, 8(a0)
  ld    x2, 16(a0)
  .irp  r, 3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  ld    x\r, (8*\r)(a0)
  .endr
  ld    a0, 80(a0)
  sret

  .bss
  .align 3
kctx:
  .space 8*14
