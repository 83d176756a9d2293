// The JSON path of the value being read or checked, rendered only when an error needs it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::detail {

class json_path {
 public:
  void push_key(std::string_view key) { segments_.push_back({key, 0, false}); }
  void push_index(std::size_t index) { segments_.push_back({{}, index, true}); }
  void pop() { segments_.pop_back(); }

  // "members[3].mobileNumber"; map keys that are not plain names are quoted: result["+91 99"].
  std::string str() const {
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

 private:
  struct segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };
  static bool is_plain(std::string_view k) {
    if (k.empty()) return false;
    for (char c : k) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return false;
    }
    return true;
  }
  std::vector<segment> segments_;
};

// "<path>: <what>", with "(root)" for the whole document.
inline std::string at_path(const json_path& p, std::string_view what) {
  std::string s = p.str();
  if (s.empty()) s = "(root)";
  s += ": ";
  s += what;
  return s;
}

}  // namespace kaizala::detail
