/* The data macros every environment of our riscv-tests suite uses: the HTIF tohost/fromhost
   mailbox (its own 64-byte-aligned section) and the signature region. */
#ifndef RVTEST_DATA_H
#define RVTEST_DATA_H

#define RVTEST_DATA_BEGIN                                               \
  .pushsection .tohost, "aw", @progbits;                                \
  .balign 64;                                                           \
  .globl tohost;                                                        \
tohost: .dword 0;                                                       \
  .size tohost, 8;                                                      \
  .globl fromhost;                                                      \
fromhost: .dword 0;                                                     \
  .size fromhost, 8;                                                    \
  .popsection;                                                          \
  .data;                                                                \
  .balign 16;                                                           \
  .globl begin_signature;                                               \
begin_signature:

#define RVTEST_DATA_END                                                 \
  .balign 16;                                                           \
  .globl end_signature;                                                 \
end_signature:

#endif
