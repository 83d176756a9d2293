// The JSON path of the value being read or checked, rendered only when an error needs it.
#pragma once

#include <kaizala/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::detail {

class json_path {
 public:
  // Out of line: a program that only validates requests keeps the vector code in one place.
  KAIZALA_DECL void push_key(std::string_view key);
  KAIZALA_DECL void push_index(std::size_t index);
  void pop() { segments_.pop_back(); }

  // "members[3].mobileNumber"; map keys that are not plain names are quoted: result["+91 99"].
  KAIZALA_DECL std::string str() const;

 private:
  struct segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };
  static bool is_plain(std::string_view k) {
    if (k.empty()) return false;
    for (char c : k) {
      bool ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) return false;
    }
    return true;
  }
  std::vector<segment> segments_;
};

// "<path>: <what>", with "(root)" for the whole document.
KAIZALA_DECL std::string at_path(const json_path& p, std::string_view what);

}  // namespace kaizala::detail

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/json_path.ipp>
#endif
