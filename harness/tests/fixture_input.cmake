# SPDX-License-Identifier: MIT
# Tests that read what a fixture's setup test wrote. ctest runs them after the setup test, and
# does not run them when it fails, but it does run them when the setup test was *skipped* (the
# Debian archive unreachable, a tool absent): they would then fail on the missing input. Each
# consumer is declared here, and the test scripts (expect_exit.cmake, expect_output.cmake) check
# for the input first: missing, the test prints "SKIPPED: missing input ..." and is reported as
# skipped, with the reason.
#
# cts_consumes_fixture(FIXTURE NAME INPUT PATH TESTS TEST...)
#   PATH: the file or directory the setup test of NAME writes and the TESTs read.
function(cts_consumes_fixture)
  cmake_parse_arguments(ARG "" "FIXTURE;INPUT" "TESTS" ${ARGN})
  if(NOT ARG_FIXTURE OR NOT ARG_INPUT OR NOT ARG_TESTS)
    message(FATAL_ERROR "cts_consumes_fixture: FIXTURE, INPUT and TESTS are required")
  endif()
  # APPEND: a test's own ENVIRONMENT stays, and so does this one if the test sets more later with
  # APPEND (a later set_tests_properties(... ENVIRONMENT) would drop it: the graph check,
  # check_fixture_graph.cmake, then names the test).
  set_property(TEST ${ARG_TESTS} APPEND PROPERTY FIXTURES_REQUIRED ${ARG_FIXTURE})
  set_property(TEST ${ARG_TESTS} APPEND PROPERTY ENVIRONMENT "CTS_FIXTURE=${ARG_FIXTURE}" "CTS_FIXTURE_INPUT=${ARG_INPUT}")
  set_property(TEST ${ARG_TESTS} APPEND PROPERTY SKIP_REGULAR_EXPRESSION "SKIPPED: missing input")
endfunction()
