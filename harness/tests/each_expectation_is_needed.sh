#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every entry of an expectations file is needed: the run passes with the whole file, and with
# any one entry removed it fails, naming that (clause, case) as NEW. One run of the device, then
# `cmdqv-cts report` re-judges its results once per removed entry.
# Usage: each_expectation_is_needed.sh CMDQV_CTS EXPECTATIONS_FILE WORK_DIR -- RUN_ARGS...
# Exit 77 (skipped) when the device cannot run here (e.g. QEMU is not installed).
set -uo pipefail
cts=$1 file=$2 work=$3
shift 4
rm -rf "$work" && mkdir -p "$work"
"$cts" run "$@" --expect "$file" --report "$work/run" --no-progress >"$work/run.txt" 2>&1
rc=$?
if grep -q "was requested but cannot run" "$work/run.txt"; then
  cat "$work/run.txt"
  exit 77
fi
if [ $rc -ne 0 ]; then
  echo "FAIL: the run does not pass with the whole of $file (exit $rc):"
  tail -n 40 "$work/run.txt"
  exit 1
fi
# The entries: each starts with "  - {" and ends with the line that closes it with "}".
n=$(grep -c '^  - {' "$file")
[ "$n" -gt 0 ] || { echo "FAIL: no entries in $file"; exit 1; }
for i in $(seq 1 "$n"); do
  reduced="$work/without-$i.yaml"
  awk -v drop="$i" '
    /^  - \{/ { k++; inside = (k == drop) }
    !inside { print }
    inside && /\}[[:space:]]*$/ { inside = 0 }' "$file" >"$reduced"
  entry=$(awk -v want="$i" '/^  - \{/ { k++ } k == want && /clause:/ { print; exit }' "$file")
  clause=$(sed -E 's/.*clause: ([A-Z]+-[0-9]+).*/\1/' <<<"$entry")
  case_name=$(sed -E 's/.*case: "([^"]*)".*/\1/' <<<"$entry")
  "$cts" report "$work/run/results.jsonl" --expect "$reduced" >"$work/report-$i.txt" 2>&1
  rc=$?
  if [ $rc -ne 1 ] || ! grep -qF "case $case_name: " "$work/report-$i.txt" ||
     ! grep -F "case $case_name: " "$work/report-$i.txt" | grep -q "NEW"; then
    echo "FAIL: without entry $i ($clause, $case_name) the run was not failed naming it (exit $rc)"
    grep -F "case $case_name" "$work/report-$i.txt" | head -n 5
    exit 1
  fi
  echo "without entry $i: fails, $clause ($case_name) NEW"
done
echo "all $n entries of $file are needed"
