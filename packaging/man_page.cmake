# SPDX-License-Identifier: MIT
# Writes the man page cmdqv-cts(1) from `cmdqv-cts help`, so it never drifts from the program.
# Inputs: CTS (the built cmdqv-cts), OUT (the .1 file), VERSION.
execute_process(COMMAND ${CTS} help RESULT_VARIABLE rc OUTPUT_VARIABLE usage ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR usage STREQUAL "")
  message(FATAL_ERROR "man page: `${CTS} help` failed (${rc}): ${err}")
endif()
# roff: a backslash is \e; a line may not start with . or ' (a request).
string(REPLACE "\\" "\\e" usage "${usage}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" usage "${usage}")
file(WRITE ${OUT} ".\\\" SPDX-License-Identifier: MIT
.\\\" Generated from `cmdqv-cts help` by packaging/man_page.cmake.
.TH CMDQV-CTS 1 \"\" \"cmdqv-cts ${VERSION}\" \"User Commands\"
.SH NAME
cmdqv-cts \\- conformance suite for NVIDIA Tegra241 CMDQV and the Arm SMMUv3 command queue
.SH SYNOPSIS
.B cmdqv-cts
.I COMMAND
.RI [ options ]
.SH DESCRIPTION
cmdqv-cts checks a device implementation (an in-process model, a plugin shared object built
against
.IR cmdqv_cts/device.h ,
a bundled zoo entry, or QEMU's SMMUv3 over qtest) clause by clause against an executable
reference model, and reports which clause it breaks with the shortest sequence that shows it.
The commands and options:
.PP
.nf
${usage}.fi
.SH EXIT STATUS
0 every device conforms or deviates only as expected; 1 a non-conformance, a crashed device or
a stale expectation; 2 a usage or configuration error.
.SH FILES
.TP
.I PREFIX/lib/cmdqv-cts/zoo/
the zoo's device plugins
.RB ( zoo:NAME ;
.B CMDQV_CTS_ZOO_DIR
overrides it).
.TP
.I PREFIX/include/cmdqv_cts/device.h
the device plugin ABI;
.B find_package(cmdqv_cts)
gives the CMake target
.BR cmdqv_cts::device ,
.B pkg-config cmdqv-cts
the flags.
.SH SEE ALSO
The README (PREFIX/share/doc/cmdqv-cts/README.md) explains the verdicts, the report formats,
expectation files, fault injection and how to plug in a device.
")
