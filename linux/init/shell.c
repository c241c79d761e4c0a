/*
 * The tiny interactive shell of rvsim's Linux init: reads lines from the console and runs a few
 * built-in commands. No programs are started (the initramfs holds only /init). End of input
 * powers the machine off, like `poweroff`.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "init.h"

#define MAX_LINE 512
#define MAX_ARGS 32

static const char *const help_text =
    "commands:\n"
    "  echo WORDS...   print the words\n"
    "  cat FILE...     print files (try /proc/cpuinfo, /proc/interrupts, /proc/uptime)\n"
    "  ls [DIR...]     list directories (default /)\n"
    "  uname           the kernel's name, release, version and machine\n"
    "  poweroff        power the machine off (so does end of input)\n"
    "  help            this text\n";

/* Reads one line from fd 0 without its newline; returns its length, or -1 at end of input. */
static int read_line(char *line, int size) {
  static char buf[256];
  static int have = 0, pos = 0;
  int n = 0;
  for (;;) {
    if (pos == have) {
      ssize_t r = read(0, buf, sizeof buf);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return n > 0 ? n : -1;
      have = (int)r;
      pos = 0;
    }
    char c = buf[pos++];
    if (c == '\n' || c == '\r') {
      line[n] = '\0';
      return n;
    }
    if (n + 1 < size) line[n++] = c;
    line[n] = '\0';
  }
}

static void cmd_ls(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    outf("ls: %s: %s\n", dir, strerror(errno));
    return;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    outf("%s%s\n", e->d_name, e->d_type == DT_DIR ? "/" : "");
  }
  closedir(d);
}

void shell(void) {
  char line[MAX_LINE];
  for (;;) {
    out("rvsim# ");
    if (read_line(line, sizeof line) < 0) {
      out("\n");
      return;
    }
    char *argv[MAX_ARGS];
    int argc = 0;
    for (char *tok = strtok(line, " \t"); tok != NULL && argc < MAX_ARGS; tok = strtok(NULL, " \t")) {
      argv[argc++] = tok;
    }
    if (argc == 0) continue;
    const char *cmd = argv[0];
    if (strcmp(cmd, "help") == 0) {
      out(help_text);
    } else if (strcmp(cmd, "echo") == 0) {
      for (int i = 1; i < argc; i++) outf("%s%s", argv[i], i + 1 < argc ? " " : "");
      out("\n");
    } else if (strcmp(cmd, "cat") == 0) {
      if (argc == 1) out("cat: name a file\n");
      for (int i = 1; i < argc; i++) {
        if (cat_file(argv[i]) != 0) outf("cat: %s: %s\n", argv[i], strerror(errno));
      }
    } else if (strcmp(cmd, "ls") == 0) {
      if (argc == 1) cmd_ls("/");
      for (int i = 1; i < argc; i++) cmd_ls(argv[i]);
    } else if (strcmp(cmd, "uname") == 0) {
      struct utsname u;
      if (uname(&u) == 0) outf("%s %s %s %s\n", u.sysname, u.release, u.version, u.machine);
    } else if (strcmp(cmd, "poweroff") == 0) {
      return;
    } else {
      outf("%s: unknown command (type help)\n", cmd);
    }
  }
}
