// Comparisons on ASCII text that the JSON mapping and the spec's rules share: case-insensitive
// equality (keys, enum texts, header names), '|'-separated name lists (aliases, variant tags), and
// the text of a JSON integer (integer enums).
#pragma once

#include <cstddef>
#include <string_view>

namespace kaizala::detail {

// ASCII case-insensitive equality (JSON keys and enum texts are ASCII in practice).
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Calls f(name) for each name in a '|'-separated list; stops when f returns true.
template <class F>
bool any_of_names(std::string_view list, F&& f) {
  while (!list.empty()) {
    std::size_t bar = list.find('|');
    std::string_view name = list.substr(0, bar);
    if (f(name)) return true;
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return false;
}

// Whether `text` is an integer as JSON writes one (-?digits, no leading zero): the text an integer
// enum's value is written as.
inline bool is_json_integer(std::string_view text) {
  std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  if (i == text.size() || (text[i] == '0' && text.size() > i + 1)) return false;
  for (; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

}  // namespace kaizala::detail
