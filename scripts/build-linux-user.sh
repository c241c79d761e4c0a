#!/bin/sh
# Rebuilds the static Linux test programs in programs/linux/ into programs/build/linux/ (committed),
# or into the directory given as $1. Needs Debian's gcc-riscv64-linux-gnu and
# libc6-dev-riscv64-cross; the output is reproducible byte for byte with the same compiler and glibc.
set -eu
src="$(cd "$(dirname "$0")/../programs/linux" && pwd)"
out="${1:-$src/../build/linux}"
CC=riscv64-linux-gnu-gcc
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "build-linux-user: $CC not found (apt-get install gcc-riscv64-linux-gnu libc6-dev-riscv64-cross)" >&2
  exit 1
fi
mkdir -p "$out"
cd "$src"
# -ffile-prefix-map: no host path in the output; SOURCE_DATE_EPOCH: no build date anywhere.
export SOURCE_DATE_EPOCH=0 LC_ALL=C
FLAGS="-static -O2 -Wall -ffile-prefix-map=$src=. -Wl,--build-id=none"
for c in args fileio floats malloc qsort segv strings unsupported; do
  "$CC" $FLAGS -o "$out/$c" "$c.c" -lm
done
# A static-pie (ET_DYN) without libc: Debian's glibc has no rcrt1.o for -static-pie C programs.
# Assembled to a named object first: a temporary object's random name would land in .symtab.
"$CC" -c -fPIE -o "$out/pie.o" pie.S
"$CC" -nostdlib -static-pie -Wl,--no-dynamic-linker -Wl,--build-id=none -o "$out/pie" "$out/pie.o"
rm -f "$out/pie.o"
