/*
 * Host-Target Interface: the program talks to the simulator through two 64-bit words, `tohost`
 * and `fromhost` (crt0.S puts them in their own page). A command is written to tohost as
 *   device << 56 | command << 48 | payload
 * and we use exactly two of them, the ones QEMU 7.2's `-M spike` HTIF implements (its syscall
 * proxy for write(2) arrived only in QEMU 8.0):
 *   device 1 (console), command 1 (putchar), payload = the character: the host prints it and
 *     answers with a nonzero fromhost, which we clear;
 *   device 0, command 0, payload = code << 1 | 1: exit with `code`.
 */
#include "rt.h"

extern volatile uint64_t tohost;
extern volatile uint64_t fromhost;

#define HTIF_CMD(dev, cmd, payload) (((uint64_t)(dev) << 56) | ((uint64_t)(cmd) << 48) | (payload))

void rt_putchar(int ch) {
  /* The host clears tohost once it has taken a command; never overwrite one in flight. */
  while (tohost != 0) {
  }
  tohost = HTIF_CMD(1, 1, (uint8_t)ch);
  while (fromhost == 0) {
  }
  fromhost = 0;
}

void exit(int code) {
  while (tohost != 0) {
  }
  for (;;) {
    tohost = HTIF_CMD(0, 0, ((uint64_t)(uint32_t)code << 1) | 1);
  }
}

long write(int fd, const void *buf, size_t len) {
  if (fd != 1 && fd != 2) return -1;
  const char *p = buf;
  for (size_t i = 0; i < len; i++) rt_putchar(p[i]);
  return (long)len;
}

/* Called by crt0's trap handler: a trap in these programs is always a bug, so say which and stop. */
void rt_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval) __attribute__((noreturn));
void rt_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval) {
  printf("\ntrap: mcause=0x%lx mepc=0x%lx mtval=0x%lx\n", (unsigned long)mcause, (unsigned long)mepc,
         (unsigned long)mtval);
  exit(3);
}
