// diagnostic.hpp: one problem found in a spec, printed as `file:line:col: error: message`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kaizala::codegen {

enum class severity { error, warning };

struct diagnostic {
  std::string file;
  int line = 1;  // 1-based
  int col = 1;   // 1-based, counting bytes
  severity level = severity::error;
  std::string message;
};

// `file:line:col: error: message` (or `warning:`), without a newline.
inline std::string format(const diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) +
         (d.level == severity::error ? ": error: " : ": warning: ") + d.message;
}

// `"text"`, as messages quote spec names; quotes, backslashes and control characters escaped as
// in JSON, so a diagnostic stays one line and sends no terminal escape sequence.
std::string quoted(std::string_view s);

// `s` as one printable line: control characters escaped as in JSON, nothing else changed. For text
// taken from a document (keys, $refs, pointers, origins) that a message shows unquoted.
std::string printable(std::string_view s);

// ` (did you mean "X"?)` for the closest of `candidates` within two edits of `name`, else "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

inline bool has_errors(const std::vector<diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.level == severity::error) return true;
  return false;
}

}  // namespace kaizala::codegen
