// kaizala-codegen: the command line around generate() and the output folder functions.
#include <exception>
#include <fstream>
#include <iostream>
#include <kaizala/version.hpp>
#include <sstream>
#include <string>

#include "generate.hpp"
#include "output_dir.hpp"

namespace {

const char* const usage =
    "usage: kaizala-codegen <spec.json> -o <dir>        write the headers into <dir>\n"
    "       kaizala-codegen <spec.json> --check <dir>   exit 1 if <dir> differs from a fresh "
    "generation\n"
    "       kaizala-codegen --version | --help\n"
    "Options: --namespace <ns>   generate into C++ namespace <ns> instead of the spec's "
    "api.namespace\n"
    "Exit status: 0 done, 1 errors in the spec or files differ, 2 bad command line or I/O error.\n";

int bad_usage(const std::string& why) {
  std::cerr << "kaizala-codegen: " << why << "\n" << usage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kaizala::codegen;
  std::string spec, dir, mode, ns;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      return 0;
    }
    if (arg == "--version") {
      std::cout << "kaizala-codegen " KAIZALA_VERSION_STRING "\n";
      return 0;
    }
    if (arg == "-o" || arg == "--check") {
      if (!mode.empty()) return bad_usage("give one of -o or --check, once");
      if (i + 1 == argc) return bad_usage(arg + " needs a folder");
      mode = arg;
      dir = argv[++i];
    } else if (arg == "--namespace") {
      if (!ns.empty()) return bad_usage("give --namespace once");
      if (i + 1 == argc || argv[i + 1][0] == '\0') return bad_usage("--namespace needs a name");
      ns = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return bad_usage("unknown option " + arg);
    } else if (spec.empty()) {
      spec = arg;
    } else {
      return bad_usage("more than one spec file");
    }
  }
  if (spec.empty()) return bad_usage("no spec file");
  if (mode.empty()) return bad_usage("give -o <dir> or --check <dir>");

  std::ifstream in(spec, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    std::cerr << "kaizala-codegen: cannot read " << spec << "\n";
    return 2;
  }

  generation result = generate(text.str(), spec, ns);
  for (const auto& d : result.diagnostics) std::cerr << format(d) << "\n";
  if (has_errors(result.diagnostics)) return 1;

  try {
    if (mode == "-o") {
      write_output(dir, result.files);
      return 0;
    }
    auto problems = check_output(dir, result.files);
    for (const auto& line : problems) std::cout << line << "\n";
    return problems.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "kaizala-codegen: " << e.what() << "\n";
    return 2;
  }
}
