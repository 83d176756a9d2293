// Path, query and header parameters from command-line text, checked against their type with the
// runtime's rule (kaizala::parse_param), worded for an option; enum choices for --help.
#pragma once

#include "suggest.hpp"

#include <kaizala/meta.hpp>
#include <kaizala/param_text.hpp>
#include <kaizala/reflect.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace kaizala::cli {

// The values of the enum `M` holds (through optional, array or map), ", "-separated; "" when it
// holds none.
template <class M>
std::string enum_choices() {
  std::string out;
  for (std::string_view n : enum_names<M>()) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// Reads `text` into `out`. Returns "" or what is wrong, naming the option; the text itself is
// quoted only when `secret` is false. An enum value the binding does not know is refused here (a
// typo on a command line), with the nearest known value when one is close.
template <class M>
std::string parse_option(std::string_view text, M& out, std::string_view option, bool secret) {
  param_read_options opt;
  opt.known_enums_only = true;
  auto bad = parse_param(text, out, opt);
  if (!bad) return {};
  using T = typename std::conditional_t<is_optional_v<M>, M, std::optional<M>>::value_type;
  std::string flag = "--" + std::string(option);
  std::string got = secret ? std::string() : ", got \"" + std::string(text) + "\"";
  if constexpr (is_enum_v<T>) {
    return flag + ": expected one of " + enum_choices<T>() + got +
           (secret ? std::string() : did_you_mean(text, enum_names<T>()));
  } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
    using reason = param_text_error::reason;
    if (bad->why == reason::out_of_range)
      return flag + ": out of range for " + type_name<T>() + got;
    if (bad->why == reason::not_finite) return flag + ": expected a finite number" + got;
    return flag + ": expected " + std::string(param_expected<T>()) + " (" + type_name<T>() + ")" +
           got;
  } else {
    return flag + ": expected " + std::string(param_expected<T>()) + got;
  }
}

// True when a default-constructed request already holds a value for this member: a spec default
// (an engaged optional, a known enum, a non-empty string). Such a parameter need not be given.
template <class M>
bool has_value(const M& m) {
  if constexpr (is_optional_v<M>) {
    return m.has_value();
  } else if constexpr (std::is_same_v<M, std::string>) {
    return !m.empty();
  } else if constexpr (is_enum_v<M>) {
    return m.known();
  } else {
    return false;  // a required bool or number: its spec default cannot be told from the zero value
  }
}

}  // namespace kaizala::cli
