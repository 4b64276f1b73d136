# SPDX-License-Identifier: MIT
# run --report DIR writes results.jsonl, index.html, junit.xml and report.json; `report DIR`
# rebuilds the same verdicts from results.jsonl alone.
file(REMOVE_RECURSE ${DIR})
execute_process(COMMAND ${CTS} run --profile cmdqv-guest --sequences 20 --device model --device zoo:hyp-own-not-masked
                        --report ${DIR}/run
                RESULT_VARIABLE rc OUTPUT_VARIABLE first)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "run: expected exit 1 (the deviant fails without --expect), got ${rc}\n${first}")
endif()
foreach(f results.jsonl index.html junit.xml report.json)
  if(NOT EXISTS ${DIR}/run/${f})
    message(FATAL_ERROR "--report did not write ${f}")
  endif()
endforeach()
file(COPY ${DIR}/run/results.jsonl DESTINATION ${DIR}/again)
execute_process(COMMAND ${CTS} report ${DIR}/again --report ${DIR}/again RESULT_VARIABLE rc OUTPUT_VARIABLE second)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "report: expected exit 1, got ${rc}\n${second}")
endif()
# The verdict tables are the same, line for line (only the report-location line differs).
string(REGEX REPLACE "cmdqv-cts: report in [^\n]*\n" "" first "${first}")
string(REGEX REPLACE "cmdqv-cts: report in [^\n]*\n" "" second "${second}")
if(NOT first STREQUAL second)
  message(FATAL_ERROR "report differs from the run:\n--- run\n${first}\n--- report\n${second}")
endif()
file(READ ${DIR}/run/index.html a)
file(READ ${DIR}/again/index.html b)
if(NOT a STREQUAL b)
  message(FATAL_ERROR "the rebuilt index.html differs from the run's")
endif()
