# SPDX-License-Identifier: MIT
# Included first by the test scripts: sets CTS_FIXTURE_INPUT_MISSING (and says why) when the test
# was declared a consumer of a fixture (fixture_input.cmake) and that fixture's input is absent,
# so the script returns before running anything and ctest reports the test as skipped.
set(CTS_FIXTURE_INPUT_MISSING FALSE)
if(DEFINED ENV{CTS_FIXTURE_INPUT} AND NOT EXISTS "$ENV{CTS_FIXTURE_INPUT}")
  message("SKIPPED: missing input $ENV{CTS_FIXTURE_INPUT}: the setup test of fixture "
          "'$ENV{CTS_FIXTURE}' did not write it (it was skipped or not run; see its output)")
  set(CTS_FIXTURE_INPUT_MISSING TRUE)
endif()
