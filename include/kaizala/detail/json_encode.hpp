// Writing generated types as JSON text, straight into a string.
//
// No intermediate DOM: building a boost::json::value first and serializing it
// costs several times more than appending the text directly.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/type_traits.hpp>

#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kaizala::detail {

// Writes the escape for a byte that cannot appear raw in a JSON string; returns its length.
// constexpr so that key texts are escaped by the same rules at compile time.
constexpr std::size_t escape_byte(unsigned char c, char* dst) {
  constexpr char hex[] = "0123456789abcdef";
  char short_form = 0;
  switch (c) {
    case '"':
      short_form = '"';
      break;
    case '\\':
      short_form = '\\';
      break;
    case '\n':
      short_form = 'n';
      break;
    case '\r':
      short_form = 'r';
      break;
    case '\t':
      short_form = 't';
      break;
    case '\b':
      short_form = 'b';
      break;
    case '\f':
      short_form = 'f';
      break;
  }
  dst[0] = '\\';
  if (short_form != 0) {
    dst[1] = short_form;
    return 2;
  }
  dst[1] = 'u';
  dst[2] = '0';
  dst[3] = '0';
  dst[4] = hex[c >> 4];
  dst[5] = hex[c & 0xF];
  return 6;
}

constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Appends `s` as a JSON string, quoted and escaped.
KAIZALA_DECL void append_json_string(std::string& out, std::string_view s);

// Length of `,"name":` for a key, the name escaped.
constexpr std::size_t key_text_size(std::string_view name) {
  std::size_t n = 4;
  char scratch[6] = {};
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    n += needs_escape(u) ? escape_byte(u, scratch) : 1;
  }
  return n;
}

// Where T's key i starts in key_text<T>; key_begin<T>(count) is the whole length.
template <class T>
constexpr std::size_t key_begin(std::size_t i) {
  std::size_t at = 0;
  for (std::size_t k = 0; k < i; ++k) at += key_text_size(meta::fields_of<T>::fields[k].json_name);
  return at;
}

template <class T>
constexpr auto make_key_text() {
  constexpr const auto& fields = meta::fields_of<T>::fields;
  std::array<char, key_begin<T>(fields.size())> text{};
  std::size_t at = 0;
  for (const meta::field& f : fields) {
    text[at++] = ',';
    text[at++] = '"';
    for (char c : f.json_name) {
      auto u = static_cast<unsigned char>(c);
      if (needs_escape(u)) {
        char esc[6] = {};
        for (std::size_t k = 0, n = escape_byte(u, esc); k < n; ++k) text[at++] = esc[k];
      } else {
        text[at++] = c;
      }
    }
    text[at++] = '"';
    text[at++] = ':';
  }
  return text;
}

// `,"name":` for every field of T, escaped at compile time and laid end to end, so writing a
// key is one append of constant text. The comma of the first key written becomes the '{'.
template <class T>
inline constexpr auto key_text = make_key_text<T>();

inline void reserve_at_least(std::string& out, std::size_t n) {
  if (out.capacity() < n) out.reserve(n);  // never a shrink request, whatever the library
}

// Appends opaque JSON (`json` members) as text.
KAIZALA_DECL void append_json_value(std::string& out, const boost::json::value& v);

template <class T>
void append_number(std::string& out, T x) {
  if constexpr (std::is_floating_point_v<T>) {
    // JSON has no NaN or infinity; validate() refuses them before a request is sent.
    if (!std::isfinite(x)) {
      out += "null";
      return;
    }
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  (void)ec;  // 32 bytes always hold an int64 or the shortest form of a double
  out.append(buf, end);
}

// The JSON text of an enum value: its spec name, or the text it arrived with.
template <class E>
std::string_view enum_text(const open_enum<E>& e) {
  if (!e.known()) return e.unknown_text();
  const auto& names = meta::enum_info<E>::names;
  std::string_view text;
  std::size_t i = 0;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (d.value == e.value()) text = names[i];
    ++i;
  });
  return text;
}

template <class T>
void append_json(std::string& out, const T& v);

