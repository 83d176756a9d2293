// Turning a JSON object key into the index of a struct member.
//
// One function for every struct: a struct contributes only its table of names
// (key_entry, built from fields_of<T> in json_decode.hpp), not code.
//
// Keys of a response almost always arrive in the order the struct declares its
// members, so the member after the last one matched is tried first; then every
// JSON name, then the aliases, then (only when asked) any casing.
#pragma once

#include <kaizala/detail/ascii_text.hpp>

#include <boost/config.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace kaizala::detail {

// The names one member answers to.
struct key_entry {
  std::string_view json_name;
  std::string_view aliases;  // '|'-separated, may be empty
  bool body;                 // only members that travel in the JSON body have keys
};

struct key_match {
  enum how_t : unsigned char { name, alias, any_case };
  int index = -1;  // -1: no member has this key
  how_t how = name;
};

// Equality of two byte runs of the same length. Keys
// are short: a few word loads beat a memcmp call.
BOOST_FORCEINLINE bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  auto word8 = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto word4 = [](const char* p) {
    std::uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (word8(a + i) != word8(b + i)) return false;
    return word8(a + n - 8) == word8(b + n - 8);  // the last word may overlap the one before
  }
  if (n >= 4) return word4(a) == word4(b) && word4(a + n - 4) == word4(b + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

BOOST_FORCEINLINE bool same_text(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

// The member `key` names among `keys[0, size)`, searching every name, then the aliases.
inline key_match search_member(const key_entry* keys, std::size_t size, std::string_view key,
                               bool any_case) noexcept {
  for (std::size_t i = 0; i < size; ++i)
    if (keys[i].body && same_text(keys[i].json_name, key))
      return {static_cast<int>(i), key_match::name};
  for (std::size_t i = 0; i < size; ++i)
    if (keys[i].body && !keys[i].aliases.empty() &&
        any_of_names(keys[i].aliases, [&](std::string_view a) { return a == key; }))
      return {static_cast<int>(i), key_match::alias};
  if (any_case)
    for (std::size_t i = 0; i < size; ++i)
      if (keys[i].body &&
          (iequals(keys[i].json_name, key) ||
           any_of_names(keys[i].aliases, [&](std::string_view a) { return iequals(a, key); })))
        return {static_cast<int>(i), key_match::any_case};
  return {};
}

// As search_member, trying first `hint`, the member expected next (one past the last match).
inline key_match find_member(const key_entry* keys, std::size_t size, std::string_view key,
                             std::size_t hint, bool any_case) noexcept {
  if (hint < size && keys[hint].body && same_text(keys[hint].json_name, key))
    return {static_cast<int>(hint), key_match::name};
  return search_member(keys, size, key, any_case);
}

}  // namespace kaizala::detail
