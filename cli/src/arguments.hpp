// The command line, split into global options, positional words and per-op options.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kaizala::cli {

// `--name VALUE` or `--name=VALUE`, as given.
struct option {
  std::string name;  // without the leading "--"
  std::string value;
};

struct command_line {
  // Global options (anywhere on the line).
  std::optional<std::string> base;       // --base: the endpoint root's base (endpointUrl)
  std::optional<std::string> auth_base;  // --auth-base: the auth root's base
  std::optional<std::string> token;      // --token: the access token
  std::optional<std::string> timeout;    // --timeout: seconds, as typed
  bool help = false;                     // --help / -h
  bool version = false;                  // --version
  bool lenient = false;                  // --lenient (decode mode)
  // Words that are not options: the op name, or "decode", the op and the side.
  std::vector<std::string> words;
  // Every other option, in order: the op's parameters, --data, --file, --content-type.
  std::vector<option> options;

  // The value of option `name`, or nullptr.
  const option* find(const std::string& name) const;
};

// Splits `args`. Every option except --help, --version and --lenient takes a value. Fails (with a
// message for the user) on an option without its value or a global option given twice.
struct parsed_arguments {
  command_line line;
  std::string error;  // "" when the line was read
};
parsed_arguments parse_arguments(const std::vector<std::string>& args);

}  // namespace kaizala::cli
