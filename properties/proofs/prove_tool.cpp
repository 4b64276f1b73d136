// SPDX-License-Identifier: MIT
// cmdqv-prove: the prove command on its own, so that ctest checks the command end to end.
#include <iostream>
#include <string>
#include <vector>

#include "prove_command.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return cts::proofs::run_prove_command(args, std::cout);
}
