/*
 * Entry point at 0x80000000 (hart 0 only; other harts park). Sets up gp and sp, zeroes .bss
 * (a loader zeroes it too, but the program must not rely on that), installs a trap handler that
 * reports the trap and exits, then calls main and passes its return value to exit().
 */
  .file "crt0.S" /* names the symbol-table FILE entry (else a random temp name) */
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  csrr  t0, mhartid
  bnez  t0, park
.option push
.option norelax
  la    gp, __global_pointer$
.option pop
  la    sp, __stack_top
  la    t0, trap_entry
  csrw  mtvec, t0
  la    t0, __bss_start
  la    t1, __bss_end
1:
  bgeu  t0, t1, 2f
  sd    zero, 0(t0)
  addi  t0, t0, 8
  j     1b
2:
  call  main
  call  exit
park:
  wfi
  j     park

/* Any trap is a bug in the program (or the simulator): report mcause/mepc/mtval and exit 3. */
  .align 2
trap_entry:
  la    sp, __stack_top
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  call  rt_trap
1:
  j     1b

/* The HTIF mailbox: tohost and fromhost, alone in their 4 KiB page (see link.ld). */
  .section .tohost, "aw", @progbits
  .align 12
  .globl tohost
tohost:
  .dword 0
  .size tohost, 8
  .align 6
  .globl fromhost
fromhost:
  .dword 0
  .size fromhost, 8
