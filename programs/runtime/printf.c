/*
 * A small printf of our own: conversions d i u x X s c p %, length modifiers l and ll (h and hh
 * are accepted and ignored for promoted ints), flags '-' and '0', and a field width (also '*').
 * No floating point: the programs are integer-only.
 */
#include "rt.h"

static int emit_padded(const char *s, int len, int width, int left, char pad) {
  int n = 0;
  if (!left)
    for (; len + n < width; n++) rt_putchar(pad);
  for (int i = 0; i < len; i++) rt_putchar(s[i]);
  int total = n + len;
  if (left)
    for (; total < width; total++) rt_putchar(' ');
  return total;
}

/* The digits of v in `base`, written backwards ending at `end`; returns where they start. */
static char *format_uint(char *end, uint64_t v, unsigned base, int upper) {
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char *p = end;
  do {
    *--p = digits[v % base];
    v /= base;
  } while (v != 0);
  return p;
}

static int emit_number(uint64_t v, int negative, unsigned base, int upper, int width, int left, char pad) {
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = format_uint(end, v, base, upper);
  int len = (int)(end - p);
  if (negative) {
    /* With zero padding the sign goes before the zeros: "-0042". */
    if (pad == '0') {
      rt_putchar('-');
      return 1 + emit_padded(p, len, width - 1, left, pad);
    }
    *--p = '-';
    len++;
  }
  return emit_padded(p, len, width, left, pad);
}

int vprintf(const char *fmt, va_list ap) {
  int count = 0;
  for (const char *f = fmt; *f != '\0'; f++) {
    if (*f != '%') {
      rt_putchar(*f);
      count++;
      continue;
    }
    f++;
    int left = 0;
    char pad = ' ';
    for (;; f++) {
      if (*f == '-') left = 1;
      else if (*f == '0') pad = '0';
      else break;
    }
    if (left) pad = ' ';
    int width = 0;
    if (*f == '*') {
      width = va_arg(ap, int);
      f++;
    } else {
      while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    }
    int longs = 0;
    while (*f == 'l') {
      longs++;
      f++;
    }
    while (*f == 'h') f++;
    switch (*f) {
      case 'd':
      case 'i': {
        int64_t v = longs ? va_arg(ap, long) : va_arg(ap, int);
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        count += emit_number(mag, v < 0, 10, 0, width, left, pad);
        break;
      }
      case 'u':
      case 'x':
      case 'X': {
        uint64_t v = longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
        count += emit_number(v, 0, *f == 'u' ? 10 : 16, *f == 'X', width, left, pad);
        break;
      }
      case 'p': {
        uint64_t v = (uintptr_t)va_arg(ap, void *);
        rt_putchar('0');
        rt_putchar('x');
        count += 2 + emit_number(v, 0, 16, 0, width > 2 ? width - 2 : 0, left, pad);
        break;
      }
      case 's': {
        const char *s = va_arg(ap, const char *);
        if (s == NULL) s = "(null)";
        count += emit_padded(s, (int)strlen(s), width, left, ' ');
        break;
      }
      case 'c': {
        char c = (char)va_arg(ap, int);
        count += emit_padded(&c, 1, width, left, ' ');
        break;
      }
      case '%':
        rt_putchar('%');
        count++;
        break;
      case '\0':
        return count; /* a lone '%' at the end of the format */
      default:
        /* Unknown conversion: print it as written so the mistake is visible. */
        rt_putchar('%');
        rt_putchar(*f);
        count += 2;
        break;
    }
  }
  return count;
}

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

int puts(const char *s) {
  int n = (int)strlen(s);
  write(1, s, (size_t)n);
  rt_putchar('\n');
  return n + 1;
}
