// Reads the command line and hands it to help, decode or call. All output is collected first so
// secrets can be removed from it in one place before anything reaches the terminal.
#include "run_cli.hpp"

#include "arguments.hpp"
#include "completion.hpp"
#include "inputs.hpp"
#include "operations.hpp"
#include "suggest.hpp"

#include <kaizala/version.hpp>

#include <algorithm>
#include <cstdlib>
#include <istream>
#include <iterator>
#include <ostream>
#include <sstream>

namespace kaizala::cli {
namespace {

int usage_error(std::ostream& err, const std::string& message) {
  err << "error: " << message << "\n(kaizala-cli --help shows the usage)\n";
  return exit_usage;
}

std::vector<std::string_view> op_names() {
  std::vector<std::string_view> names;
  for (const auto& o : all_ops()) names.push_back(o.name);
  return names;
}

int unknown_op(std::ostream& err, const std::string& name) {
  return usage_error(err, "unknown operation \"" + name + "\"" + did_you_mean(name, op_names()));
}

int decode_command(const command_line& line, streams io) {
  const auto& w = line.words;
  const char* usage =
      "kaizala-cli decode <Op> request|response [--lenient] [--data JSON|@file|-] "
      "[< file.json]";
  if (line.help) {
    io.out << "Usage: " << usage
           << "\n  Reads a request body or a response of <Op> as the binding "
              "does (--lenient: keys in any\n  case, as the service did) and prints it encoded "
              "again; keys it would drop are noted.\n";
    return exit_ok;
  }
  if (w.size() != 3) return usage_error(io.err, std::string("usage: ") + usage);
  if (find_op(w[1]) == nullptr) return unknown_op(io.err, w[1]);
  if (w[2] != "request" && w[2] != "response")
    return usage_error(io.err,
                       "decode: expected request or response after the op, got \"" + w[2] + "\"");
  for (const auto& o : line.options) {
    if (o.name != "data")
      return usage_error(
          io.err, "decode: unknown option --" + o.name + did_you_mean(o.name, {"data", "lenient"}));
    if (!o.has_value) return usage_error(io.err, "--data needs a value");
  }
  std::string text, problem;
  if (const option* data = line.find("data")) {
    if (!read_data_argument(data->value, io.in, text, problem))
      return usage_error(io.err, "--data: " + problem);
  } else {
    text.assign(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
  }
  return decode_op(w[1], w[2] == "response", line.lenient, text, io);
}

int completion_command(const command_line& line, streams io) {
  const char* usage = "kaizala-cli completion bash|zsh";
  if (line.help) {
    io.out << "Usage: " << usage
           << "\n  Prints the completion script for the shell: ops, their options, enum values, "
              "paths.\n  bash: source <(kaizala-cli completion bash)\n  zsh:  source <(kaizala-cli "
              "completion zsh), or save it as _kaizala-cli on $fpath\n";
    return exit_ok;
  }
  std::string shells;
  for (auto s : completion_shells()) shells += (shells.empty() ? "" : ", ") + std::string(s);
  if (!line.options.empty())
    return usage_error(io.err, "completion: unknown option --" + line.options.front().name);
  if (line.words.size() != 2)
    return usage_error(io.err,
                       std::string("completion: name one shell (") + shells + "): " + usage);
  if (!write_completion(line.words[1], io.out))
    return usage_error(io.err, "completion: unsupported shell \"" + line.words[1] +
                                   "\" (supported: " + shells + ")");
  return exit_ok;
}

int help_command(const command_line& line, streams io) {
  const char* usage = "kaizala-cli help <Op>|<Type>";
  if (!line.options.empty())
    return usage_error(io.err, "help: unknown option --" + line.options.front().name);
  if (line.words.size() != 2)
    return usage_error(io.err, std::string("help: name one op or type: ") + usage);
  const std::string& name = line.words[1];
  if (find_op(name) != nullptr) {
    print_op_help(name, io.out);
    return exit_ok;
  }
  if (print_type_help(name, io.out)) return exit_ok;
  std::vector<std::string_view> names = type_names();
  for (auto n : op_names()) names.push_back(n);
  return usage_error(io.err, "help: no op or type \"" + name + "\"" + did_you_mean(name, names));
}

int dispatch(const std::vector<std::string>& args, streams io) {
  parsed_arguments parsed = parse_arguments(args);
  const command_line& line = parsed.line;
  // Known before anything can fail, so no message can ever show them.
  if (line.token) io.secrets.push_back(*line.token);
  if (const char* env = std::getenv("KAIZALA_ACCESS_TOKEN")) io.secrets.push_back(env);
  if (!parsed.error.empty()) return usage_error(io.err, parsed.error);
  // Only an op's array body field may be given more than once: the op checks its own.
  if (!line.repeated.empty() && (line.words.empty() || find_op(line.words[0]) == nullptr))
    return usage_error(io.err, "--" + line.repeated.front() + " is given twice");

  if (line.version) {
    io.out << "kaizala-cli " KAIZALA_VERSION_STRING "\n";
    return exit_ok;
  }
  if (line.words.empty() && !line.options.empty()) {
    // An option no op was named for, e.g. a misspelt global one: say which, not the whole usage.
    const std::string& name = line.options.front().name;
    std::string near = nearest_name(name, global_option_names());
    return usage_error(io.err, "unknown option --" + name +
                                   (near.empty() ? "" : " (did you mean \"--" + near + "\"?)"));
  }
  if (line.words.empty()) {
    if (line.help) {
      print_usage(io.out);
      return exit_ok;
    }
    print_usage(io.err);
    return exit_usage;
  }
  if ((line.output || line.all) && find_op(line.words[0]) == nullptr &&
      (line.words[0] == "decode" || line.words[0] == "login" || line.words[0] == "logout" ||
       line.words[0] == "completion" || line.words[0] == "help"))
    return usage_error(io.err, std::string(line.all ? "--all" : "--output") +
                                   " is for an op call, not " + line.words[0]);
  if (line.words[0] == "decode") return decode_command(line, io);
  if (line.words[0] == "help") return help_command(line, io);
  if (line.words[0] == "login")
    return line.help ? (io.out << "Usage: " << login_hint("default")
                               << " [--profile NAME] [--secret-file FILE] [--pin-file FILE]\n",
                        exit_ok)
                     : login_command(line, io);
  if (line.words[0] == "logout") return logout_command(line, io);
  if (line.words[0] == "completion") return completion_command(line, io);
  const std::string& op = line.words[0];
  if (find_op(op) == nullptr) return unknown_op(io.err, op);
  if (line.help) {
    print_op_help(op, io.out);
    return exit_ok;
  }
  if (line.words.size() > 1)
    return usage_error(
        io.err, "unexpected \"" + line.words[1] + "\": parameters are given as --<name> VALUE");
  if (line.lenient) return usage_error(io.err, "--lenient is for decode only");
  return call_op(op, line, io);
}

// Replaces every secret in `text` with "***", longest first so one secret holding another is
// still removed whole.
std::string redacted(std::string text, std::vector<std::string> secrets) {
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& s : secrets) {
    if (s.empty()) continue;
    for (std::size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 3))
      text.replace(at, s.size(), "***");
  }
  return text;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err) {
  std::ostringstream out_text, err_text;
  std::vector<std::string> secrets;
  int code = dispatch(args, {in, out_text, err_text, secrets});
  out << redacted(std::move(out_text).str(), secrets);
  err << redacted(std::move(err_text).str(), secrets);
  out.flush();
  err.flush();
  return code;
}

}  // namespace kaizala::cli
