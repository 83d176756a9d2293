// Type predicates the JSON mapping dispatches on, and the walk over a described struct's fields.
#pragma once

#include <kaizala/meta.hpp>

#include <boost/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace kaizala::detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_nullable : std::false_type {};
template <class T>
struct is_nullable<nullable<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <class T>
struct is_string_map : std::false_type {};
template <class T, class C, class A>
struct is_string_map<std::map<std::string, T, C, A>> : std::true_type {};

template <class T>
struct is_open_enum : std::false_type {};
template <class E>
struct is_open_enum<open_enum<E>> : std::true_type {};

template <class T>
inline constexpr bool is_integer_v =
    std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t>;

// A member that may be left out of a JSON object: std::optional, or opaque JSON (null = absent).
template <class T>
inline constexpr bool is_absent_ok_v =
    is_optional<T>::value || is_nullable<T>::value || std::is_same_v<T, boost::json::value>;

template <class T>
inline constexpr bool dependent_false_v = false;

// The std::variant a generated variant (meta::variant_info) derives from.
template <class... A>
std::variant<A...>& as_std_variant(std::variant<A...>& v) noexcept {
  return v;
}
template <class... A>
const std::variant<A...>& as_std_variant(const std::variant<A...>& v) noexcept {
  return v;
}
template <class T>
using std_variant_of = std::remove_reference_t<decltype(as_std_variant(std::declval<T&>()))>;

// Calls f(member_pointer_descriptor, const meta::field&) for each described member of T, in order.
template <class T, class F>
void for_each_field(F&& f) {
  using members = boost::describe::describe_members<T, boost::describe::mod_public>;
  static_assert(boost::mp11::mp_size<members>::value == meta::fields_of<T>::fields.size(),
                "fields_of<T> must list one field per described member");
  std::size_t i = 0;
  boost::mp11::mp_for_each<members>([&](auto d) { f(d, meta::fields_of<T>::fields[i++]); });
}

}  // namespace kaizala::detail
