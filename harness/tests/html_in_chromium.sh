#!/bin/sh
# SPDX-License-Identifier: MIT
# The HTML report renders in a real browser: headless Chromium loads index.html, its DOM has
# the matrix and one SVG sequence diagram per counterexample, and a screenshot is drawn.
# Exit 77 (skipped) when Chromium is not installed (ci/install-deps installs it).
set -u
cts=$1
dir=$2
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium is not installed: skipped"; exit 77; }
rm -rf "$dir"
mkdir -p "$dir"
"$cts" run --profile cmdqv-guest --sequences 20 --device model --device zoo:hyp-own-not-masked --report "$dir/report" \
  >"$dir/run.txt"
# One diagram per shrunk counterexample the console lists (how many depends on the command mix).
shrunk=$(grep -c '^   counterexample' "$dir/run.txt")
[ "$shrunk" -ge 1 ] || { echo "the deviant's run listed no counterexample"; exit 1; }
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir=$dir/profile"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --dump-dom "file://$dir/report/index.html" >"$dir/dom.html" 2>"$dir/chromium.log" || {
  cat "$dir/chromium.log"; echo "chromium failed to load the report"; exit 1; }
grep -q '<table class="matrix">' "$dir/dom.html" || { echo "no matrix in the rendered DOM"; exit 1; }
diagrams=$(grep -o '<svg class="sequence"' "$dir/dom.html" | wc -l)
[ "$diagrams" -eq "$shrunk" ] || { echo "expected $shrunk sequence diagrams (one per shrunk counterexample), found $diagrams"; exit 1; }
grep -q 'vintf\[0\].CONFIG): device 0x20001, model 0x1' "$dir/dom.html" || { echo "the mismatch is not shown"; exit 1; }
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --window-size=1280,2400 --screenshot="$dir/report.png" \
  "file://$dir/report/index.html" >>"$dir/chromium.log" 2>&1
size=$(wc -c <"$dir/report.png" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] || { cat "$dir/chromium.log"; echo "screenshot missing or blank ($size bytes)"; exit 1; }
echo "rendered: $diagrams sequence diagrams, screenshot $size bytes"
