/*
 * rvsim's Linux init: PID 1 of the initramfs that scripts/build-linux.sh builds.
 *
 * It mounts devtmpfs, proc and sysfs, then prints what the machine looks like from user space:
 * the kernel version (uname), the uptime (/proc/uptime), the `isa` and `mmu` lines of
 * /proc/cpuinfo, whether /dev/kvm exists, and the cycle and instret counters read with rdcycle and
 * rdinstret (their values differ from platform to platform: QEMU counts host time, rvsim its
 * model). Then it powers the machine off with reboot(RB_POWER_OFF).
 *
 * With `rvsim.shell` on the kernel command line, or with any argument (a bare word on the command
 * line that the kernel does not know, such as `shell`, becomes an argument of init), it runs a small
 * interactive shell of ours instead (shell.c).
 *
 * Every line it prints starts with "init: " so that a test can pick them out of the kernel log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "init.h"

int out(const char *s) {
  size_t n = strlen(s);
  while (n > 0) {
    ssize_t w = write(1, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

int outf(const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return out(buf);
}

/* Reads a small file (a /proc entry) into buf, NUL-terminated; returns its length or -1. */
static ssize_t read_small(const char *path, char *buf, size_t size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t n = 0;
  while (n + 1 < size) {
    ssize_t r = read(fd, buf + n, size - 1 - n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  return (ssize_t)n;
}

int cat_file(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buf[512];
  for (;;) {
    ssize_t r = read(fd, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      close(fd);
      errno = e;
      return -1;
    }
    if (r == 0) break;
    if (write(1, buf, (size_t)r) != r) break;
  }
  close(fd);
  return 0;
}

void power_off(void) {
  sync();
  reboot(RB_POWER_OFF);
}

static void mount_one(const char *source, const char *target, const char *type) {
  mkdir(target, 0755);
  if (mount(source, target, type, 0, NULL) != 0 && errno != EBUSY) {
    outf("init: mount %s on %s: %s\n", type, target, strerror(errno));
  }
}

/* rdcycle/rdinstret trap (SIGILL) when the firmware or kernel has not enabled them for user
 * mode (mcounteren/scounteren): report that instead of dying. */
static sigjmp_buf counter_trap;
static void on_sigill(int sig) {
  (void)sig;
  siglongjmp(counter_trap, 1);
}

static void print_counters(void) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigill;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGILL, &sa, &old);
  volatile uint64_t cycle = 0, instret = 0;
  volatile int step = 0;
  if (sigsetjmp(counter_trap, 1) == 0) {
    uint64_t v;
    __asm__ volatile("rdinstret %0" : "=r"(v));
    instret = v;
    step = 1;
    __asm__ volatile("rdcycle %0" : "=r"(v));
    cycle = v;
    outf("init: rdinstret=%llu rdcycle=%llu\n", (unsigned long long)instret, (unsigned long long)cycle);
  } else {
    outf("init: %s: illegal instruction (counter not enabled for user mode)\n", step == 0 ? "rdinstret" : "rdcycle");
  }
  sigaction(SIGILL, &old, NULL);
}

static int wants_shell(int argc) {
  if (argc > 1) return 1;
  char cmdline[4096];
  if (read_small("/proc/cmdline", cmdline, sizeof cmdline) < 0) return 0;
  for (char *tok = strtok(cmdline, " \t\n"); tok != NULL; tok = strtok(NULL, " \t\n")) {
    if (strcmp(tok, "rvsim.shell") == 0 || strncmp(tok, "rvsim.shell=", 12) == 0) return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  (void)argv;
  mount_one("devtmpfs", "/dev", "devtmpfs");
  mount_one("proc", "/proc", "proc");
  mount_one("sysfs", "/sys", "sysfs");

  struct utsname u;
  if (uname(&u) == 0) {
    outf("init: hello from PID %d: %s %s %s %s\n", (int)getpid(), u.sysname, u.release, u.version, u.machine);
  } else {
    outf("init: uname: %s\n", strerror(errno));
  }

  char buf[4096];
  if (read_small("/proc/uptime", buf, sizeof buf) > 0) {
    char *sp = strchr(buf, ' ');
    if (sp != NULL) *sp = '\0';
    outf("init: uptime %s s\n", buf);
  } else {
    outf("init: /proc/uptime: %s\n", strerror(errno));
  }

  if (read_small("/proc/cpuinfo", buf, sizeof buf) > 0) {
    int found = 0;
    for (char *line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
      if (strncmp(line, "isa", 3) == 0 || strncmp(line, "mmu", 3) == 0) {
        outf("init: cpuinfo %s\n", line);
        found = 1;
      }
    }
    if (!found) out("init: cpuinfo has no isa line\n");
  } else {
    outf("init: /proc/cpuinfo: %s\n", strerror(errno));
  }

  struct stat st;
  if (stat("/dev/kvm", &st) == 0 && S_ISCHR(st.st_mode)) {
    out("init: /dev/kvm present\n");
  } else {
    out("init: /dev/kvm absent\n");
  }

  print_counters();

  if (wants_shell(argc)) {
    out("init: starting the shell (type help)\n");
    shell();
  }

  out("init: powering off\n");
  power_off();
  outf("init: reboot(RB_POWER_OFF): %s\n", strerror(errno));
  for (;;) pause();
}
