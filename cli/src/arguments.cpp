#include "arguments.hpp"

#include <string_view>

namespace kaizala::cli {
namespace {

bool is_global_with_value(const std::string& name) {
  return name == "base" || name == "auth-base" || name == "token" || name == "timeout" ||
         name == "header" || name == "output";
}

// RFC 9110 §5.6.2: a header name is a token.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

const option* command_line::find(const std::string& name) const {
  for (const auto& o : options)
    if (o.name == name) return &o;
  return nullptr;
}

std::vector<const option*> command_line::find_all(const std::string& name) const {
  std::vector<const option*> all;
  for (const auto& o : options)
    if (o.name == name) all.push_back(&o);
  return all;
}

const std::vector<std::string_view>& global_option_names() {
  static const std::vector<std::string_view> names = {"base",   "auth-base", "token",  "timeout",
                                                      "header", "output",    "all",    "debug",
                                                      "help",   "version",   "lenient"};
  return names;
}

header_argument parse_header_argument(const std::string& text) {
  header_argument h;
  std::size_t colon = text.find(':');
  if (colon == std::string::npos) {
    h.error = "--header: expected \"Name: value\", got no ':'";
    return h;
  }
  std::string_view name = trimmed(std::string_view(text).substr(0, colon));
  std::string_view value = trimmed(std::string_view(text).substr(colon + 1));
  if (name.empty()) {
    h.error = "--header: the header name before ':' is empty";
    return h;
  }
  for (char c : name)
    if (!is_token_char(c)) {
      h.error = "--header: \"" + std::string(name) + "\" is not a valid header name";
      return h;
    }
  for (char c : value)
    if (c == '\r' || c == '\n' || c == '\0') {
      h.error = "--header " + std::string(name) + ": the value holds a line break or NUL";
      return h;
    }
  h.name = std::string(name);
  h.value = std::string(value);
  return h;
}

parsed_arguments parse_arguments(const std::vector<std::string>& args) {
  parsed_arguments p;
  command_line& c = p.line;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      c.help = true;
      continue;
    }
    if (a == "--version") {
      c.version = true;
      continue;
    }
    if (a == "--lenient") {
      c.lenient = true;
      continue;
    }
    if (a == "--debug") {
      c.debug = true;
      continue;
    }
    if (a == "--all") {
      c.all = true;
      continue;
    }
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
      c.words.push_back(a);  // includes "-" and plain words
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_value = true;
    if (std::size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else if (is_global_with_value(name)) {
      p.error = "--" + name + " needs a value";
      return p;
    } else {
      has_value = false;
    }
    if (name == "header") {
      c.headers.push_back(std::move(value));
      continue;
    }
    std::optional<std::string>* global = name == "base"        ? &c.base
                                         : name == "auth-base" ? &c.auth_base
                                         : name == "token"     ? &c.token
                                         : name == "timeout"   ? &c.timeout
                                         : name == "output"    ? &c.output
                                                               : nullptr;
    if (global != nullptr) {
      if (*global) {
        p.error = "--" + name + " is given twice";
        return p;
      }
      *global = std::move(value);
    } else {
      bool seen = false, noted = false;
      for (const auto& o : c.options) seen = seen || o.name == name;
      for (const auto& r : c.repeated) noted = noted || r == name;
      if (seen && !noted) c.repeated.push_back(name);
      c.options.push_back({std::move(name), std::move(value), has_value});
    }
  }
  return p;
}

}  // namespace kaizala::cli
