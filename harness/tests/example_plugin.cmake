# SPDX-License-Identifier: MIT
# The example plugin builds out of tree against the installed ABI header and conforms:
# install the suite to a scratch prefix, configure and build the example as a stranger
# would, then run it through cmdqv-cts.
# Inputs: BUILD_DIR (the suite's build tree), EXAMPLE_DIR, WORK_DIR, CTS (the cmdqv-cts binary).
file(REMOVE_RECURSE ${WORK_DIR})
function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()
step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
if(NOT EXISTS ${WORK_DIR}/prefix/include/cmdqv_cts/device.h)
  message(FATAL_ERROR "cmake --install did not install include/cmdqv_cts/device.h")
endif()
step(${CMAKE_COMMAND} -S ${EXAMPLE_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DWERROR=ON)
step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
step(${CTS} run --profile smmuv3 --sequences 60 --device plugin:${WORK_DIR}/build/libminimal_plugin.so)
if(NOT last_output MATCHES "cmdqv-cts: PASS")
  message(FATAL_ERROR "the example plugin does not conform:\n${last_output}")
endif()
message(STATUS "example plugin built out of tree and conforms")
