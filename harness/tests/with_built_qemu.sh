#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs COMMAND only when ci/build-qemu has built QEMU VERSION into CACHE; otherwise says why and
# exits 77 (ctest: skipped), so the checks of a newer QEMU never pass silently without it.
# Usage: with_built_qemu.sh CACHE VERSION COMMAND...
cache="$1" version="$2"
shift 2
if [ ! -f "$cache/$version/.cts-built" ] || [ ! -x "$cache/$version/bin/qemu-system-aarch64" ]; then
  echo "SKIP: QEMU $version is not built in $cache (build it with ci/build-qemu $version," \
       "or CTS_BUILD_QEMU=1 .ci/run)"
  exit 77
fi
exec "$@"
