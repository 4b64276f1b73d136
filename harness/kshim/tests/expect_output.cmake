# SPDX-License-Identifier: MIT
# Runs CMD; passes if its exit status is CODE, its output (stdout and stderr) matches every
# regular expression of REGEX and none of NOT_REGEX. The output is echoed for the log (and for
# ctest's SKIP_REGULAR_EXPRESSION). A consumer of a fixture whose input is missing is skipped
# (skip_without_fixture_input.cmake). CLEAN (a list of paths) is removed before CMD runs, so a
# setup test that is skipped leaves no stale output behind for its consumers.
include(${CMAKE_CURRENT_LIST_DIR}/../../tests/skip_without_fixture_input.cmake)
if(CTS_FIXTURE_INPUT_MISSING)
  return()
endif()
foreach(path IN LISTS CLEAN)
  file(REMOVE_RECURSE "${path}")
endforeach()
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
message("${all}")
if(all MATCHES "kshim: SKIPPED")
  return()
endif()
if(NOT rc EQUAL CODE)
  message(FATAL_ERROR "exit status ${rc}, expected ${CODE}")
endif()
foreach(re IN LISTS REGEX)
  if(NOT all MATCHES "${re}")
    message(FATAL_ERROR "output does not match: ${re}")
  endif()
endforeach()
foreach(re IN LISTS NOT_REGEX)
  if(re AND all MATCHES "${re}")
    message(FATAL_ERROR "output matches what it must not: ${re}")
  endif()
endforeach()
