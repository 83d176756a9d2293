// kaizala-cli as a function, so tests run it in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kaizala::cli {

// Runs kaizala-cli with `args` (the command line without the program name), reading standard
// input from `in`. Returns the exit code: 0 done, 1 the call or decode failed (the typed error is
// on `err`), 2 the command line could not be read (usage error on `err`). The access token and
// every secret parameter are removed from everything written to `out` and `err`.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err);

}  // namespace kaizala::cli
