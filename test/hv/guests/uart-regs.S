# A test guest that programs and reads back every NS16550A register at 0x10000000 and prints what
# it read as hex through the SBI legacy console: run under the hypervisor (virtual UART, accesses
# trapped and emulated) and on bare rvsim under OpenSBI (the platform's UART) it must print the
# same. It also transmits through THR, and makes byte, word and compressed accesses.
  .section .text.start
  .globl _start
_start:
  la sp, stack_top
  li s0, 0x10000000
  sb zero, 1(s0)            # IER = 0
  li t0, 0x80; sb t0, 3(s0) # LCR.DLAB
  li t0, 0x03; sb t0, 0(s0) # DLL
  sb zero, 1(s0)            # DLM
  lbu s1, 0(s0)             # DLL back
  lbu s2, 1(s0)             # DLM back
  li t0, 0x03; sb t0, 3(s0) # LCR 8N1 (printing before this would write the latch on bare metal)
  mv a0, s1; call hex
  mv a0, s2; call hex
  lbu a0, 3(s0); call hex
  li t0, 0x07; sb t0, 2(s0) # FCR: enable and clear FIFOs
  lbu a0, 2(s0); call hex   # IIR
  li t0, 0x0b; sb t0, 4(s0) # MCR
  lbu a0, 4(s0); call hex
  lbu a0, 5(s0); call hex   # LSR
  lbu a0, 6(s0); call hex   # MSR
  li t0, 0xa5; sb t0, 7(s0) # SCR
  lbu a0, 7(s0); call hex
  lb a0, 7(s0); call hex64  # sign-extended load
  li t0, 0x5a; sb t0, 7(s0)
  c.lw a0, 4(s0); call hex  # compressed word load: MCR offset, 4 bytes
  li t0, 0x02; sb t0, 1(s0) # IER.THRE
  lbu a0, 2(s0); call hex   # IIR: THR empty pending
  lbu a0, 1(s0); call hex
  sb zero, 1(s0)
  sb zero, 4(s0)
  li t0, 'U'; sb t0, 0(s0)  # transmit
  li t0, '\n'; sb t0, 0(s0)
1:lbu t0, 5(s0); andi t0, t0, 0x40; beqz t0, 1b
  lbu a0, 5(s0); call hex
  li a7, 0x53525354; li a6, 0; li a0, 0; li a1, 0; ecall
2:j 2b

# print a0's low byte as two hex digits and a newline
hex:
  andi a0, a0, 0xff
  mv t3, a0
  li t4, 2
  j hexn
hex64:
  mv t3, a0
  li t4, 16
hexn:
  mv t5, ra
  addi t6, t4, -1
  slli t6, t6, 2
3:srl a0, t3, t6
  andi a0, a0, 15
  li t0, 10
  blt a0, t0, 4f
  addi a0, a0, 'a' - 10 - '0'
4:addi a0, a0, '0'
  li a7, 1; ecall
  addi t6, t6, -4
  bgez t6, 3b
  li a0, '\n'; li a7, 1; ecall
  mv ra, t5
  ret
