// Reading generated types from a Boost.JSON document, driven by Boost.Describe.
//
// Boost 1.81's own value_to fails on any unknown key and on absent optionals,
// and says nothing about where a bad value sits; this walk ignores unknown
// keys, leaves absent optionals empty, and reports the first bad value with its
// JSON path. Values of the error text never include data, only names and kinds.
#pragma once

#include <kaizala/detail/json_path.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/result.hpp>

#include <boost/json/value.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace kaizala {

// How strictly to read. The defaults are the client's; the emulator reads
// requests the way the real (ASP.NET) service did.
struct decode_options {
  // Match object keys ignoring ASCII case ("Message" for "message").
  bool case_insensitive_keys = false;
};

namespace detail {

inline std::string_view kind_name(const boost::json::value& v) noexcept {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "bool";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "number";
    case boost::json::kind::string: return "string";
    case boost::json::kind::array: return "array";
    case boost::json::kind::object: return "object";
  }
  return "value";
}

class decoder {
 public:
  explicit decoder(const decode_options& opt) : opt_(opt) {}

  // The first error met; decoding stops there.
  std::optional<error>& failure() { return error_; }

  template <class T>
  bool read(const boost::json::value& v, T& out) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) return expected("string", v);
      const boost::json::string& s = v.get_string();
      out.assign(s.data(), s.size());
      return true;
    } else if constexpr (std::is_same_v<T, bool>) {
      return read_bool(v, out, false);
    } else if constexpr (is_integer_v<T>) {
      return read_integer(v, out, false);
    } else if constexpr (std::is_same_v<T, double>) {
      return read_double(v, out, false);
    } else if constexpr (std::is_same_v<T, boost::json::value>) {
      out = v;
      return true;
    } else if constexpr (is_optional<T>::value) {
      if (v.is_null()) {
        out.reset();
        return true;
      }
      return read(v, out.emplace());
    } else if constexpr (is_vector<T>::value) {
      if (!v.is_array()) return expected("array", v);
      const boost::json::array& a = v.get_array();
      out.clear();
      out.resize(a.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        path_.push_index(i);
        if (!read(a[i], out[i])) return false;
        path_.pop();
      }
      return true;
    } else if constexpr (is_string_map<T>::value) {
      if (!v.is_object()) return expected("object", v);
      out.clear();
      for (const auto& kv : v.get_object()) {
        path_.push_key(kv.key());
        if (!read(kv.value(), out[std::string(kv.key())])) return false;
        path_.pop();
      }
      return true;
    } else if constexpr (is_open_enum<T>::value) {
      return read_enum(v, out);
    } else if constexpr (meta::is_generated_struct<T>::value) {
      return read_struct(v, out);
    } else {
      static_assert(dependent_false_v<T>, "kaizala: no JSON mapping for this type");
      return false;
    }
  }

  // Reads one scalar member, honouring the field's `lenient` flag.
  template <class T>
  bool read_field(const boost::json::value& v, T& out, const meta::field& f) {
    if constexpr (std::is_same_v<T, bool>) {
      return read_bool(v, out, f.lenient);
    } else if constexpr (is_integer_v<T>) {
      return read_integer(v, out, f.lenient);
    } else if constexpr (std::is_same_v<T, double>) {
      return read_double(v, out, f.lenient);
    } else if constexpr (is_optional<T>::value) {
      if (v.is_null()) {
        out.reset();
        return true;
      }
      return read_field(v, out.emplace(), f);
    } else {
      return read(v, out);
    }
  }

  bool fail(std::string_view what) {
    error e;
    e.kind = error_kind::decode;
    e.path = path_.str();
    e.message = at_path(path_, what);
    error_ = std::move(e);
    return false;
  }

 private:
  bool expected(std::string_view want, const boost::json::value& got) {
    std::string what = "expected ";
    what += want;
    what += ", got ";
    what += kind_name(got);
    return fail(what);
  }

  bool read_bool(const boost::json::value& v, bool& out, bool lenient) {
    if (v.is_bool()) {
      out = v.get_bool();
      return true;
    }
    if (lenient && v.is_string()) {
      std::string_view s = v.get_string();
      if (iequals(s, "true")) return (out = true), true;
      if (iequals(s, "false")) return (out = false), true;
      return fail("expected bool or \"true\"/\"false\", got another string");
    }
    return expected(lenient ? "bool or \"true\"/\"false\"" : "bool", v);
  }

  template <class I>
  bool read_integer(const boost::json::value& v, I& out, bool lenient) {
    constexpr std::string_view type_name = sizeof(I) == 4 ? "int32" : "int64";
    if (v.is_int64()) {
      std::int64_t x = v.get_int64();
      if (x < std::numeric_limits<I>::min() || x > std::numeric_limits<I>::max())
        return out_of_range(type_name);
      out = static_cast<I>(x);
      return true;
    }
    if (v.is_uint64()) {
      if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<I>::max()))
        return out_of_range(type_name);
      out = static_cast<I>(v.get_uint64());
      return true;
    }
    if (v.is_double()) {
      // 15.0 is an integer written the way some serializers write numbers.
      double d = v.get_double();
      if (std::trunc(d) != d) return fail("expected integer, got a number with a fraction");
      if (!(d >= static_cast<double>(std::numeric_limits<I>::min()) &&
            d <= static_cast<double>(std::numeric_limits<I>::max())))
        return out_of_range(type_name);
      out = static_cast<I>(d);
      return true;
    }
    if (lenient && v.is_string()) {
      std::string_view s = v.get_string();
      I x{};
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
      if (ec == std::errc::result_out_of_range) return out_of_range(type_name);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty())
        return fail("expected integer or a string holding one, got another string");
      out = x;
      return true;
    }
    return expected(lenient ? "integer or a string holding one" : "integer", v);
  }

  bool out_of_range(std::string_view type_name) {
    std::string what = "number out of range for ";
    what += type_name;
    return fail(what);
  }

  bool read_double(const boost::json::value& v, double& out, bool lenient) {
    if (v.is_double()) return (out = v.get_double()), true;
    if (v.is_int64()) return (out = static_cast<double>(v.get_int64())), true;
    if (v.is_uint64()) return (out = static_cast<double>(v.get_uint64())), true;
    if (lenient && v.is_string()) {
      std::string_view s = v.get_string();
      double x = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(x))
        return fail("expected number or a string holding one, got another string");
      out = x;
      return true;
    }
    return expected(lenient ? "number or a string holding one" : "number", v);
  }

  template <class E>
  bool read_enum(const boost::json::value& v, open_enum<E>& out) {
    if (!v.is_string()) return expected("string", v);
    std::string_view text = v.get_string();
    const auto& names = meta::enum_info<E>::names;
    using enumerators = boost::describe::describe_enumerators<E>;
    static_assert(boost::mp11::mp_size<enumerators>::value == names.size(),
                  "enum_info<E> must name every described enumerator");
    // Exact spelling first, then any casing (the service compared case-insensitively).
    for (int pass = 0; pass < 2; ++pass) {
      std::size_t i = 0;
      bool found = false;
      boost::mp11::mp_for_each<enumerators>([&](auto d) {
        if (!found && (pass == 0 ? names[i] == text : iequals(names[i], text))) {
          out = open_enum<E>(d.value);
          found = true;
        }
        ++i;
      });
      if (found) return true;
    }
    // Forward compatible: a value this binding does not know is kept, not refused.
    out = open_enum<E>::unknown(std::string(text));
    return true;
  }

  const boost::json::value* find(const boost::json::object& o, const meta::field& f) {
    if (auto it = o.find(f.json_name); it != o.end()) return &it->value();
    const boost::json::value* hit = nullptr;
    any_of_names(f.aliases, [&](std::string_view alias) {
      auto it = o.find(alias);
      if (it != o.end()) hit = &it->value();
      return hit != nullptr;
    });
    if (hit != nullptr || !opt_.case_insensitive_keys) return hit;
    for (const auto& kv : o) {
      std::string_view key = kv.key();
      if (iequals(key, f.json_name) ||
          any_of_names(f.aliases, [&](std::string_view alias) { return iequals(key, alias); }))
        return &kv.value();
    }
    return nullptr;
  }

  template <class T>
  bool read_struct(const boost::json::value& v, T& out) {
    if (!v.is_object()) return expected("object", v);
    const boost::json::object& o = v.get_object();
    bool ok = true;
    for_each_field<T>([&](auto d, const meta::field& f) {
      // Only body members travel in JSON; path/query/header/file members are filled elsewhere.
      using M = std::remove_reference_t<decltype(out.*d.pointer)>;
      if constexpr (!std::is_same_v<M, file_part>) {
        if (!ok || f.in != meta::location::body) return;
        auto& member = out.*d.pointer;
        path_.push_key(f.json_name);
        const boost::json::value* mv = find(o, f);
        if (mv == nullptr) {
          if constexpr (is_absent_ok_v<M>) {
            member = M{};
          } else {
            ok = fail("missing required field");
            return;
          }
        } else if (!read_field(*mv, member, f)) {
          ok = false;
          return;
        }
        path_.pop();
      }
    });
    return ok;
  }

  const decode_options& opt_;
  json_path path_;
  std::optional<error> error_;
};

}  // namespace detail
}  // namespace kaizala
