# SPDX-License-Identifier: MIT
# step(CMD...) for the packaging tests: runs CMD, fails the test with its output unless it exits 0
# (or EXPECT_EXIT when set); leaves its output in `last_output`.
function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT DEFINED EXPECT_EXIT)
    set(EXPECT_EXIT 0)
  endif()
  if(NOT rc STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_EXIT}: ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}${err}" PARENT_SCOPE)
endfunction()

# expect_match(TEXT REGEX WHAT): fails the test naming WHAT when TEXT does not match REGEX.
function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: output does not match '${regex}':\n${text}")
  endif()
endfunction()

# expect_files(ROOT FILE...): every FILE exists under ROOT.
function(expect_files root)
  foreach(f IN LISTS ARGN)
    if(NOT EXISTS ${root}/${f})
      message(FATAL_ERROR "not installed: ${f} (under ${root})")
    endif()
  endforeach()
endfunction()

# The files an installation holds, relative to its prefix.
set(CTS_INSTALLED_FILES
  bin/cmdqv-cts
  include/cmdqv_cts/device.h
  share/cmake/cmdqv_cts/cmdqv_ctsConfig.cmake
  share/cmake/cmdqv_cts/cmdqv_ctsConfigVersion.cmake
  share/cmake/cmdqv_cts/cmdqv_ctsTargets.cmake
  share/pkgconfig/cmdqv-cts.pc
  share/doc/cmdqv-cts/README.md
  share/doc/cmdqv-cts/examples/minimal_plugin/CMakeLists.txt
  share/doc/cmdqv-cts/examples/minimal_plugin/minimal_plugin.c
  share/man/man1/cmdqv-cts.1
  lib/cmdqv-cts/zoo/libcts_zoo_conforming.so
  lib/cmdqv-cts/zoo/libcts_zoo_hyp-own-not-masked.so)
