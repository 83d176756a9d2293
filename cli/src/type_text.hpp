// Generated member types described in words, for --help: "string", "array of Member", "GroupType".
#pragma once

#include <kaizala/detail/type_traits.hpp>
#include <kaizala/meta.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <type_traits>

namespace kaizala::cli {

// A member the JSON must hold (not std::optional, not opaque JSON where null means absent).
template <class M>
inline constexpr bool is_required_v =
    !detail::is_optional<M>::value && !std::is_same_v<M, boost::json::value>;

// The E of an open_enum<E>.
template <class T>
struct enum_of;
template <class E>
struct enum_of<open_enum<E>> {
  using type = E;
};

template <class M>
std::string type_text() {
  if constexpr (detail::is_optional<M>::value) {
    return type_text<typename M::value_type>();
  } else if constexpr (std::is_same_v<M, std::string>) {
    return "string";
  } else if constexpr (std::is_same_v<M, bool>) {
    return "bool";
  } else if constexpr (std::is_same_v<M, std::int32_t>) {
    return "int32";
  } else if constexpr (std::is_same_v<M, std::int64_t>) {
    return "int64";
  } else if constexpr (std::is_same_v<M, double>) {
    return "double";
  } else if constexpr (std::is_same_v<M, boost::json::value>) {
    return "json";
  } else if constexpr (std::is_same_v<M, file_part>) {
    return "file";
  } else if constexpr (detail::is_vector<M>::value) {
    return "array of " + type_text<typename M::value_type>();
  } else if constexpr (detail::is_string_map<M>::value) {
    return "map of " + type_text<typename M::mapped_type>();
  } else if constexpr (detail::is_open_enum<M>::value) {
    return std::string(meta::enum_info<typename enum_of<M>::type>::name);
  } else {
    return std::string(meta::fields_of<M>::name);
  }
}

// The values of the enum `M` holds (through optional, array or map), ", "-separated; "" when it
// holds none.
template <class M>
std::string enum_choices() {
  if constexpr (detail::is_optional<M>::value || detail::is_vector<M>::value) {
    return enum_choices<typename M::value_type>();
  } else if constexpr (detail::is_string_map<M>::value) {
    return enum_choices<typename M::mapped_type>();
  } else if constexpr (detail::is_open_enum<M>::value) {
    std::string out;
    for (std::string_view n : meta::enum_info<typename enum_of<M>::type>::names) {
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  } else {
    return {};
  }
}

}  // namespace kaizala::cli
