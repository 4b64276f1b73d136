# SPDX-License-Identifier: MIT
# Checks of the QEMU versions ci/build-qemu builds (cts_with_qemu: skipped when not built).
# QEMU 10.2.2 against its own expectation file: every deviation expected, none stale.
cts_with_qemu(qemu_versions.qemu_10_2_2_as_expected 10.2.2 0 "verdict"
  run --device qemu:smmuv3@10.2.2 --profile smmuv3 --sequences 60 --seed 1
      --expect ${CMAKE_CURRENT_SOURCE_DIR}/expectations/qemu-10.2.yaml)
