#!/bin/sh
# Rebuilds rvsim's riscv-tests style conformance suite (riscv-tests/isa) into
# riscv-tests/build, or into the directory given as $1.  Needs Debian's
# gcc-riscv64-unknown-elf.  The output is reproducible byte for byte.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v riscv64-unknown-elf-gcc >/dev/null 2>&1; then
  echo "build-riscv-tests: riscv64-unknown-elf-gcc not found (apt-get install gcc-riscv64-unknown-elf)" >&2
  exit 1
fi
out=${1:-build}
case "$out" in
  /*) ;;
  *) [ "$out" = build ] || out="$(pwd)/$out" ;;
esac
jobs=$(nproc 2>/dev/null || echo 2)
# LC_ALL=C: stable sort order of the sources and of the tool messages
LC_ALL=C exec make -C "$here/riscv-tests" -j"$jobs" --no-print-directory OUT="$out"
