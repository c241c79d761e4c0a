/*
 * The bundled guest kernel (see README.md): shared declarations. Freestanding RV64IMAC, S-mode
 * (VS-mode under rvsim's hypervisor; the kernel cannot tell and does not try to).
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- SBI (sbi.c) ---- */
#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_SHUTDOWN 0x08
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434E

struct sbiret {
  long error;
  long value;
};

struct sbiret sbi_call(long eid, long fid, long a0, long a1, long a2);
/* Probes TIME, SRST and DBCN once (base extension probe_extension). */
void sbi_init(void);
/* One character (or a run of them) to the SBI console: DBCN write if present, legacy putchar otherwise. */
void sbi_puts(const char *s, size_t len);
void sbi_set_timer(uint64_t when);
/* SRST shutdown (reason 0 = none, 1 = system failure), legacy shutdown as a fallback. */
void sbi_shutdown(int failure) __attribute__((noreturn));

/* ---- NS16550A at 0x10000000 (uart.c) ---- */
#define UART_BASE 0x10000000UL
void uart_init(void);
void uart_putc(int ch);
/* Scratch register and line control checks; 1 when they behave as a 16550 must. */
int uart_selftest(unsigned *lcr_out);

/* ---- formatted output (print.c): %s %c %d %u %x %lx %ld %lu %p, width/zero padding ---- */
typedef void (*emit_fn)(const char *s, size_t len);
void kvprintf(emit_fn emit, const char *fmt, va_list ap);
/* A line (or part of one) through the SBI console. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Through the UART driver, each line prefixed with "[uart] ". */
void uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- flattened device tree (fdt.c) ---- */
/* The property `prop` of the node at `path` ("/chosen"; a component without '@' matches any unit
 * address), or NULL; *len gets its length. */
const void *fdt_prop(const void *fdt, const char *path, const char *prop, uint32_t *len);
uint32_t fdt_be32(const void *p);
uint64_t fdt_be64(const void *p);

/* ---- memory routines GCC may call (print.c) ---- */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);

/* ---- CSRs ---- */
#define csr_read(csr)                                  \
  ({                                                   \
    unsigned long __v;                                 \
    __asm__ volatile("csrr %0, " #csr : "=r"(__v));    \
    __v;                                               \
  })
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" ::"rK"(val) : "memory")
#define csr_set(csr, val) __asm__ volatile("csrs " #csr ", %0" ::"rK"(val) : "memory")
#define csr_clear(csr, val) __asm__ volatile("csrc " #csr ", %0" ::"rK"(val) : "memory")

static inline uint64_t rdtime(void) {
  uint64_t v;
  __asm__ volatile("rdtime %0" : "=r"(v));
  return v;
}

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_SUM (1UL << 18)
#define SIE_STIE (1UL << 5)
#define SCAUSE_INTR (1UL << 63)

#endif