// `tag_key`, when given, is a variant's discriminator: that member is written as `tag_value`.
template <class T>
void append_struct(std::string& out, const T& v, std::string_view tag_key = {},
                   std::string_view tag_value = {}) {
  using members = boost::describe::describe_members<T, boost::describe::mod_public>;
  constexpr std::size_t count = meta::fields_of<T>::fields.size();
  static_assert(boost::mp11::mp_size<members>::value == count,
                "fields_of<T> must list one field per described member");
  const std::size_t open = out.size();
  // A fresh buffer gets room for every key plus a short value each: one allocation for a
  // typical request body instead of two or three growth steps.
  constexpr std::size_t guess = key_begin<T>(count) + 16 * count;
  if (open == 0) reserve_at_least(out, guess);
  boost::mp11::mp_for_each<boost::mp11::mp_iota_c<count>>([&](auto index) {
    constexpr std::size_t i = decltype(index)::value;
    using M = std::remove_cv_t<
        std::remove_reference_t<decltype(v.*boost::mp11::mp_at_c<members, i>::pointer)>>;
    // Only body members travel in JSON (never multipart parts); decided at compile time.
    if constexpr (meta::fields_of<T>::fields[i].in == meta::location::body &&
                  !std::is_same_v<M, file_part> && !meta::fields_of<T>::fields[i].read_only) {
      const M& member = v.*boost::mp11::mp_at_c<members, i>::pointer;
      constexpr std::size_t from = key_begin<T>(i), to = key_begin<T>(i + 1);
      if (!tag_key.empty() && meta::fields_of<T>::fields[i].json_name == tag_key) {
        out.append(key_text<T>.data() + from, to - from);
        append_json_string(out, tag_value);
        return;
      }
      if constexpr (is_optional<M>::value && meta::fields_of<T>::fields[i].nullable) {
        if (!member) {  // required and nullable: empty is null
          out.append(key_text<T>.data() + from, to - from);
          out.append("null", 4);
          return;
        }
      } else if constexpr (is_optional<M>::value) {
        if (!member) return;  // absent optionals are left out, never sent as null
      } else if constexpr (is_nullable<M>::value) {
        if (member.absent()) return;  // null is sent as null
      } else if constexpr (std::is_same_v<M, boost::json::value>) {
        if (member.is_null()) return;
      }
      out.append(key_text<T>.data() + from, to - from);
      detail::append_json(out, member);
    }
  });
  if (out.size() == open) {
    out += "{}";
    return;
  }
  out[open] = '{';  // was the first key's comma
  out += '}';
}

// The discriminator value written for alternative `i` of variant T: its first tag.
template <class T>
constexpr std::string_view variant_tag(std::size_t i) {
  std::string_view tags = meta::variant_info<T>::tags[i];
  return tags.substr(0, tags.find('|'));
}

// A generated variant: the alternative it holds (a valueless one, after a throwing assignment, as
// null). With a discriminator, a struct alternative carries its tag.
template <class T>
void append_variant(std::string& out, const T& v) {
  const auto& base = as_std_variant(v);
  using V = std_variant_of<const T>;
  if (base.valueless_by_exception()) {
    out.append("null", 4);
    return;
  }
  boost::mp11::mp_with_index<std::variant_size_v<std::remove_cv_t<V>>>(
      base.index(), [&](auto index) {
        constexpr std::size_t i = decltype(index)::value;
        const auto& alt = *std::get_if<i>(&base);
        using A = std::remove_cv_t<std::remove_reference_t<decltype(alt)>>;
        if constexpr (meta::is_generated_struct<A>::value) {
          if (!meta::variant_info<T>::discriminator.empty())
            return append_struct(out, alt, meta::variant_info<T>::discriminator, variant_tag<T>(i));
        }
        detail::append_json(out, alt);
      });
}

