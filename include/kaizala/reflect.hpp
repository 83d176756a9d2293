// kaizala/reflect.hpp: walking generated structs and operations, and the rule that matches a key.
//
//   kaizala::for_each_field<kaizala::Member>([&](auto d, const kaizala::meta::field& f) {
//     std::cout << d.name << " travels as " << f.json_name << ": "
//               << kaizala::field_doc<kaizala::Member>(f) << '\n';
//   });
//   using Op = kaizala::ops::FetchMembers;
//   kaizala::for_each_param<Op>([&](auto d, const kaizala::meta::field& f) {
//     std::cout << "--" << f.json_name << " (" << kaizala::location_name(f.in) << ")\n";
//   });
//
// What tools built on generated code (kaizala-cli, the emulator, your own) need to work for any
// generated API without reaching into kaizala::detail: the members with their spec facts (JSON
// name, location, aliases, limits, docs), typed member pointers through Boost.Describe, the keys
// of a JSON document a type would drop, and the spec's type names. Parameter text:
// <kaizala/param_text.hpp>; URL rules: <kaizala/url.hpp>.
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/json_key_index.hpp>
#include <kaizala/detail/json_path.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/json.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/param_text.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kaizala {

// Calls f(d, field) for each member of the generated struct T, in declaration order: `d` is the
// member's Boost.Describe descriptor (`d.name` the C++ name, `obj.*d.pointer` the member, typed),
// `field` its meta::field (JSON name, location, aliases, limits, secret, ...).
template <class T, class F>
void for_each_field(F&& f) {
  detail::for_each_field<T>(f);
}

// The members of Op's request that do not travel in the JSON body (path, query, header and
// cookie parameters, file parts, form fields), in declaration order, as for_each_field gives them.
template <class Op, class F>
void for_each_param(F&& f) {
  detail::for_each_field<typename Op::request>([&](auto d, const meta::field& field) {
    if (field.in != meta::location::body) f(d, field);
  });
}

// The spec's doc of a field of T (one of meta::fields_of<T>::fields), "" when it has none.
template <class T>
std::string_view field_doc(const meta::field& f) noexcept {
  const auto& fields = meta::fields_of<T>::fields;
  if (&f < fields.data() || &f >= fields.data() + fields.size()) return {};
  return meta::fields_of<T>::docs[static_cast<std::size_t>(&f - fields.data())];
}

// Calls f(alias) for each alias of `field` (other accepted spellings of its name), in order.
template <class F>
void for_each_alias(const meta::field& field, F&& f) {
  detail::any_of_names(field.aliases, [&](std::string_view a) {
    f(a);
    return false;
  });
}

// Where a member travels, as the spec writes it: "body", "path", "query", "header", "cookie",
// "file" or "form".
constexpr std::string_view location_name(meta::location in) noexcept {
  switch (in) {
    case meta::location::body:
      return "body";
    case meta::location::path:
      return "path";
    case meta::location::query:
      return "query";
    case meta::location::header:
      return "header";
    case meta::location::cookie:
      return "cookie";
    case meta::location::file:
      return "file";
    case meta::location::form:
      return "form";
  }
  return "body";
}

// Whether a JSON key, parameter or header name `key` names `field`: its JSON name or one of its
// aliases exactly, or, when `any_case`, in any ASCII case. The rule the JSON decoder applies
// (decode_options::case_insensitive_keys is `any_case`) and read_request applies to parameter
// names (any case); this is the decoder's own function, so they cannot drift apart.
inline bool key_matches(std::string_view key, const meta::field& field, bool any_case) noexcept {
  const detail::key_entry entry{field.json_name, field.aliases, true};
  return detail::search_member(&entry, 1, key, any_case).index == 0;
}

// A std::optional, a list (std::vector), a map with string keys, an open_enum.
template <class M>
inline constexpr bool is_optional_v = detail::is_optional<M>::value;
template <class M>
inline constexpr bool is_list_v = detail::is_vector<M>::value;
template <class M>
inline constexpr bool is_map_v = detail::is_string_map<M>::value;
template <class M>
inline constexpr bool is_enum_v = detail::is_open_enum<M>::value;

