/* File I/O in the directory named by argv[1]: create, write, seek, read, stat, rename, readdir, unlink. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[4096];
static const char *in(const char *dir, const char *name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: fileio DIR\n");
    return 2;
  }
  const char *dir = argv[1];
  FILE *f = fopen(in(dir, "data.txt"), "w");
  if (!f) { perror("fopen"); return 1; }
  for (int i = 0; i < 1000; i++) fprintf(f, "line %04d %s\n", i, i % 3 ? "fizz" : "buzz");
  fclose(f);

  struct stat st;
  if (stat(in(dir, "data.txt"), &st) != 0) { perror("stat"); return 1; }
  printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

  int fd = open(in(dir, "data.txt"), O_RDWR);
  char buf[64];
  lseek(fd, 15 * 500, SEEK_SET);
  ssize_t n = read(fd, buf, 15);
  printf("read %zd: %.*s", n, (int)n, buf);
  printf("end at %lld\n", (long long)lseek(fd, 0, SEEK_END));
  printf("pwrite %zd\n", pwrite(fd, "LINE", 4, 15 * 10));
  printf("cur %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("pread %zd: %.15s", pread(fd, buf, 15, 15 * 10), buf);
  struct stat fst;
  fstat(fd, &fst);
  printf("fstat size %lld\n", (long long)fst.st_size);
  close(fd);

  f = fopen(in(dir, "data.txt"), "a+");
  fputs("appended\n", f);
  fseek(f, -9, SEEK_END);
  fgets(buf, sizeof buf, f);
  printf("last: %s", buf);
  fclose(f);

  unsigned long sum = 0;
  int lines = 0;
  f = fopen(in(dir, "data.txt"), "r");
  while (fgets(buf, sizeof buf, f)) {
    lines++;
    for (char *p = buf; *p; p++) sum = sum * 31 + (unsigned char)*p;
  }
  fclose(f);
  printf("lines %d hash %lx\n", lines, sum);

  char from[4096];
  snprintf(from, sizeof from, "%s/data.txt", dir);
  if (mkdir(in(dir, "sub"), 0755) != 0) perror("mkdir");
  if (rename(from, in(dir, "sub/moved.txt")) != 0) perror("rename");
  printf("old exists: %d\n", access(from, F_OK) == 0);
  printf("new readable: %d\n", access(in(dir, "sub/moved.txt"), R_OK) == 0);
  for (int i = 0; i < 5; i++) {
    char name[32];
    snprintf(name, sizeof name, "sub/f%d", 4 - i);
    close(open(in(dir, name), O_CREAT | O_WRONLY, 0644));
  }
  DIR *d = opendir(in(dir, "sub"));
  char *names[16];
  int k = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && k < 16)
    if (e->d_name[0] != '.') names[k++] = strdup(e->d_name);
  closedir(d);
  qsort(names, k, sizeof names[0], cmp);
  for (int i = 0; i < k; i++) printf("entry %s\n", names[i]);

  errno = 0;
  if (fopen(in(dir, "missing/none.txt"), "r") == NULL) printf("missing: %s\n", strerror(errno));
  errno = 0;
  if (rmdir(in(dir, "sub")) != 0) printf("rmdir non-empty: %s\n", strerror(errno));
  for (int i = 0; i < k; i++) {
    char name[64];
    snprintf(name, sizeof name, "sub/%s", names[i]);
    if (unlink(in(dir, name)) != 0) perror("unlink");
  }
  printf("rmdir: %d\n", rmdir(in(dir, "sub")));
  char cwd[4096];
  printf("getcwd ok: %d\n", getcwd(cwd, sizeof cwd) != NULL);
  char exe[4096];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len > 0) {
    exe[len] = 0;
    printf("exe: %s\n", strrchr(exe, '/') + 1);
  }
  return 0;
}