template <class T>
void append_json(std::string& out, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    append_json_string(out, v);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v)
      out.append("true", 4);
    else
      out.append("false", 5);
  } else if constexpr (is_integer_v<T> || std::is_same_v<T, double>) {
    append_number(out, v);
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    append_json_value(out, v);
  } else if constexpr (is_optional<T>::value || is_nullable<T>::value) {
    if (v)
      detail::append_json(out, *v);
    else
      out += "null";
  } else if constexpr (is_vector<T>::value) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i != 0) out += ',';
      detail::append_json(out, v[i]);
    }
    out += ']';
  } else if constexpr (is_string_map<T>::value) {
    out += '{';
    bool first = true;
    for (const auto& kv : v) {
      if (!first) out += ',';
      first = false;
      append_json_string(out, kv.first);
      out += ':';
      detail::append_json(out, kv.second);
    }
    out += '}';
  } else if constexpr (is_open_enum<T>::value) {
    std::string_view text = enum_text(v);
    // An integer enum is a number; an unknown text that
    // is none (validate() refuses it) stays a string.
    if (meta::is_integer_enum<decltype(v.value())>::value && is_json_integer(text))
      out.append(text.data(), text.size());
    else
      append_json_string(out, text);
  } else if constexpr (meta::is_generated_struct<T>::value) {
    append_struct(out, v);
  } else if constexpr (meta::is_generated_variant<T>::value) {
    append_variant(out, v);
  } else {
    static_assert(dependent_false_v<T>, "kaizala: no JSON mapping for this type");
  }
}

// Builds a boost::json::value (for `json` members such as actionBody).
template <class T>
boost::json::value to_value(const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return boost::json::value(boost::json::string_view(v.data(), v.size()));
  } else if constexpr (std::is_same_v<T, bool> || is_integer_v<T> || std::is_same_v<T, double>) {
    return boost::json::value(v);
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    return v;
  } else if constexpr (is_optional<T>::value || is_nullable<T>::value) {
    return v ? to_value(*v) : boost::json::value(nullptr);
  } else if constexpr (is_vector<T>::value) {
    boost::json::array a;
    a.reserve(v.size());
    for (const auto& x : v) a.push_back(to_value(x));
    return a;
  } else if constexpr (is_string_map<T>::value) {
    boost::json::object o;
    for (const auto& kv : v) o[kv.first] = to_value(kv.second);
    return o;
  } else if constexpr (is_open_enum<T>::value) {
    std::string_view t = enum_text(v);
    if (meta::is_integer_enum<decltype(v.value())>::value && is_json_integer(t)) {
      std::int64_t i = 0;
      std::uint64_t u = 0;
      if (std::from_chars(t.data(), t.data() + t.size(), i).ec == std::errc())
        return boost::json::value(i);
      if (std::from_chars(t.data(), t.data() + t.size(), u).ec == std::errc())
        return boost::json::value(u);
    }
    return boost::json::value(boost::json::string_view(t.data(), t.size()));
  } else if constexpr (meta::is_generated_struct<T>::value) {
    boost::json::object o;
    for_each_field<T>([&](auto d, const meta::field& f) {
      using M = std::remove_cv_t<std::remove_reference_t<decltype(v.*d.pointer)>>;
      if constexpr (!std::is_same_v<M, file_part>) {
        if (f.in != meta::location::body || f.read_only) return;
        boost::json::value x = to_value(v.*d.pointer);
        bool explicit_null = false;  // a nullable member set to null, or required and empty
        if constexpr (is_nullable<M>::value) explicit_null = (v.*d.pointer).is_null();
        if constexpr (is_optional<M>::value) explicit_null = f.nullable;
        if (!x.is_null() || explicit_null) o[f.json_name] = std::move(x);
      }
    });
    return o;
  } else if constexpr (meta::is_generated_variant<T>::value) {
    const auto& base = as_std_variant(v);
    if (base.valueless_by_exception()) return nullptr;
    boost::json::value out;
    boost::mp11::mp_with_index<std::variant_size_v<std::remove_cv_t<std_variant_of<const T>>>>(
        base.index(), [&](auto index) {
          constexpr std::size_t i = decltype(index)::value;
          out = to_value(*std::get_if<i>(&base));
          if (!meta::variant_info<T>::discriminator.empty() && out.is_object()) {
            std::string_view tag = variant_tag<T>(i);
            out.get_object()[meta::variant_info<T>::discriminator] =
                boost::json::string_view(tag.data(), tag.size());
          }
        });
    return out;
  } else {
    static_assert(dependent_false_v<T>, "kaizala: no JSON mapping for this type");
    return {};
  }
}

}  // namespace kaizala::detail

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/json_encode.ipp>
#endif
