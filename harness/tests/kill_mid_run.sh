#!/bin/sh
# SPDX-License-Identifier: MIT
# kill -9 of the suite in the middle of a run keeps every verdict found so far: the results
# file holds the failures already shrunk, and `cmdqv-cts report` shows them as FAIL of an
# interrupted run (exit 1), never as a pass.
set -u
cts=$1
dir=$2
rm -rf "$dir"
# Long enough to be killed mid-run: the deviant fails at once, then runs on for minutes.
"$cts" run --profile cmdqv-guest --device zoo:hyp-own-not-masked --sequences 10000000 \
  --report "$dir" >/dev/null 2>&1 &
pid=$!
n=0
# Kill it once the three shrunk failures are on disk, in the middle of its first verdict.
until [ "$(grep -c '"type": "failure"' "$dir/results.jsonl" 2>/dev/null)" = 3 ]; do
  n=$((n + 1))
  if [ $n -gt 600 ]; then
    kill -9 $pid
    echo "no failure written within 60 s"
    exit 1
  fi
  sleep 0.1
done
kill -9 $pid
wait $pid 2>/dev/null
out=$("$cts" report "$dir")
rc=$?
echo "$out"
[ $rc -eq 1 ] || { echo "report: expected exit 1, got $rc"; exit 1; }
echo "$out" | grep -q 'HYP-1 *normative *FAIL' || { echo "the HYP-1 failure was lost"; exit 1; }
echo "$out" | grep -q 'the run did not finish (no end record)' || { echo "the interruption is not said"; exit 1; }
echo "$out" | grep -q 'INTERRUPTED: the suite stopped before this device and profile finished; 3 failure' ||
  { echo "the interrupted verdict is not said"; exit 1; }
echo "$out" | grep -q 'cmdqv-cts: FAIL' || { echo "an interrupted run must not pass"; exit 1; }
