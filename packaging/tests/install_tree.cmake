# SPDX-License-Identifier: MIT
# cmake --install to a scratch prefix, then, from that prefix only: the installed cmdqv-cts runs
# (spec built in, the zoo found next to it), its man page is there, and the example plugin builds
# against the installed SDK with find_package(cmdqv_cts) and conforms.
# Inputs: BUILD_DIR (the suite's build tree), WORK_DIR (scratch).
include(${CMAKE_CURRENT_LIST_DIR}/run_step.cmake)
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
expect_files(${prefix} ${CTS_INSTALLED_FILES})
set(cts ${prefix}/bin/cmdqv-cts)

# Run from an unrelated directory with no hint where the build was: spec and expectations are
# built in, the zoo is the installed one.
set(ENV{CMDQV_CTS_ZOO_DIR} "")
step(${cts} help)
expect_match("${last_output}" "usage: cmdqv-cts COMMAND" "cmdqv-cts help")
step(${cts} list)
expect_match("${last_output}" "HYP-1" "cmdqv-cts list (the spec built in)")
set(EXPECT_EXIT 1)
step(${cts} run --device zoo:hyp-own-not-masked --profile cmdqv-guest --sequences 20)
unset(EXPECT_EXIT)
expect_match("${last_output}" "HYP-1 +normative +FAIL" "the installed zoo's hyp-own-not-masked")
# The zoo it uses is the installed one: an entry removed from the prefix (and still in the build
# tree) is gone from its list.
file(REMOVE ${prefix}/lib/cmdqv-cts/zoo/libcts_zoo_guest-accepts-cfgi.so)
step(${cts} list devices)
expect_match("${last_output}" "zoo:conforming" "cmdqv-cts list devices")
if(last_output MATCHES "zoo:guest-accepts-cfgi")
  message(FATAL_ERROR "the installed cmdqv-cts lists a zoo entry that is not installed: it reads the build tree's zoo")
endif()

file(READ ${prefix}/share/man/man1/cmdqv-cts.1 man)
expect_match("${man}" "\\.TH CMDQV-CTS 1.*\\.SH NAME.*run +check devices against the reference model" "the man page")

# pkg-config: the include flag points into the prefix (wherever it is).
find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  set(ENV{PKG_CONFIG_PATH} ${prefix}/share/pkgconfig)
  step(${PKG_CONFIG} --cflags cmdqv-cts)
  string(STRIP "${last_output}" cflags)
  string(REGEX REPLACE "^-I" "" incdir "${cflags}")
  if(NOT EXISTS ${incdir}/cmdqv_cts/device.h)
    message(FATAL_ERROR "pkg-config --cflags cmdqv-cts gives '${cflags}', which holds no cmdqv_cts/device.h")
  endif()
else()
  message(STATUS "pkg-config not installed: cmdqv-cts.pc checked as text only")
  file(READ ${prefix}/share/pkgconfig/cmdqv-cts.pc pc)
  expect_match("${pc}" "prefix=\\$\\{pcfiledir\\}/\\.\\./\\.\\.\nincludedir=\\$\\{prefix\\}/include" "cmdqv-cts.pc")
endif()

# The example, copied out of the installed docs, configured against the prefix only.
set(example ${WORK_DIR}/minimal_plugin)
file(COPY ${prefix}/share/doc/cmdqv-cts/examples/minimal_plugin DESTINATION ${WORK_DIR})
step(${CMAKE_COMMAND} -S ${example} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix} -DWERROR=ON)
expect_match("${last_output}" "find_package\\(cmdqv_cts\\) 0\\.[0-9.]+ in ${prefix}/share/cmake/cmdqv_cts"
             "the example found the installed SDK")
step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
step(${cts} run --profile smmuv3 --sequences 60 --device plugin:${WORK_DIR}/build/libminimal_plugin.so)
expect_match("${last_output}" "cmdqv-cts: PASS" "the example plugin on the installed cmdqv-cts")
message(STATUS "installed to ${prefix}: cmdqv-cts runs from there; the example builds with find_package and conforms")
