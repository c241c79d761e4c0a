/* Echoes argv and the environment; the exit code is argc. */
#include <stdio.h>

int main(int argc, char **argv, char **envp) {
  for (int i = 0; i < argc; i++) printf("argv[%d] = \"%s\"\n", i, argv[i]);
  for (char **e = envp; *e; e++) printf("env %s\n", *e);
  return argc;
}
