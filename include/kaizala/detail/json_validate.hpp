// Checking a value against the spec's limits and rules before it is sent
// (the client) or after it is read (the emulator).
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/json_path.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/result.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cmath>
#include <optional>
#include <string>

namespace kaizala::detail {

// Number of UTF-8 code points (continuation bytes are not counted).
inline std::size_t count_code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

class validator {
 public:
  maybe_error& failure() { return error_; }

  template <class T>
  bool check(const T& v) {
    if constexpr (std::is_same_v<T, double>) {
      if (!std::isfinite(v)) return fail("not a finite number (JSON has no NaN or infinity)");
      return true;
    } else if constexpr (is_optional<T>::value || is_nullable<T>::value) {
      return !v || check(*v);
    } else if constexpr (is_vector<T>::value) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        path_.push_index(i);
        if (!check(v[i])) return false;
        path_.pop();
      }
      return true;
    } else if constexpr (is_string_map<T>::value) {
      for (const auto& kv : v) {
        path_.push_key(kv.first);
        if (!check(kv.second)) return false;
        path_.pop();
      }
      return true;
    } else if constexpr (is_open_enum<T>::value) {
      if (!v.known() && v.unknown_text().empty()) return fail("enum value not set");
      if (meta::is_integer_enum<decltype(v.value())>::value && !v.known() &&
          !is_json_integer(v.unknown_text()))
        return fail("integer enum value is not an integer");
      return true;
    } else if constexpr (meta::is_generated_struct<T>::value) {
      return check_struct(v);
    } else if constexpr (meta::is_generated_variant<T>::value) {
      const auto& base = as_std_variant(v);
      if (base.valueless_by_exception()) return fail("variant holds no value");
      bool ok = true;
      boost::mp11::mp_with_index<std::variant_size_v<std::remove_cv_t<std_variant_of<const T>>>>(
          base.index(),
          [&](auto index) { ok = check(*std::get_if<decltype(index)::value>(&base)); });
      return ok;
    } else {
      return true;  // strings, bools, integers, opaque JSON, files: nothing to check on their own
    }
  }

  KAIZALA_DECL bool fail(std::string_view what);

 private:
  template <class M>
  bool check_limits(const M& m, const meta::field& f) {
    if constexpr (is_optional<M>::value || is_nullable<M>::value)
      return !m || check_limits(*m, f);
    else if constexpr (std::is_same_v<M, std::string>)
      return f.max_length == 0 || check_length(m, f.max_length);
    else if constexpr (is_vector<M>::value || is_string_map<M>::value)
      return f.max_items == 0 || check_items(m.size(), f.max_items);
    else
      return true;
  }
  // The non-template halves of check_limits.
  KAIZALA_DECL bool check_length(std::string_view s, std::uint32_t max_length);
  KAIZALA_DECL bool check_items(std::size_t n, std::uint32_t max_items);

  template <class M>
  static bool present(const M& m) {
    if constexpr (is_optional<M>::value)
      return m.has_value();
    else if constexpr (is_nullable<M>::value)
      return !m.absent();  // null is set: it clears
    else if constexpr (std::is_same_v<M, boost::json::value>)
      return !m.is_null();
    else
      return true;
  }

  template <class T>
  bool check_struct(const T& v) {
    bool ok = true;
    for_each_field<T>([&](auto d, const meta::field& f) {
      if (!ok) return;
      const auto& member = v.*d.pointer;
      path_.push_key(f.json_name);
      ok = check_limits(member, f) && check(member);
      if (ok) path_.pop();
    });
    if (!ok) return false;
    for (const meta::rule& r : meta::fields_of<T>::rules) {
      std::size_t set = 0;
      for_each_field<T>([&](auto d, const meta::field& f) {
        if (any_of_names(r.members, [&](std::string_view n) { return n == f.json_name; }) &&
            present(v.*d.pointer))
          ++set;
      });
      std::string names;
      any_of_names(r.members, [&](std::string_view n) {
        if (!names.empty()) names += ", ";
        names += n;
        return false;
      });
      if (r.kind == meta::rule_kind::exactly_one && set != 1)
        return fail("exactly one of " + names + " must be set, got " + std::to_string(set));
      if (r.kind == meta::rule_kind::at_least_one && set == 0)
        return fail("at least one of " + names + " must be set");
    }
    return true;
  }

  json_path path_;
  maybe_error error_;
};

}  // namespace kaizala::detail

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/json_validate.ipp>
#endif
