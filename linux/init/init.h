/* rvsim's Linux init (linux/init): the parts init.c and shell.c share. */
#ifndef RVSIM_INIT_H
#define RVSIM_INIT_H

#include <stddef.h>

/* Writes a whole string to fd 1 (the console); returns -1 on an error. */
int out(const char *s);
/* printf to the console, one write per call. */
int outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Copies a file's contents to the console; returns 0, or -1 with errno set. */
int cat_file(const char *path);
/* Syncs and powers the machine off; returns only if the kernel refused (errno set). */
void power_off(void);
/* The interactive shell: reads commands from the console until `poweroff` or end of input. */
void shell(void);

#endif
