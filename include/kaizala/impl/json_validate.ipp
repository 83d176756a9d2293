// Definitions of kaizala/detail/json_validate.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/detail/json_validate.hpp>

namespace kaizala::detail {

KAIZALA_DECL bool validator::fail(std::string_view what) {
  error e;
  e.kind = error_kind::invalid_request;
  e.path = path_.str();
  e.message = at_path(path_, what);
  error_ = std::move(e);
  return false;
}

KAIZALA_DECL bool validator::check_length(std::string_view s, std::uint32_t max_length) {
  std::size_t n = count_code_points(s);
  if (n <= max_length) return true;
  return fail("at most " + std::to_string(max_length) + " characters allowed, got " +
              std::to_string(n));
}

KAIZALA_DECL bool validator::check_items(std::size_t n, std::uint32_t max_items) {
  if (n <= max_items) return true;
  return fail("at most " + std::to_string(max_items) + " items allowed, got " + std::to_string(n));
}

}  // namespace kaizala::detail
