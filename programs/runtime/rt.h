/*
 * The tiny freestanding runtime shared by our bare-metal programs: HTIF console output and exit,
 * a small printf, and the few libc memory routines GCC may call on its own.
 */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* HTIF (see htif.c): one character to the console; exit with a status (never returns). */
void rt_putchar(int ch);
void exit(int code) __attribute__((noreturn));

/* write(2)-like: fd 1 and 2 go to the HTIF console; returns len, or -1 for any other fd. */
long write(int fd, const void *buf, size_t len);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int puts(const char *s);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* Read the cycle/instret counters (Zicntr); only for information, never for control flow. */
static inline uint64_t rt_rdinstret(void) {
  uint64_t v;
  __asm__ volatile("csrr %0, minstret" : "=r"(v));
  return v;
}

#endif
