#include "suggest.hpp"

#include <algorithm>
#include <cstddef>

namespace kaizala::cli {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Levenshtein distance, ASCII case ignored; two rows, names are short.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t same = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + same});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string nearest_name(std::string_view typed, const std::vector<std::string_view>& candidates) {
  std::size_t limit = std::max<std::size_t>(2, typed.size() / 3), best = limit + 1;
  std::string_view found;
  for (std::string_view c : candidates) {
    std::size_t d = distance(typed, c);
    if (d < best) {
      best = d;
      found = c;
    }
  }
  return std::string(found);
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates) {
  std::string near = nearest_name(typed, candidates);
  return near.empty() ? std::string() : " (did you mean \"" + near + "\"?)";
}

}  // namespace kaizala::cli
