# SPDX-License-Identifier: MIT
# The JSON and JUnit reports of a run with a conforming and a deviating device are well formed
# and carry the verdicts: parse the JSON with CMake's string(JSON) and look into the XML.
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
execute_process(COMMAND ${CTS} run --profile cmdqv-guest --sequences 20 --device model --device zoo:hyp-own-not-masked
                        --json ${DIR}/r.json --junit ${DIR}/r.xml
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit 1 (the deviant fails without --expect), got ${rc}")
endif()
file(READ ${DIR}/r.json json)
string(JSON schema GET "${json}" schema)
string(JSON n LENGTH "${json}" runs)
string(JSON model_passed GET "${json}" runs 0 passed)
string(JSON zoo_passed GET "${json}" runs 1 passed)
string(JSON zoo_device GET "${json}" runs 1 device)
if(NOT schema STREQUAL "cmdqv-cts-report/1" OR NOT n EQUAL 2 OR NOT model_passed OR zoo_passed
   OR NOT zoo_device STREQUAL "zoo:hyp-own-not-masked")
  message(FATAL_ERROR "unexpected JSON report: ${schema} ${n} ${model_passed} ${zoo_passed} ${zoo_device}")
endif()
string(JSON cex GET "${json}" runs 1 counterexamples 0 reproduce)
if(NOT cex MATCHES "cmdqv-cts run --device zoo:hyp-own-not-masked --profile cmdqv-guest")
  message(FATAL_ERROR "no reproduce command in the JSON counterexample: ${cex}")
endif()
file(READ ${DIR}/r.xml xml)
if(NOT xml MATCHES "<testcase name=\"HYP-1\" classname=\"zoo:hyp-own-not-masked cmdqv-guest\"><failure message=")
  message(FATAL_ERROR "no HYP-1 failure in the JUnit report")
endif()
if(NOT xml MATCHES "<property name=\"seed\" value=\"1\"/>")
  message(FATAL_ERROR "no seed property in the JUnit report")
endif()
