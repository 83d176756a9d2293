// The command line, split into global options, positional words and per-op options.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::cli {

// `--name VALUE` or `--name=VALUE`, as given.
struct option {
  std::string name;  // without the leading "--"
  std::string value;
  bool has_value = true;  // false: the last word of the line, with nothing after it
};

struct command_line {
  // Global options (anywhere on the line).
  std::optional<std::string> base;       // --base: the endpoint root's base (endpointUrl)
  std::optional<std::string> auth_base;  // --auth-base: the auth root's base
  std::optional<std::string> token;      // --token: the access token
  std::optional<std::string> timeout;    // --timeout: seconds, as typed
  std::optional<std::string> output;     // --output json|table|raw, as typed
  bool all = false;                      // --all: follow the cursor of a paging op
  bool help = false;                     // --help / -h
  bool version = false;                  // --version
  bool lenient = false;                  // --lenient (decode mode)
  bool debug = false;                    // --debug: each request and response to stderr
  std::vector<std::string> headers;      // --header "Name: value", repeatable, as typed
  // Words that are not options: the op name, or "decode", the op and the side.
  std::vector<std::string> words;
  // Every other option, in order: the op's parameters, --data, --file, --content-type.
  std::vector<option> options;
  // Names of options given more than once, in order: only an array body field may be.
  std::vector<std::string> repeated;

  // The value of option `name`, or nullptr.
  const option* find(const std::string& name) const;
  // Every value of option `name`, in order (an array body field may be given more than once).
  std::vector<const option*> find_all(const std::string& name) const;
};

// Splits `args`. Every option except --help, --version, --lenient, --debug and --all takes a value.
// Fails (with a message for the user) on a global option without its value or given twice. An op
// option given twice is kept and noted in `repeated`: the command decides (an array body field may
// repeat). An op's option without its value is kept (has_value false), so that the op can first say
// whether it knows the option at all.
struct parsed_arguments {
  command_line line;
  std::string error;  // "" when the line was read
};
parsed_arguments parse_arguments(const std::vector<std::string>& args);

}  // namespace kaizala::cli

namespace kaizala::cli {

// The global options' names (without "--"), for "did you mean".
const std::vector<std::string_view>& global_option_names();

// A --header value, "Name: value", split. Fails (with a message for the user) on a name that is not
// an HTTP token or a value holding a line break or NUL.
struct header_argument {
  std::string name, value;
  std::string error;  // "" when it was read
};
header_argument parse_header_argument(const std::string& text);

}  // namespace kaizala::cli
