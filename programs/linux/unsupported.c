/* Makes a system call rvsim does not emulate (pipe2) twice, then exits 7. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int fds[2];
  long r = syscall(SYS_pipe2, fds, 0);
  printf("pipe2: %ld (%s)\n", r, r < 0 ? strerror(errno) : "ok");
  r = syscall(SYS_pipe2, fds, 0);
  printf("again: %ld\n", r);
  return 7;
}
