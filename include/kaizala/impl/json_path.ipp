// Definitions of kaizala/detail/json_path.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/detail/json_path.hpp>

namespace kaizala::detail {

KAIZALA_DECL void json_path::push_key(std::string_view key) {
  segments_.push_back({key, 0, false});
}
KAIZALA_DECL void json_path::push_index(std::size_t index) {
  segments_.push_back({{}, index, true});
}

KAIZALA_DECL std::string json_path::str() const {
  std::string s;
  for (const segment& seg : segments_) {
    if (seg.is_index) {
      s += '[';
      s += std::to_string(seg.index);
      s += ']';
    } else if (is_plain(seg.key)) {
      if (!s.empty()) s += '.';
      s += seg.key;
    } else {
      s += "[\"";
      for (char c : seg.key) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
      }
      s += "\"]";
    }
  }
  return s;
}

KAIZALA_DECL std::string at_path(const json_path& p, std::string_view what) {
  std::string s = p.str();
  if (s.empty()) s = "(root)";
  s += ": ";
  s += what;
  return s;
}

}  // namespace kaizala::detail
