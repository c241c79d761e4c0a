/*
 * Formatted output for the kernel (kprintf through the SBI console; uprintf is in uart.c), and the
 * few memory routines GCC may call on its own.
 */
#include "guest.h"

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

int strncmp(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (a[i] != b[i]) return (unsigned char)a[i] - (unsigned char)b[i];
    if (a[i] == 0) return 0;
  }
  return 0;
}

static void emit_num(emit_fn emit, uint64_t v, unsigned base, int neg, int width, char pad) {
  char buf[24];
  int n = 0;
  do {
    unsigned d = (unsigned)(v % base);
    buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    v /= base;
  } while (v != 0);
  if (neg) buf[n++] = '-';
  while (n < width && n < (int)sizeof buf) buf[n++] = pad;
  for (int i = n - 1; i >= 0; i--) emit(&buf[i], 1);
}

void kvprintf(emit_fn emit, const char *fmt, va_list ap) {
  while (*fmt) {
    const char *run = fmt;
    while (*fmt && *fmt != '%') fmt++;
    if (fmt != run) emit(run, (size_t)(fmt - run));
    if (*fmt == 0) break;
    fmt++;
    char pad = ' ';
    int width = 0, lng = 0;
    if (*fmt == '0') pad = '0', fmt++;
    while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l') lng = 1, fmt++;
    switch (*fmt) {
    case 's': {
      const char *s = va_arg(ap, const char *);
      emit(s, strlen(s));
      break;
    }
    case 'c': {
      char c = (char)va_arg(ap, int);
      emit(&c, 1);
      break;
    }
    case 'd': {
      int64_t v = lng ? va_arg(ap, long) : va_arg(ap, int);
      emit_num(emit, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad);
      break;
    }
    case 'u':
      emit_num(emit, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, 0, width, pad);
      break;
    case 'x':
      emit_num(emit, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, 0, width, pad);
      break;
    case 'p':
      emit("0x", 2);
      emit_num(emit, (uintptr_t)va_arg(ap, void *), 16, 0, width, pad);
      break;
    case '%':
      emit("%", 1);
      break;
    default:
      emit("%?", 2);
      if (*fmt == 0) return;
    }
    fmt++;
  }
}

void kprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  kvprintf(sbi_puts, fmt, ap);
  va_end(ap);
}
