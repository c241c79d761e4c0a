#!/bin/sh
# Rebuilds the bare-metal programs in programs/ into programs/build/ (committed), or into the
# directory given as $1. Needs Debian's gcc-riscv64-unknown-elf; the output is reproducible
# byte for byte with the same compiler version.
set -eu
cd "$(dirname "$0")/../programs"
if ! command -v riscv64-unknown-elf-gcc >/dev/null 2>&1; then
  echo "build-programs: riscv64-unknown-elf-gcc not found (apt-get install gcc-riscv64-unknown-elf)" >&2
  exit 1
fi
if [ $# -gt 0 ]; then
  # Make runs from programs/, so a relative output directory is taken relative to the caller.
  case "$1" in
    /*) out=$1 ;;
    *) out=$OLDPWD/$1 ;;
  esac
  exec make --no-print-directory -B O="$out"
fi
exec make --no-print-directory -B
