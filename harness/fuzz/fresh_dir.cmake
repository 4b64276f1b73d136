# SPDX-License-Identifier: MIT
# cmake -DDIR=path -P fresh_dir.cmake: DIR exists and is empty (a campaign's work corpus, so that the
# same seed replays the same campaign).
if(NOT DIR)
  message(FATAL_ERROR "fresh_dir.cmake: set DIR")
endif()
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
