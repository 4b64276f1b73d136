# SPDX-License-Identifier: MIT
# Checks of the QEMU versions ci/build-qemu builds (cts_with_qemu: skipped when not built).
# QEMU 10.2.2 against its own expectation file (written for the default 200 sequences): every
# deviation expected, none stale.
cts_with_qemu(qemu_versions.qemu_10_2_2_as_expected 10.2.2 0 "verdict"
  run --device qemu:smmuv3@10.2.2 --profile smmuv3 --seed 1 --timeout-ms 5000
      --expect ${CMAKE_CURRENT_SOURCE_DIR}/expectations/qemu-10.2.yaml)
# The version matrix prints both versions, per (clause, case), with the built-in directed tests:
# 10.2.2 reports IDR0.S2P = 1, so TLBI_S2_IPA is legal there ("n/a (IDRs)", not "fixed": 7.2 has
# no stage 2, IHI 0070 G.b 4.4.3.1) and its Reserved range encodings are executed (CMD-11, new);
# the commands of other unimplemented features are still executed, CMDQ_CONS still keeps its
# upper bits.
cts_with_qemu(qemu_versions.matrix_shows_what_10_2_2_fixed 10.2.2 1
  "qemu:smmuv3: QEMU emulator version 7\\.2;qemu:smmuv3@10\\.2\\.2: QEMU emulator version 10\\.2\\.2;CMD-2 \\(TLBI_S2_IPA\\) +present +n/a \\(IDRs\\);CMD-2 \\(ATC_INV\\) +present +still present;CMD-11 \\(TLBI_S2_IPA\\) +- +new;Q-6 \\(CMDQ_CONS.RD\\) +present +still present"
  matrix --qemu --sequences 40 --seed 1 --timeout-ms 5000)
