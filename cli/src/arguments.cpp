#include "arguments.hpp"

#include <string_view>

namespace kaizala::cli {

const option* command_line::find(const std::string& name) const {
  for (const auto& o : options)
    if (o.name == name) return &o;
  return nullptr;
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
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
      c.words.push_back(a);  // includes "-" and plain words
      continue;
    }
    std::string name = a.substr(2), value;
    if (std::size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      p.error = "--" + name + " needs a value";
      return p;
    }
    std::optional<std::string>* global = name == "base"        ? &c.base
                                         : name == "auth-base" ? &c.auth_base
                                         : name == "token"     ? &c.token
                                         : name == "timeout"   ? &c.timeout
                                                               : nullptr;
    if (global != nullptr) {
      if (*global) {
        p.error = "--" + name + " is given twice";
        return p;
      }
      *global = std::move(value);
    } else {
      for (const auto& o : c.options)
        if (o.name == name) {
          p.error = "--" + name + " is given twice";
          return p;
        }
      c.options.push_back({std::move(name), std::move(value)});
    }
  }
  return p;
}

}  // namespace kaizala::cli
