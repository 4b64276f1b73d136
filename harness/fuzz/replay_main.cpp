// SPDX-License-Identifier: MIT
// The main of a fuzz target in a build without libFuzzer: feeds LLVMFuzzerTestOneInput every file
// named on the command line (directories: every regular file in them, sorted), so the corpus and
// the crash regressions run in every build. Exit 0 when every input ran, 2 when one is unreadable.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const fs::path& p) {
  if (!fs::is_directory(p)) return {p};
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(p)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ran = 0;
  for (int i = 1; i < argc; ++i) {
    for (const fs::path& f : inputs_of(argv[i])) {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        std::cerr << "cannot read " << f.string() << "\n";
        return 2;
      }
      const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++ran;
    }
  }
  if (ran == 0) {
    std::cerr << "no input files\n";
    return 2;
  }
  std::cout << ran << " inputs ran\n";
  return 0;
}