// A member that must be present in JSON: not a std::optional, not a kaizala::nullable, not opaque
// JSON (where null means absent).
template <class M>
inline constexpr bool is_required_v = !detail::is_absent_ok_v<M>;

// The E of open_enum<E>.
template <class T>
struct enum_of;
template <class E>
struct enum_of<open_enum<E>> {
  using type = E;
};

// The spec's name of a member type: "string", "bool", "int32", "int64", "double", "json", "file",
// "array of Member", "map of string", an enum's or struct's spec name. An optional is named by
// what it holds.
template <class M>
std::string type_name() {
  if constexpr (detail::is_optional<M>::value || detail::is_nullable<M>::value) {
    return type_name<std::remove_cv_t<std::remove_reference_t<decltype(*std::declval<M&>())>>>();
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
    return "array of " + type_name<typename M::value_type>();
  } else if constexpr (detail::is_string_map<M>::value) {
    return "map of " + type_name<typename M::mapped_type>();
  } else if constexpr (detail::is_open_enum<M>::value) {
    return std::string(meta::enum_info<typename enum_of<M>::type>::name);
  } else if constexpr (meta::is_generated_variant<M>::value) {
    return std::string(meta::variant_info<M>::name);
  } else if constexpr (meta::is_generated_struct<M>::value) {
    return std::string(meta::fields_of<M>::name);
  } else {
    return "value";
  }
}

// The JSON texts of the enum M holds (itself, or through an optional, array or map), in spec
// order; empty when M holds no enum.
template <class M>
std::vector<std::string_view> enum_names() {
  if constexpr (detail::is_optional<M>::value || detail::is_vector<M>::value) {
    return enum_names<typename M::value_type>();
  } else if constexpr (detail::is_string_map<M>::value) {
    return enum_names<typename M::mapped_type>();
  } else if constexpr (detail::is_open_enum<M>::value) {
    const auto& names = meta::enum_info<typename enum_of<M>::type>::names;
    return {names.begin(), names.end()};
  } else {
    return {};
  }
}

// A key of a JSON document that reading it as some generated type would skip (the binding skips
// unknown keys, as the service adds fields; a tool may want to report them).
struct unknown_key {
  std::string path;                     // "members[0].nmae"
  std::string_view key;                 // "nmae"
  std::string_view owner;               // the spec name of the type whose object holds it: "Member"
  std::vector<std::string_view> names;  // the body members' JSON names that type reads
  std::optional<meta::location> param;  // a request parameter has this name: where it travels
};

namespace detail {

template <class M>
void walk_unknown_keys(const boost::json::value& v, bool any_case, json_path& path,
                       std::vector<unknown_key>& out);

template <class T>
void walk_unknown_struct_keys(const boost::json::object& o, bool any_case, json_path& path,
                              std::vector<unknown_key>& out) {
  for (const auto& kv : o) {
    std::string_view key = kv.key();
    bool known = false;
    const meta::field* param = nullptr;
    for_each_field<T>([&](auto d, const meta::field& f) {
      using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*d.pointer)>>;
      if (known || !key_matches(key, f, any_case)) return;
      if (f.in != meta::location::body) {  // params and file parts never travel in the JSON body
        param = &f;
        return;
      }
      known = true;
      path.push_key(key);
      walk_unknown_keys<M>(kv.value(), any_case, path, out);
      path.pop();
    });
    if (known) continue;
    unknown_key k;
    path.push_key(key);
    k.path = path.str();
    path.pop();
    k.key = key;
    k.owner = meta::fields_of<T>::name;
    for (const auto& f : meta::fields_of<T>::fields)
      if (f.in == meta::location::body) k.names.push_back(f.json_name);
    if (param != nullptr) k.param = param->in;
    out.push_back(std::move(k));
  }
}

