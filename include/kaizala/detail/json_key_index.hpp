// Turning a JSON object key into the index of a struct member, from fields_of<T>.
//
// Keys of a response almost always arrive in the order the struct declares its
// members, so the member after the last one matched is tried first; then every
// JSON name, then the aliases, then (only when asked) any casing.
#pragma once

#include <kaizala/detail/type_traits.hpp>
#include <kaizala/meta.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kaizala::detail {

struct key_match {
  enum how_t : unsigned char { name, alias, any_case };
  int index = -1;  // -1: no member has this key
  how_t how = name;
};

template <class T>
struct key_table {
  static constexpr const auto& fields = meta::fields_of<T>::fields;
  static constexpr std::size_t size = fields.size();
  static_assert(size <= 64, "kaizala: a struct has at most 64 members (one bit each while decoding)");

  // One bit per member that travels in the JSON body.
  static constexpr std::uint64_t body_mask = [] {
    std::uint64_t m = 0;
    for (std::size_t i = 0; i < size; ++i)
      if (fields[i].in == meta::location::body) m |= std::uint64_t(1) << i;
    return m;
  }();

  // `hint` is the member expected next (one past the last match).
  static key_match find(std::string_view key, std::size_t hint, bool any_case) noexcept {
    if (hint < size && fields[hint].json_name == key && fields[hint].in == meta::location::body)
      return {static_cast<int>(hint), key_match::name};
    for (std::size_t i = 0; i < size; ++i)
      if (fields[i].json_name == key && fields[i].in == meta::location::body)
        return {static_cast<int>(i), key_match::name};
    for (std::size_t i = 0; i < size; ++i)
      if (!fields[i].aliases.empty() && fields[i].in == meta::location::body &&
          any_of_names(fields[i].aliases, [&](std::string_view a) { return a == key; }))
        return {static_cast<int>(i), key_match::alias};
    if (any_case)
      for (std::size_t i = 0; i < size; ++i)
        if (fields[i].in == meta::location::body &&
            (iequals(fields[i].json_name, key) ||
             any_of_names(fields[i].aliases, [&](std::string_view a) { return iequals(a, key); })))
          return {static_cast<int>(i), key_match::any_case};
    return {};
  }
};

}  // namespace kaizala::detail
