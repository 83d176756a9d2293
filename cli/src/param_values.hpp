// Path, query and header parameters from command-line text, checked against their type.
#pragma once

#include "suggest.hpp"
#include "type_text.hpp"

#include <kaizala/detail/type_traits.hpp>
#include <kaizala/meta.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala::cli {

// Reads `text` into `out`. Returns "" or what is wrong, naming the option; the text itself is
// quoted only when `secret` is false.
template <class M>
std::string parse_param(std::string_view text, M& out, std::string_view option, bool secret) {
  std::string flag = "--" + std::string(option);
  std::string got = secret ? std::string() : ", got \"" + std::string(text) + "\"";
  if constexpr (detail::is_optional<M>::value) {
    return parse_param(text, out.emplace(), option, secret);
  } else if constexpr (std::is_same_v<M, std::string>) {
    out.assign(text.data(), text.size());
    return {};
  } else if constexpr (std::is_same_v<M, bool>) {
    if (detail::iequals(text, "true")) out = true;
    else if (detail::iequals(text, "false")) out = false;
    else return flag + ": expected true or false" + got;
    return {};
  } else if constexpr (detail::is_integer_v<M> || std::is_same_v<M, double>) {
    M v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc::result_out_of_range)
      return flag + ": out of range for " + type_text<M>() + got;
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
      return flag + ": expected " + (std::is_same_v<M, double> ? "a number" : "an integer") + " (" +
             type_text<M>() + ")" + got;
    if constexpr (std::is_same_v<M, double>)
      if (!std::isfinite(v)) return flag + ": expected a finite number" + got;
    out = v;
    return {};
  } else if constexpr (detail::is_open_enum<M>::value) {
    using E = typename enum_of<M>::type;
    const auto& names = meta::enum_info<E>::names;
    std::size_t i = 0;
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
      if (!found && detail::iequals(names[i], text)) {
        out = d.value;
        found = true;
      }
      ++i;
    });
    if (found) return {};
    std::vector<std::string_view> choices(names.begin(), names.end());
    return flag + ": expected one of " + enum_choices<M>() + got +
           (secret ? std::string() : did_you_mean(text, choices));
  } else {
    static_assert(detail::dependent_false_v<M>, "kaizala-cli: parameters are scalars or enums");
    return {};
  }
}

// True when a default-constructed request already holds a value for this member: a spec default
// (an engaged optional, a known enum, a non-empty string). Such a parameter need not be given.
template <class M>
bool has_value(const M& m) {
  if constexpr (detail::is_optional<M>::value) {
    return m.has_value();
  } else if constexpr (std::is_same_v<M, std::string>) {
    return !m.empty();
  } else if constexpr (detail::is_open_enum<M>::value) {
    return m.known();
  } else {
    return false;  // a required bool or number: its spec default cannot be told from the zero value
  }
}

}  // namespace kaizala::cli
