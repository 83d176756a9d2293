// kaizala/response_headers.hpp: the response of an operation whose spec declares response
// "headers" ({"X-Rate-Limit": {"type": "int32"}}): its body plus the declared headers that came.
//
//   auto r = kaizala::call<petstore::ops::ListPets>(http, ctx, {});
//   if (r && r->headers.X_Rate_Limit) wait_for(*r->headers.X_Rate_Limit);
//   for (const auto& pet : *r) ...          // the body's members and methods stay reachable
//
// Operations without declared headers keep their plain response type.
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/detail/type_traits.hpp>
#include <kaizala/http.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/param_text.hpp>
#include <kaizala/result.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace kaizala {

// The body of a response (a struct, array, map, string, enum, JSON value or no_content) with its
// declared headers: the body is the base, so `r->referenceId` or `r->size()` work as without
// headers; `headers` is the generated `<Op>ResponseHeaders` (one std::optional per header).
template <class Body, class Headers, class = void>
struct with_headers : Body {
  using body_type = Body;
  using headers_type = Headers;
  Headers headers;
};

// A number or bool body cannot be a base: it is the member `value`.
template <class Body, class Headers>
struct with_headers<Body, Headers, std::enable_if_t<!std::is_class_v<Body>>> {
  using body_type = Body;
  using headers_type = Headers;
  Body value{};
  Headers headers;
};

namespace detail {

template <class R>
struct is_with_headers : std::false_type {};
template <class B, class H, class E>
struct is_with_headers<with_headers<B, H, E>> : std::true_type {};

// What the JSON body of a response R decodes into.
template <class R>
auto& body_of(R& r) {
  if constexpr (!is_with_headers<R>::value) {
    return r;
  } else if constexpr (std::is_class_v<typename R::body_type>) {
    return static_cast<typename R::body_type&>(r);
  } else {
    return r.value;
  }
}
template <class R>
using body_t = std::remove_reference_t<decltype(body_of(std::declval<R&>()))>;

// Fills each declared header that came (names ASCII case-insensitive; the first of repeated
// headers). A value that does not fit its type is a decode error naming the header; the value is
// not quoted, as a header may carry a secret.
template <class H>
maybe_error read_headers(const http_headers& got, H& out) {
  maybe_error problem;
  for_each_field<H>([&](auto d, const meta::field& f) {
    auto& m = out.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if (problem) return;
    for (const auto& h : got) {
      if (!iequals(h.first, f.json_name)) continue;
      if (parse_param(h.second, m)) {
        m.reset();
        error e;
        e.kind = error_kind::decode;
        e.path = std::string(f.json_name);
        e.message = e.path + ": response header must be " + std::string(param_expected<M>());
        problem = std::move(e);
      }
      return;
    }
  });
  return problem;
}

}  // namespace detail
}  // namespace kaizala