template <class M>
void walk_unknown_keys(const boost::json::value& v, bool any_case, json_path& path,
                       std::vector<unknown_key>& out) {
  if constexpr (is_optional<M>::value || is_nullable<M>::value) {
    walk_unknown_keys<std::remove_cv_t<std::remove_reference_t<decltype(*std::declval<M&>())>>>(
        v, any_case, path, out);
  } else if constexpr (is_vector<M>::value) {
    if (!v.is_array()) return;  // a wrong kind is the decoder's to report
    const auto& a = v.get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      path.push_index(i);
      walk_unknown_keys<typename M::value_type>(a[i], any_case, path, out);
      path.pop();
    }
  } else if constexpr (is_string_map<M>::value) {
    if (!v.is_object()) return;
    for (const auto& kv : v.get_object()) {
      path.push_key(kv.key());
      walk_unknown_keys<typename M::mapped_type>(kv.value(), any_case, path, out);
      path.pop();
    }
  } else if constexpr (meta::is_generated_struct<M>::value) {
    if (v.is_object()) walk_unknown_struct_keys<M>(v.get_object(), any_case, path, out);
  }
  // Scalars, enums, variants and opaque `json` members: no keys checked here.
}

}  // namespace detail

namespace detail {

template <class M>
void collect_secret_names(std::vector<std::string>& names, std::vector<std::string_view>& seen);

inline void add_name_once(std::vector<std::string>& names, std::string_view name) {
  for (const auto& n : names)
    if (n == name) return;
  names.emplace_back(name);
}

inline void add_secret_field(std::vector<std::string>& names, const meta::field& f) {
  add_name_once(names, f.json_name);
  for_each_alias(f, [&](std::string_view alias) { add_name_once(names, alias); });
}

template <class M>
void collect_secret_names(std::vector<std::string>& names, std::vector<std::string_view>& seen) {
  if constexpr (is_optional<M>::value || is_nullable<M>::value) {
    collect_secret_names<std::remove_cv_t<std::remove_reference_t<decltype(*std::declval<M&>())>>>(
        names, seen);
  } else if constexpr (is_vector<M>::value) {
    collect_secret_names<typename M::value_type>(names, seen);
  } else if constexpr (is_string_map<M>::value) {
    collect_secret_names<typename M::mapped_type>(names, seen);
  } else if constexpr (meta::is_generated_struct<M>::value) {
    for (std::string_view s : seen)  // a type that holds itself (Group.subGroups) is walked once
      if (s == meta::fields_of<M>::name) return;
    seen.push_back(meta::fields_of<M>::name);
    for_each_field<M>([&](auto d, const meta::field& f) {
      using N = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<M&>().*d.pointer)>>;
      if (f.secret) add_secret_field(names, f);
      collect_secret_names<N>(names, seen);
    });
  }
}

}  // namespace detail

// The JSON (or parameter) name and aliases of every member the spec marks secret in T and in the
// generated structs T holds, at any depth, each once: what a log masks by name
// (kaizala/masking.hpp).
template <class T>
std::vector<std::string> secret_names_of() {
  std::vector<std::string> names;
  std::vector<std::string_view> seen;
  detail::collect_secret_names<T>(names, seen);
  return names;
}

// Every name an API's spec marks secret: each op's auth header and each member marked "secret"
// in any of its types (Api: a generated `api` struct, e.g. kaizala::api), each once.
template <class Api>
std::vector<std::string> secret_names() {
  std::vector<std::string> names;
  Api::for_each_op([&](auto tag) {
    using Op = typename decltype(tag)::type;
    if (!Op::auth_header.empty()) detail::add_name_once(names, Op::auth_header);
  });
  Api::for_each_type([&](auto tag) {
    for (const auto& f : meta::fields_of<typename decltype(tag)::type>::fields)
      if (f.secret) detail::add_secret_field(names, f);
  });
  return names;
}

// Every key of `v`, at any depth, that reading it as a T (decode_options::case_insensitive_keys
// = `any_case`) would skip, in document order. For a request struct only body members count: a
// key naming a parameter is reported with `param` set. Variants and opaque JSON are not entered.
template <class T>
std::vector<unknown_key> unknown_keys(const boost::json::value& v, bool any_case) {
  std::vector<unknown_key> out;
  detail::json_path path;
  detail::walk_unknown_keys<T>(v, any_case, path, out);
  return out;
}

}  // namespace kaizala
