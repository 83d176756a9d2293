// kaizala/error_body.hpp: the typed body of a failed call, for operations whose spec declares
// "errors" ({"404": {"type": "NotFound"}, "4XX": {"type": "Problem"}, "default": "json"}).
//
//   auto r = kaizala::call<petstore::ops::GetPet>(http, ctx, {42});
//   if (!r)
//     if (auto body = kaizala::error_body<petstore::ops::GetPet>(r.error()))
//       if (auto* nf = std::get_if<petstore::NotFound>(&*body)) std::cerr << nf->message << '\n';
//
// The error keeps the raw body (kaizala::error::body: secrets removed, cut to 4 KiB); this reads
// it as the type declared for the error's status, so it never sends or allocates more than that.
#pragma once

#include <kaizala/detail/type_traits.hpp>
#include <kaizala/json.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/result.hpp>

#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace kaizala {

namespace detail {

template <class Cases>
struct error_body_variant {
  static_assert(dependent_false_v<Cases>,
                "kaizala: this operation declares no \"errors\" in its spec");
};
template <class... C>
struct error_body_variant<error_cases<C...>> {
  using type = boost::mp11::mp_unique<std::variant<typename C::type...>>;
};

// Decodes `text` as T into `out`; false when it is not a T.
template <class T, class V>
bool decode_error_case(const std::string& text, std::optional<V>& out) {
  if constexpr (std::is_same_v<T, no_content>) {
    out.emplace(std::in_place_type<T>);
    return true;
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    if (text.empty()) {
      out.emplace(std::in_place_type<T>);
      return true;
    }
    auto v = parse_json(text);
    if (!v) return false;
    out.emplace(std::in_place_type<T>, std::move(*v));
    return true;
  } else {
    auto v = from_json<T>(text);
    if (!v) return false;
    out.emplace(std::in_place_type<T>, std::move(*v));
    return true;
  }
}

}  // namespace detail

// What an operation's error body can be: a std::variant of the distinct types of its "errors".
template <class Op>
using error_body_t = typename detail::error_body_variant<typename Op::errors>::type;

namespace detail {
template <class Op, class... C>
std::optional<error_body_t<Op>> error_body_of(const error& e, error_cases<C...>*) {
  std::optional<error_body_t<Op>> out;
  if (e.kind != error_kind::http_status) return out;
  const int status = e.http_status;
  // The first case whose statuses hold `status` decides, decoded or not.
  (void)((C::low <= status && status <= C::high &&
          (decode_error_case<typename C::type>(e.body, out), true)) ||
         ...);
  return out;
}
}  // namespace detail

// The body of `e` read as the type the spec declares for its status: the first case that matches
// the status decides (codes, then classes like 4XX, then default). Empty when `e` is not an
// http_status error, no case matches the status, or the body does not decode as that case's type
// (e.g. it was longer than the 4 KiB the error keeps).
template <class Op>
std::optional<error_body_t<Op>> error_body(const error& e) {
  return detail::error_body_of<Op>(e, static_cast<typename Op::errors*>(nullptr));
}

}  // namespace kaizala
