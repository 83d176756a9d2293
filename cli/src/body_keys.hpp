// Keys of a JSON document that a generated type does not read.
//
// The binding ignores unknown keys (the service adds fields). On the command line a typo would
// then be dropped without a word, so kaizala-cli looks for them first, with the same matching
// the decoder uses: the JSON name, then its aliases, then (when asked) any ASCII case.
#pragma once

#include "suggest.hpp"

#include <kaizala/detail/json_path.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/meta.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kaizala::cli {

struct unknown_key {
  std::string path;        // "members[0].nmae"
  std::string owner;       // the type whose object holds it: "Member"
  std::string suggestion;  // a near field name, or ""
  std::string location;    // a request parameter of that name: "path", "query", "header"; else ""
};

namespace detail_keys {

inline bool key_matches(std::string_view key, const meta::field& f, bool any_case) {
  if (key == f.json_name) return true;
  bool alias =
      kaizala::detail::any_of_names(f.aliases, [&](std::string_view a) { return key == a; });
  if (alias || !any_case) return alias;
  if (kaizala::detail::iequals(key, f.json_name)) return true;
  return kaizala::detail::any_of_names(
      f.aliases, [&](std::string_view a) { return kaizala::detail::iequals(key, a); });
}

inline const char* location_name(meta::location in) {
  switch (in) {
    case meta::location::path: return "path";
    case meta::location::query: return "query";
    case meta::location::header: return "header";
    case meta::location::cookie: return "cookie";
    case meta::location::file: return "file";
    case meta::location::form: return "form";
    case meta::location::body: break;
  }
  return "";
}

template <class M>
void walk(const boost::json::value& v, bool any_case, kaizala::detail::json_path& path,
          std::vector<unknown_key>& out);

template <class T>
void walk_struct(const boost::json::object& o, bool any_case, kaizala::detail::json_path& path,
                 std::vector<unknown_key>& out) {
  for (const auto& kv : o) {
    std::string_view key = kv.key();
    bool known = false;
    const meta::field* param = nullptr;
    kaizala::detail::for_each_field<T>([&](auto d, const meta::field& f) {
      using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*d.pointer)>>;
      if (known || !key_matches(key, f, any_case)) return;
      if (f.in != meta::location::body) {  // params and file parts never travel in the JSON body
        param = &f;
        return;
      }
      known = true;
      path.push_key(key);
      walk<M>(kv.value(), any_case, path, out);
      path.pop();
    });
    if (known) continue;
    std::vector<std::string_view> names;
    for (const auto& f : meta::fields_of<T>::fields)
      if (f.in == meta::location::body) names.push_back(f.json_name);
    path.push_key(key);
    out.push_back({path.str(), std::string(meta::fields_of<T>::name),
                   param ? std::string() : nearest_name(key, names),
                   param ? location_name(param->in) : ""});
    path.pop();
  }
}

template <class M>
void walk(const boost::json::value& v, bool any_case, kaizala::detail::json_path& path,
          std::vector<unknown_key>& out) {
  if constexpr (kaizala::detail::is_optional<M>::value) {
    walk<typename M::value_type>(v, any_case, path, out);
  } else if constexpr (kaizala::detail::is_vector<M>::value) {
    if (!v.is_array()) return;  // a wrong kind is the decoder's to report
    const auto& a = v.get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      path.push_index(i);
      walk<typename M::value_type>(a[i], any_case, path, out);
      path.pop();
    }
  } else if constexpr (kaizala::detail::is_string_map<M>::value) {
    if (!v.is_object()) return;
    for (const auto& kv : v.get_object()) {
      path.push_key(kv.key());
      walk<typename M::mapped_type>(kv.value(), any_case, path, out);
      path.pop();
    }
  } else if constexpr (meta::is_generated_struct<M>::value) {
    if (v.is_object()) walk_struct<M>(v.get_object(), any_case, path, out);
  }
  // Scalars, enums and opaque `json` members hold no keys of ours.
}

}  // namespace detail_keys

// Every key of `v`, at any depth, that reading it as a T would drop. For a request struct only
// body fields count: a parameter's name is reported, with `location` saying where it belongs.
template <class T>
std::vector<unknown_key> unknown_keys(const boost::json::value& v, bool any_case) {
  std::vector<unknown_key> out;
  kaizala::detail::json_path path;
  detail_keys::walk<T>(v, any_case, path, out);
  return out;
}

}  // namespace kaizala::cli
