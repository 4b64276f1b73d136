#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one qemu-cmdqv test command and checks its exit status and output.
#   qemu_cmdqv_test.sh [--tree TREE [--mutate SED --into DIR]] --code N [--expect RE]...
#                      [--reject RE]... -- COMMAND...
# --tree: the QEMU tree the test needs; when it is empty or lacks hw/arm/tegra241-cmdqv.c the
# test is skipped (exit 77) with a message naming what is missing. --mutate: the command runs
# on a copy of the tree in DIR whose hw/arm/tegra241-cmdqv.c has the sed expression SED applied
# (the test fails if SED changes nothing: the mutation point moved). @TREE@ in COMMAND is
# replaced by the tree (or its copy). Each --expect is an extended regex some output line must
# match; no line may match a --reject.
set -u
tree= mutate= into= code= expects= rejects= needs_tree=0
nl='
'
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$2; needs_tree=1; shift 2 ;;
    --mutate) mutate=$2; shift 2 ;;
    --into) into=$2; shift 2 ;;
    --code) code=$2; shift 2 ;;
    --expect) expects="$expects$2$nl"; shift 2 ;;
    --reject) rejects="$rejects$2$nl"; shift 2 ;;
    --) shift; break ;;
    *) echo "qemu_cmdqv_test.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
file=hw/arm/tegra241-cmdqv.c
if [ "$needs_tree" = 1 ] && [ ! -f "$tree/$file" ]; then
  echo "qemu-cmdqv: SKIPPED: no QEMU tree with $file (set the CMake cache variable CTS_QEMU_CMDQV_TREE," \
       "or put the test data at ../shared/qemu-tegra241/upstream-2026-06 beside the source tree)"
  exit 77
fi
run_tree=$tree
if [ -n "$mutate" ]; then
  rm -rf "$into" && mkdir -p "$into" && cp -R "$tree/." "$into/" || exit 1
  sed -E "$mutate" "$tree/$file" > "$into/$file" || exit 1
  if cmp -s "$tree/$file" "$into/$file"; then
    echo "qemu_cmdqv_test.sh: the mutation '$mutate' changed nothing in $tree/$file" >&2
    exit 1
  fi
  run_tree=$into
fi
cmd=
for a in "$@"; do
  case "$a" in *@TREE@*) a=$(printf '%s' "$a" | sed "s|@TREE@|$run_tree|g") ;; esac
  cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
out=$(eval "$cmd" 2>&1)
rc=$?
printf '%s\n' "$out"
status=0
if [ "$rc" != "$code" ]; then
  echo "qemu_cmdqv_test.sh: exit status $rc, expected $code" >&2
  status=1
fi
printf '%s' "$expects" | while IFS= read -r re; do
  [ -z "$re" ] && continue
  printf '%s\n' "$out" | grep -Eq -- "$re" || { echo "qemu_cmdqv_test.sh: no output line matches: $re" >&2; exit 1; }
done || status=1
printf '%s' "$rejects" | while IFS= read -r re; do
  [ -z "$re" ] && continue
  if printf '%s\n' "$out" | grep -Eq -- "$re"; then echo "qemu_cmdqv_test.sh: output matches what it must not: $re" >&2; exit 1; fi
done || status=1
exit $status
