/*
 * A polling driver for the NS16550A at 0x10000000 (QEMU virt's serial@10000000, reg-shift 0):
 * interrupts off, 8N1, FIFOs on; a byte goes to THR once LSR.THRE (bit 5) says it is empty.
 */
#include "guest.h"

#define RBR_THR 0
#define IER 1
#define IIR_FCR 2
#define LCR 3
#define LSR 5
#define SCR 7
#define DLL 0
#define DLM 1

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define LSR_THRE 0x20

static inline uint8_t rd(unsigned reg) { return *(volatile uint8_t *)(UART_BASE + reg); }
static inline void wr(unsigned reg, uint8_t v) { *(volatile uint8_t *)(UART_BASE + reg) = v; }

void uart_init(void) {
  wr(IER, 0);            /* no interrupts: this driver polls */
  wr(LCR, LCR_DLAB);     /* divisor latch: 115200 baud from the 3.6864 MHz clock */
  wr(DLL, 2);
  wr(DLM, 0);
  wr(LCR, LCR_8N1);      /* 8 data bits, no parity, 1 stop bit, DLAB off */
  wr(IIR_FCR, 0x07);     /* FIFOs on, both cleared */
}

void uart_putc(int ch) {
  while ((rd(LSR) & LSR_THRE) == 0) {
  }
  wr(RBR_THR, (uint8_t)ch);
}

int uart_selftest(unsigned *lcr_out) {
  static const uint8_t pattern[] = {0x5a, 0xa5, 0x00, 0xff};
  int ok = 1;
  for (unsigned i = 0; i < sizeof pattern; i++) {
    wr(SCR, pattern[i]);
    if (rd(SCR) != pattern[i]) ok = 0;
  }
  *lcr_out = rd(LCR);
  if (*lcr_out != LCR_8N1) ok = 0;
  /* IER is 0, so no interrupt may be pending (IIR bit 0 set); the transmitter must not be stuck. */
  if ((rd(IIR_FCR) & 0x01) == 0) ok = 0;
  unsigned spins = 0;
  while ((rd(LSR) & LSR_THRE) == 0 && spins < 1000000) spins++;
  if ((rd(LSR) & LSR_THRE) == 0) ok = 0;
  return ok;
}

/* UART output: "\n" becomes "\r\n" (OpenSBI does the same for its console), each line starts
 * with "[uart] " so that the reader sees which path a line took. */
static int uart_at_line_start = 1;

static void uart_emit(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (uart_at_line_start) {
      for (const char *p = "[uart] "; *p; p++) uart_putc(*p);
      uart_at_line_start = 0;
    }
    if (s[i] == '\n') {
      uart_putc('\r');
      uart_at_line_start = 1;
    }
    uart_putc(s[i]);
  }
}

void uprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  kvprintf(uart_emit, fmt, ap);
  va_end(ap);
}
