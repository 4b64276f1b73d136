# SPDX-License-Identifier: MIT
# The same seed gives the same verdicts and counterexamples, byte for byte: two runs of deviating
# devices (a zoo entry and an injected fault, both shrunk and replayed) write identical JSON
# reports and identical console output. The reports hold no timing, so nothing is masked.
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
foreach(n IN ITEMS 1 2)
  execute_process(COMMAND ${CTS} run --seed 11 --sequences 40 --device zoo:ill-advances-cons
                          --device faulty:random-reads@p=0.01,seed=9:zoo:conforming --json ${DIR}/run${n}.json
                  RESULT_VARIABLE rc OUTPUT_FILE ${DIR}/run${n}.txt)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "run ${n}: expected exit 1 (both devices deviate), got ${rc}")
  endif()
endforeach()
file(READ ${DIR}/run1.json json)
string(JSON cex GET "${json}" runs 0 counterexamples 0 reproduce)
# The first counterexample is a directed test's (they run first) or a seeded sequence's.
if(NOT cex MATCHES "--seed 11|--directed-test ")
  message(FATAL_ERROR "the report has no counterexample to compare: ${cex}")
endif()
foreach(ext IN ITEMS json txt)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${DIR}/run1.${ext} ${DIR}/run2.${ext} RESULT_VARIABLE diff)
  if(NOT diff EQUAL 0)
    message(FATAL_ERROR "two runs with seed 11 differ: ${DIR}/run1.${ext} ${DIR}/run2.${ext}")
  endif()
endforeach()
