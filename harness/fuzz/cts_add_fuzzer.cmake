# SPDX-License-Identifier: MIT
# Fuzzing every parser (harness/fuzz/README.md).
#
# With -DCTS_FUZZ=ON (clang only) the whole build is instrumented for libFuzzer with AddressSanitizer
# and UndefinedBehaviorSanitizer, and each target is a libFuzzer binary. Otherwise (g++, the default)
# the same target file is linked with a small replay main that feeds it every input of its corpus,
# so the code runs in every build and a fixed crash stays fixed.
option(CTS_FUZZ "Build the parsers' fuzz targets as libFuzzer binaries (clang)" OFF)
set(CTS_FUZZ_SECONDS 20 CACHE STRING "How long ctest runs each libFuzzer campaign (CTS_FUZZ=ON)")

if(CTS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CTS_FUZZ=ON needs clang (libFuzzer); configure with CC=clang CXX=clang++")
  endif()
  # Coverage instrumentation everywhere; only the fuzz binaries link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

set(CTS_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})

# cts_add_fuzzer(NAME SOURCE [LIBS lib...] [SEEDS dir-or-file...]): a fuzz target NAME from SOURCE
# (which defines LLVMFuzzerTestOneInput), linked with LIBS. Its corpus is SEEDS (real inputs of the
# project) plus harness/fuzz/regressions/NAME/ (inputs that once crashed, kept forever). ctest:
#   fuzz.NAME.corpus     every corpus input once (both builds): a crash fails the test
#   fuzz.NAME.campaign   CTS_FUZZ=ON only: libFuzzer for CTS_FUZZ_SECONDS from the corpus; new
#                        inputs go to the build tree, never into the sources
function(cts_add_fuzzer name source)
  cmake_parse_arguments(ARG "" "" "LIBS;SEEDS" ${ARGN})
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} cts_warnings)
  if(CTS_FUZZ)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_sources(${name} PRIVATE ${CTS_FUZZ_DIR}/replay_main.cpp)
  endif()
  if(NOT CTS_BUILD_TESTS)
    return()
  endif()
  set(regressions ${CTS_FUZZ_DIR}/regressions/${name})
  set(inputs ${ARG_SEEDS})
  if(EXISTS ${regressions})
    list(APPEND inputs ${regressions})
  endif()
  if(CTS_FUZZ)
    add_test(NAME fuzz.${name}.corpus COMMAND ${name} -runs=0 ${inputs})
    set(work ${CMAKE_CURRENT_BINARY_DIR}/corpus-${name})
    file(MAKE_DIRECTORY ${work})
    # -timeout: an input that takes this long is a hang, reported as a crash.
    add_test(NAME fuzz.${name}.campaign
             COMMAND ${name} -max_total_time=${CTS_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048
                     -print_final_stats=1 ${work} ${inputs})
  else()
    add_test(NAME fuzz.${name}.corpus COMMAND ${name} ${inputs})
  endif()
endfunction()
