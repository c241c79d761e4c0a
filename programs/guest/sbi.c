/*
 * SBI calls (SBI spec v2.0 calling convention: a7 = extension, a6 = function, a0..a5 arguments;
 * error in a0, value in a1; legacy extensions return in a0 only). What the firmware or hypervisor
 * offers is probed once with the base extension's probe_extension; the text printed never depends
 * on which path is taken.
 */
#include "guest.h"

static int have_time, have_srst, have_dbcn;

struct sbiret sbi_call(long eid, long fid, long a0, long a1, long a2) {
  register long r0 __asm__("a0") = a0;
  register long r1 __asm__("a1") = a1;
  register long r2 __asm__("a2") = a2;
  register long r6 __asm__("a6") = fid;
  register long r7 __asm__("a7") = eid;
  __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
  struct sbiret r = {r0, r1};
  return r;
}

static long legacy_call(long eid, long a0) {
  register long r0 __asm__("a0") = a0;
  register long r7 __asm__("a7") = eid;
  __asm__ volatile("ecall" : "+r"(r0) : "r"(r7) : "a1", "memory");
  return r0;
}

static int probe(long eid) {
  struct sbiret r = sbi_call(SBI_EXT_BASE, 3, eid, 0, 0);
  return r.error == 0 && r.value != 0;
}

void sbi_init(void) {
  have_time = probe(SBI_EXT_TIME);
  have_srst = probe(SBI_EXT_SRST);
  have_dbcn = probe(SBI_EXT_DBCN);
}

void sbi_puts(const char *s, size_t len) {
  if (have_dbcn) {
    /* Debug console write (fid 0): a physical address; ours are identity-mapped. */
    while (len > 0) {
      struct sbiret r = sbi_call(SBI_EXT_DBCN, 0, (long)len, (long)(uintptr_t)s, 0);
      if (r.error != 0 || r.value <= 0 || (size_t)r.value > len) break;
      s += r.value;
      len -= (size_t)r.value;
    }
    if (len == 0) return;
  }
  for (size_t i = 0; i < len; i++) legacy_call(SBI_EXT_LEGACY_PUTCHAR, (unsigned char)s[i]);
}

void sbi_set_timer(uint64_t when) {
  if (have_time)
    sbi_call(SBI_EXT_TIME, 0, (long)when, 0, 0);
  else
    legacy_call(SBI_EXT_LEGACY_SET_TIMER, (long)when);
}

void sbi_shutdown(int failure) {
  if (have_srst) sbi_call(SBI_EXT_SRST, 0, 0 /* shutdown */, failure ? 1 : 0, 0);
  legacy_call(SBI_EXT_LEGACY_SHUTDOWN, 0);
  for (;;) __asm__ volatile("wfi");
}
