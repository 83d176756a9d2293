// kaizala/param_text.hpp: a path, query, header or form parameter to and from its text.
//
//   std::int32_t count = 0;
//   if (auto bad = kaizala::parse_param("ten", count))       // bad->why == not_a_value
//     std::cerr << "--count: expected " << kaizala::param_expected<std::int32_t>() << '\n';
//
// The one home of the rule: build_request writes parameters with param_to_text, read_request
// reads them (and declared response headers) with parse_param, and kaizala-cli reads its options
// with it. Scalars are read exactly (no leading or trailing spaces, the whole text), bools and
// enums in any ASCII case, enums through the JSON decoder so they read the same as in a body.
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/json.hpp>
#include <kaizala/meta.hpp>

#include <boost/json/value.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace kaizala {

// A type a path, query, header or cookie parameter can have: std::string, bool, an integer,
// double or an open_enum, or a std::optional of one (the generator allows no others).
template <class M>
inline constexpr bool is_param_type_v =
    std::is_same_v<M, std::string> || std::is_same_v<M, bool> || detail::is_integer_v<M> ||
    std::is_same_v<M, double> || detail::is_open_enum<M>::value;
template <class M>
inline constexpr bool is_param_type_v<std::optional<M>> = is_param_type_v<M>;

// Why parse_param refused a text. The text itself is never kept: it may be a secret.
struct param_text_error {
  enum class reason : unsigned char {
    not_a_value,   // not text of the type at all ("ten" for an integer, "yes" for a bool)
    out_of_range,  // an integer that does not fit the member's type
    not_finite,    // a number that is NaN or infinite
    unknown_enum,  // an enum value the binding does not know (only with known_enums_only)
  };
  reason why = reason::not_a_value;
};

// How parse_param reads enums: by default an unknown value is kept (open_enum::unknown), as
// in a JSON body; known_enums_only refuses it (a command line, where it is a typo).
struct param_read_options {
  bool known_enums_only = false;
};

// What a parameter of type M must be, for error text: "true or false", "an integer", "a number",
// "a string" (strings and string enums), "an integer" (integer enums).
template <class M>
constexpr std::string_view param_expected() {
  using T =
      typename std::conditional_t<detail::is_optional<M>::value, M, std::optional<M>>::value_type;
  if constexpr (std::is_same_v<T, bool>)
    return "true or false";
  else if constexpr (detail::is_integer_v<T>)
    return "an integer";
  else if constexpr (detail::is_open_enum<T>::value) {
    if constexpr (meta::is_integer_enum<decltype(std::declval<T>().value())>::value)
      return "an integer";
    else
      return "a string";
  } else if constexpr (std::is_same_v<T, double>)
    return "a number";
  else
    return "a string";
}

// Reads a parameter of type M (see is_param_type_v) from its text into `out`: nothing on
// success, else why not (`out` is then unspecified). A std::optional is engaged. bool: "true" or
// "false", any case. Integers and double: the whole text, as std::from_chars reads it. Enums: a
// JSON name of the enum, any case; an integer enum's decimal text; an unknown value is kept
// unless `opt.known_enums_only`.
template <class M>
std::optional<param_text_error> parse_param(std::string_view text, M& out,
                                            const param_read_options& opt = {}) {
  using reason = param_text_error::reason;
  auto fail = [](reason r) { return std::optional<param_text_error>(param_text_error{r}); };
  if constexpr (detail::is_optional<M>::value) {
    return parse_param(text, out.emplace(), opt);
  } else if constexpr (std::is_same_v<M, std::string>) {
    out.assign(text.data(), text.size());
    return std::nullopt;
  } else if constexpr (std::is_same_v<M, bool>) {
    if (detail::iequals(text, "true"))
      out = true;
    else if (detail::iequals(text, "false"))
      out = false;
    else
      return fail(reason::not_a_value);
    return std::nullopt;
  } else if constexpr (detail::is_integer_v<M> || std::is_same_v<M, double>) {
    M v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc::result_out_of_range) return fail(reason::out_of_range);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
      return fail(reason::not_a_value);
    if constexpr (std::is_same_v<M, double>)
      if (!std::isfinite(v)) return fail(reason::not_finite);
    out = v;
    return std::nullopt;
  } else if constexpr (detail::is_open_enum<M>::value) {
    // Through the JSON decoder, so enums read the same everywhere (case-insensitive, open).
    boost::json::value v(boost::json::string_view(text.data(), text.size()));
    if constexpr (meta::is_integer_enum<decltype(out.value())>::value) {
      std::int64_t i = 0;
      std::uint64_t u = 0;
      const char* end = text.data() + text.size();
      if (!detail::is_json_integer(text)) return fail(reason::not_a_value);
      if (std::from_chars(text.data(), end, i).ec == std::errc())
        v = i;
      else if (std::from_chars(text.data(), end, u).ec == std::errc())
        v = u;
      else
        return fail(reason::out_of_range);
    }
    auto e = from_json_value<M>(v);
    if (!e) return fail(reason::not_a_value);
    if (opt.known_enums_only && !e->known()) return fail(reason::unknown_enum);
    out = std::move(*e);
    return std::nullopt;
  } else {
    static_assert(detail::dependent_false_v<M>, "kaizala: parameters must be scalars or enums");
    return std::nullopt;
  }
}

// Writes a parameter's text into `out` (the inverse of parse_param): strings as they are, bools
// "true"/"false", numbers as JSON writes them, enums their JSON text (an unknown one as it came).
// False, with `out` untouched, for an absent std::optional.
template <class M>
bool param_to_text(const M& m, std::string& out) {
  if constexpr (detail::is_optional<M>::value) {
    return m && param_to_text(*m, out);
  } else if constexpr (std::is_same_v<M, std::string>) {
    out = m;
  } else if constexpr (std::is_same_v<M, bool>) {
    out = m ? "true" : "false";
  } else if constexpr (detail::is_integer_v<M> || std::is_same_v<M, double>) {
    out.clear();
    detail::append_number(out, m);
  } else if constexpr (detail::is_open_enum<M>::value) {
    out = std::string(detail::enum_text(m));
  } else {
    static_assert(detail::dependent_false_v<M>, "kaizala: parameters must be scalars or enums");
  }
  return true;
}

// The items of a list parameter (a query or form list of meta::field `f`) from the values sent
// under its name: each value is one item when there are several or the list is exploded;
// otherwise the one value is split on the style's delimiter (',' for form, ' ' for
// space_delimited, '|' for pipe_delimited). The views point into `values`.
inline std::vector<std::string_view> split_param_list(const std::vector<std::string>& values,
                                                      const meta::field& f) {
  std::vector<std::string_view> items;
  if (f.explode || values.size() != 1) {
    items.assign(values.begin(), values.end());
    return items;
  }
  char delimiter = f.style == meta::param_style::space_delimited  ? ' '
                   : f.style == meta::param_style::pipe_delimited ? '|'
                                                                  : ',';
  std::string_view rest = values.front();
  for (;;) {
    std::size_t at = rest.find(delimiter);
    items.push_back(rest.substr(0, at));
    if (at == std::string_view::npos) break;
    rest.remove_prefix(at + 1);
  }
  return items;
}

}  // namespace kaizala
