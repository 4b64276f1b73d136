# SPDX-License-Identifier: MIT
# Fuzzing every parser (harness/fuzz/README.md).
#
# With -DCTS_FUZZ=ON (clang only) the whole build is instrumented for libFuzzer with AddressSanitizer
# and UndefinedBehaviorSanitizer, and each target is a libFuzzer binary. Otherwise (g++, the default)
# the same target file is linked with a small replay main that feeds it every input of its corpus,
# so the code runs in every build and a fixed crash stays fixed.
option(CTS_FUZZ "Build the parsers' fuzz targets as libFuzzer binaries (clang)" OFF)
# ctest's campaigns are deterministic: a fixed seed and a fixed number of inputs (RUNS, chosen per
# target for about 15 s here), so a CI failure replays anywhere; a time limit would make the inputs
# depend on the machine's speed. Longer or other-seeded campaigns are run by hand (README.md).
set(CTS_FUZZ_SEED 1 CACHE STRING "libFuzzer seed of the ctest campaigns (CTS_FUZZ=ON)")

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

# cts_add_fuzzer(NAME SOURCE RUNS n [LIBS lib...] [SEEDS dir-or-file...]): a fuzz target NAME from SOURCE
# (which defines LLVMFuzzerTestOneInput), linked with LIBS. Its corpus is SEEDS (real inputs of the
# project) plus harness/fuzz/regressions/NAME/ (inputs that once crashed, kept forever). ctest:
#   fuzz.NAME.corpus     every corpus input once (both builds): a crash fails the test
#   fuzz.NAME.campaign   CTS_FUZZ=ON only: libFuzzer, RUNS inputs from seed CTS_FUZZ_SEED
#                        and a fresh work corpus; new inputs go to the build tree, never the sources
function(cts_add_fuzzer name source)
  cmake_parse_arguments(ARG "" "RUNS" "LIBS;SEEDS" ${ARGN})
  if(NOT ARG_RUNS)
    message(FATAL_ERROR "cts_add_fuzzer(${name}): RUNS n (inputs per ctest campaign) is required")
  endif()
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
    # libFuzzer writes new inputs to its first corpus directory: a work directory in the build tree,
    # emptied before each campaign so that the same seed replays the same campaign.
    # -timeout: an input that takes this long is a hang, reported as a crash.
    set(work ${CMAKE_CURRENT_BINARY_DIR}/corpus-${name})
    add_test(NAME fuzz.${name}.fresh_corpus
             COMMAND ${CMAKE_COMMAND} -DDIR=${work} -P ${CTS_FUZZ_DIR}/fresh_dir.cmake)
    set_tests_properties(fuzz.${name}.fresh_corpus PROPERTIES FIXTURES_SETUP fuzz.${name}.work)
    add_test(NAME fuzz.${name}.campaign
             COMMAND ${name} -seed=${CTS_FUZZ_SEED} -runs=${ARG_RUNS} -timeout=10
                     -rss_limit_mb=2048 -print_final_stats=1 ${work} ${inputs})
    set_tests_properties(fuzz.${name}.campaign PROPERTIES FIXTURES_REQUIRED fuzz.${name}.work)
  else()
    add_test(NAME fuzz.${name}.corpus COMMAND ${name} ${inputs})
  endif()
endfunction()
