// kaizala-cli: every Kaizala operation from the shell. See cli/README.md.
#include "run_cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return kaizala::cli::run_cli(args, std::cin, std::cout, std::cerr);
}
