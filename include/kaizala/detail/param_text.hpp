// kaizala/detail/param_text.hpp: a scalar or enum read back from the text of a path, query or
// header parameter (read_request) or of a declared response header (call<Op>).
#pragma once

#include <kaizala/detail/type_traits.hpp>
#include <kaizala/json.hpp>

#include <boost/json/value.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace kaizala::detail {

// Reads a path, query or header parameter from its text. False when the text does not fit M.
template <class M>
bool param_from_text(std::string_view text, M& out) {
  if constexpr (is_optional<M>::value) {
    return param_from_text(text, out.emplace());
  } else if constexpr (std::is_same_v<M, std::string>) {
    out.assign(text.data(), text.size());
    return true;
  } else if constexpr (std::is_same_v<M, bool>) {
    if (iequals(text, "true")) return (out = true), true;
    if (iequals(text, "false")) return (out = false), true;
    return false;
  } else if constexpr (is_integer_v<M>) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
  } else if constexpr (std::is_same_v<M, double>) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty() && std::isfinite(out);
  } else if constexpr (is_open_enum<M>::value) {
    // Through the JSON decoder, so enums read the same everywhere (case-insensitive, open). An
    // integer enum's text must be an integer; an unknown one is kept.
    boost::json::value v(boost::json::string_view(text.data(), text.size()));
    if constexpr (meta::is_integer_enum<decltype(out.value())>::value) {
      std::int64_t i = 0;
      std::uint64_t u = 0;
      const char* end = text.data() + text.size();
      if (!is_json_integer(text)) return false;
      if (std::from_chars(text.data(), end, i).ec == std::errc()) v = i;
      else if (std::from_chars(text.data(), end, u).ec == std::errc()) v = u;
      else return false;
    }
    auto e = from_json_value<M>(v);
    if (!e) return false;
    out = std::move(*e);
    return true;
  } else {
    static_assert(dependent_false_v<M>, "kaizala: parameters must be scalars or enums");
    return false;
  }
}

template <class M>
constexpr std::string_view param_kind_name() {
  using T = typename std::conditional_t<is_optional<M>::value, M, std::optional<M>>::value_type;
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  else if constexpr (is_integer_v<T>) return "an integer";
  else if constexpr (is_open_enum<T>::value) {
    if constexpr (meta::is_integer_enum<decltype(std::declval<T>().value())>::value) return "an integer";
    else return "a string";
  }
  else if constexpr (std::is_same_v<T, double>) return "a number";
  else return "a string";
}

}  // namespace kaizala::detail
