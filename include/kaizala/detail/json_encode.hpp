// Writing generated types as JSON text, straight into a string.
//
// No intermediate DOM: building a boost::json::value first and serializing it
// costs several times more than appending the text directly.
#pragma once

#include <kaizala/detail/type_traits.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace kaizala::detail {

inline void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the current run of bytes that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xF];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

// `"name":` for a key from fields_of: spec names are plain, so most need no escaping.
inline void append_json_key(std::string& out, std::string_view name) {
  bool plain = true;
  for (char c : name) plain &= c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20;
  if (!plain) {
    append_json_string(out, name);
    out += ':';
    return;
  }
  std::size_t at = out.size();
  out.resize(at + name.size() + 3);  // one size update instead of four appends
  char* p = &out[at];
  *p++ = '"';
  for (char c : name) *p++ = c;
  *p++ = '"';
  *p = ':';
}

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

template <class T>
void append_struct(std::string& out, const T& v) {
  out += '{';
  bool first = true;
  for_each_field<T>([&](auto d, const meta::field& f) {
    const auto& member = v.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(member)>>;
    if constexpr (!std::is_same_v<M, file_part>) {  // multipart parts never travel in JSON
      if (f.in != meta::location::body) return;
      if constexpr (is_optional<M>::value) {
        if (!member) return;  // absent optionals are left out, never sent as null
      } else if constexpr (std::is_same_v<M, boost::json::value>) {
        if (member.is_null()) return;
      }
      if (!first) out += ',';
      first = false;
      append_json_key(out, f.json_name);
      detail::append_json(out, member);
    }
  });
  out += '}';
}

template <class T>
void append_json(std::string& out, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    append_json_string(out, v);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += v ? "true" : "false";
  } else if constexpr (is_integer_v<T> || std::is_same_v<T, double>) {
    append_number(out, v);
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    out += boost::json::serialize(v);
  } else if constexpr (is_optional<T>::value) {
    if (v) detail::append_json(out, *v);
    else out += "null";
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
    append_json_string(out, enum_text(v));
  } else if constexpr (meta::is_generated_struct<T>::value) {
    append_struct(out, v);
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
  } else if constexpr (is_optional<T>::value) {
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
    return boost::json::value(boost::json::string_view(t.data(), t.size()));
  } else if constexpr (meta::is_generated_struct<T>::value) {
    boost::json::object o;
    for_each_field<T>([&](auto d, const meta::field& f) {
      using M = std::remove_cv_t<std::remove_reference_t<decltype(v.*d.pointer)>>;
      if constexpr (!std::is_same_v<M, file_part>) {
        if (f.in != meta::location::body) return;
        boost::json::value x = to_value(v.*d.pointer);
        if (!x.is_null()) o[f.json_name] = std::move(x);
      }
    });
    return o;
  } else {
    static_assert(dependent_false_v<T>, "kaizala: no JSON mapping for this type");
    return {};
  }
}

}  // namespace kaizala::detail
