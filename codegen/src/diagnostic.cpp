#include "diagnostic.hpp"

namespace kaizala::codegen {

namespace {

// Control bytes as JSON escapes; with `quotes`, '"' and '\' too.
void append_escaped(std::string& out, std::string_view s, bool quotes) {
  static const char hex[] = "0123456789abcdef";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (quotes && (c == '"' || c == '\\')) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string printable(std::string_view s) {
  std::string out;
  append_escaped(out, s, false);
  return out;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  append_escaped(out, s, true);
  return out + "\"";
}

}  // namespace kaizala::codegen
