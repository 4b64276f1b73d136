# SPDX-License-Identifier: MIT
# Runs CMD and checks its exit status is CODE and its output (stdout and stderr) matches
# every regular expression in REGEX (a list). A consumer of a fixture whose input is missing is
# skipped (skip_without_fixture_input.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/skip_without_fixture_input.cmake)
if(CTS_FIXTURE_INPUT_MISSING)
  return()
endif()
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc STREQUAL "${CODE}")
  message(FATAL_ERROR "exit status ${rc}, expected ${CODE}\nstdout: ${out}\nstderr: ${err}")
endif()
foreach(re IN LISTS REGEX)
  if(NOT "${out}${err}" MATCHES "${re}")
    message(FATAL_ERROR "output does not match '${re}':\nstdout: ${out}\nstderr: ${err}")
  endif()
endforeach()
message(STATUS "exit ${rc}")
