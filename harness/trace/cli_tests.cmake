# SPDX-License-Identifier: MIT
# `cmdqv-cts trace` and `run --record` through the command (included from harness/CMakeLists.txt,
# where cts_expect_exit is defined).
set(CTS_TRACE_DATA ${CMAKE_CURRENT_SOURCE_DIR}/trace/tests/data)
set(CTS_TRACE_WORK ${CMAKE_CURRENT_BINARY_DIR}/trace-cli)
file(MAKE_DIRECTORY ${CTS_TRACE_WORK})

# A recorded run of the model is accepted; a recorded deviant is rejected by its clause.
cts_expect_exit(cli.trace_record_model 0 "cmdqv-cts: PASS"
  run --device model --profile cmdqv-host --sequences 20 --record ${CTS_TRACE_WORK}/model.cts-trace)
set_tests_properties(cli.trace_record_model PROPERTIES FIXTURES_SETUP trace_model_recording)
cts_expect_exit(cli.trace_accepts_the_models_recording 0
  "format cts, profile cmdqv-host;recorded from: model;verdict: CONFORMS;cmdqv-cts: trace PASS"
  trace ${CTS_TRACE_WORK}/model.cts-trace)
cts_consumes_fixture(FIXTURE trace_model_recording INPUT ${CTS_TRACE_WORK}/model.cts-trace
  TESTS cli.trace_accepts_the_models_recording)
cts_expect_exit(cli.trace_record_deviant 1 "HYP-1 +normative +FAIL"
  run --device zoo:hyp-own-not-masked --profile cmdqv-guest --sequences 20
      --record ${CTS_TRACE_WORK}/hyp-own.cts-trace)
set_tests_properties(cli.trace_record_deviant PROPERTIES FIXTURES_SETUP trace_deviant_recording)
cts_expect_exit(cli.trace_rejects_the_deviants_recording 1
  "HYP-1 +normative +FAIL;first violation: line [0-9]+: read32 cmdqv\\+0x1000 \\(vintf\\[0\\].CONFIG\\): trace 0x2000[01], model 0x[01];verdict: DOES NOT CONFORM;cmdqv-cts: trace FAIL"
  trace ${CTS_TRACE_WORK}/hyp-own.cts-trace)
cts_consumes_fixture(FIXTURE trace_deviant_recording INPUT ${CTS_TRACE_WORK}/hyp-own.cts-trace
  TESTS cli.trace_rejects_the_deviants_recording)

# QEMU 7.2 logs and CSV.
cts_expect_exit(cli.trace_qemu_log_conforms_narrowed 0
  "not checked: queue memory is not recorded, only the opcode;verdict: CONFORMS"
  trace ${CTS_TRACE_DATA}/qemu-7.2-error-recovery.log --format qemu)
cts_expect_exit(cli.trace_qemu_log_atc_inv_fails_cmd2 1
  "CMD-2 +normative +FAIL;line 14: smmu entry SMMU_CMD_ATC_INV \\(CONS 0x0\\): trace executed, model ILL;cmdqv-cts: trace FAIL"
  trace ${CTS_TRACE_DATA}/qemu-7.2-atc-inv-executed.log --format qemu --profile smmuv3)
# The real Linux driver's probe on QEMU 7.2's SMMUv3 (trace/testdata/README.md): CONFORMS, with
# the commands it issues (CFGI_STE_RANGE, TLBI_NSNH_ALL, CFGI_STE, TLBI_NH_ASID, TLBI_NH_VA,
# PREFETCH_CONFIG, CMD_SYNC) legal and the queue arithmetic as the model's.
cts_expect_exit(trace.linux_probe_excerpt_conforms 0
  "configured from the identification registers the trace reads: IDR0 \\(line 1\\);50 commands consumed;CMD-2 +normative +pass;CMD-5 +normative +pass;Q-3 +normative +pass;Q-6 +normative +pass;verdict: CONFORMS;cmdqv-cts: trace PASS"
  trace ${CMAKE_CURRENT_SOURCE_DIR}/trace/testdata/linux-probe-excerpt.log --format qemu --profile smmuv3)
cts_expect_exit(cli.trace_csv_conforms 0 "verdict: CONFORMS" trace ${CTS_TRACE_DATA}/hand-written.csv --format csv)

# Bad input: exit 2, file and line named, never a verdict.
cts_expect_exit(cli.trace_unreadable_exits_2 2 "unreadable trace: .*hand-written.csv:3: not a cts-trace"
  trace ${CTS_TRACE_DATA}/hand-written.csv)
cts_expect_exit(cli.trace_wrong_format_exits_2 2 "unknown trace format 'pcap'" trace x --format pcap)
cts_expect_exit(cli.trace_without_file_exits_2 2 "trace: give exactly one trace file" trace)
cts_expect_exit(cli.trace_missing_file_exits_2 2 "trace: cannot read" trace ${CTS_TRACE_WORK}/no-such-file)
cts_expect_exit(cli.record_needs_one_device_and_profile_exits_2 2 "--record: records one device in one profile"
  run --device model --record ${CTS_TRACE_WORK}/x.cts-trace)
