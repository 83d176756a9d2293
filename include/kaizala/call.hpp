// kaizala/call.hpp: one templated dispatcher for every operation.
//
//   kaizala::httplib_transport http;
//   kaizala::context ctx;
//   ctx.set_variable("endpointUrl", endpoint_url).set_credential("accessToken", token);
//   auto r = kaizala::call<kaizala::ops::SendMessage>(http, ctx, {group_id, "Hello"});
//   if (!r) std::cerr << r.error().to_string() << '\n';
//
// What call<Op>(transport, ctx, req) promises:
// - One attempt, no retries (kaizala::session adds tokens, 308s, 429s and retries on top).
// - The request is checked against the spec's limits and rules first; a request that breaks one is
//   an invalid_request error and nothing is sent. So is a missing credential, root or variable.
// - The answer is the op's response type, decoded from a 2xx body, or an error whose kind says what
//   failed (transport, timeout, http_status with the service's message and code, decode with the
//   JSON path). The request's secrets and the context's credentials never appear in any error
//   field.
// - build_request and read_response are the two halves, for callers that send by other means.
//
// An op is a traits struct (see generated/*.hpp): method, path template, root,
// auth header, request and response types. Only the ops a program calls are
// instantiated, so a program that sends messages pays nothing for the others.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/form.hpp>
#include <kaizala/http.hpp>
#include <kaizala/json.hpp>
#include <kaizala/masking.hpp>
#include <kaizala/multipart.hpp>
#include <kaizala/response_headers.hpp>
#include <kaizala/result.hpp>
#include <kaizala/url.hpp>

#include <array>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaizala {

// Where calls go and which credentials and headers they carry.
//
// Every setting exists in two forms: for every API (set_credential("accessToken", token)), and for
// the ops of one generated API, named by its namespace (set_credential("petstore", "bearer",
// token)). An op uses its own API's setting first, then the one for every API. With two generated
// APIs in one program, set their credentials per API: then neither is ever sent to the other.
class context {
 public:
  // Uses `url` as the base of every op of root `name`, instead of the spec's
  // template: set_root("endpoint", "http://127.0.0.1:8080/v1").
  KAIZALA_DECL context& set_root(std::string name, std::string url);
  KAIZALA_DECL context& set_root(std::string api, std::string name, std::string url);
  // Fills `{name}` in root templates: set_variable("endpointUrl", "https://kms.kaiza.la/"). A
  // variable the spec declares has a default, and a value outside its enum fails the call.
  KAIZALA_DECL context& set_variable(std::string name, std::string value);
  KAIZALA_DECL context& set_variable(std::string api, std::string name, std::string value);
  // The credential of auth scheme `scheme`: set_credential("accessToken", token). For every API,
  // `scheme` may also be the header, query parameter or cookie the scheme travels in (older code
  // set_credential("Authorization", ...)); for one API it is the spec's scheme name.
  KAIZALA_DECL context& set_credential(std::string scheme, std::string value);
  KAIZALA_DECL context& set_credential(std::string api, std::string scheme, std::string value);
  // A header sent with every call, instead of the API's default of that name (User-Agent); an
  // empty value sends none. A header parameter of the op wins over both.
  KAIZALA_DECL context& set_header(std::string name, std::string value);
  KAIZALA_DECL context& set_header(std::string api, std::string name, std::string value);

  // The credential set for every API under `scheme`, or nullptr.
  KAIZALA_DECL const std::string* credential(std::string_view scheme) const;
  // The credential an op of API `api` sends for `scheme`: the one set for `api` under the scheme's
  // name, else the one for every API under its name or its param; nullptr when none is set.
  KAIZALA_DECL const std::string* credential(std::string_view api, const auth_scheme& scheme) const;
  // The header value set for `api` (else for every
  // API) under `name` (case-insensitive), or nullptr.
  KAIZALA_DECL const std::string* header(std::string_view api, std::string_view name) const;
  // The variable set for `api` (else for every API), or nullptr.
  KAIZALA_DECL const std::string* variable(std::string_view api, std::string_view name) const;
  // The URL set with set_root for root `name` of `api` (else for every API), or nullptr.
  KAIZALA_DECL const std::string* root(std::string_view api, std::string_view name) const;
  // The headers set for the ops of `api` (those set for `api` win over those for every API), as
  // (name as set, value).
  KAIZALA_DECL std::vector<std::pair<std::string, std::string>> headers_for(
      std::string_view api) const;

  // The base URL of root `name`. A variable's trailing '/' is dropped, and the
  // template's next literal is skipped when the value already ends with it, so
  // endpointUrl "https://h/" and "https://h/v1" both give "https://h/v1" for
  // the template "{endpointUrl}/v1" (docs/kaizala-api.md §2.2).
  //
  // With the environment variable KAIZALA_EMULATOR_HOST set (e.g. "127.0.0.1:8080", or with a
  // scheme, "http://127.0.0.1:8080"), every root not set with set_root goes to that origin instead
  // (http:// when no scheme is given), keeping its path: a program talks to the emulator with no
  // code change. Anything but an origin is an invalid_request error; a host that is not loopback
  // (localhost, 127.0.0.0/8, [::1]) is a `refused` error unless KAIZALA_EMULATOR_ALLOW_REMOTE=1,
  // so that connector secrets never go to another machine by a stray variable.
  KAIZALA_DECL result<std::string> root_url(std::string_view name,
                                            std::string_view url_template) const;
  // The same for a root of API `api`, whose template declares `variables` (defaults and enums):
  // settings for `api` win over those for every API; a value outside a variable's enum is an
  // invalid_request error naming the allowed values.
  KAIZALA_DECL result<std::string> root_url(std::string_view api, std::string_view name,
                                            std::string_view url_template,
                                            const root_variable* variables,
                                            std::size_t variable_count) const;

 private:
  // Keys are "<api>\n<name>", with <api> empty for
  // settings for every API (header names lowercased).
  std::map<std::string, std::string, std::less<>> roots_, variables_, credentials_;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>>
      headers_;  // key -> (name, value)
};

namespace detail {

// The origin KAIZALA_EMULATOR_HOST's value names, checked as context::root_url describes.
KAIZALA_DECL result<std::string> emulator_origin(std::string_view value);

inline error invalid_request(std::string message, std::string path = {}) {
  error e;
  e.kind = error_kind::invalid_request;
  e.message = std::move(message);
  e.path = std::move(path);
  return e;
}

// Types a path, query or header parameter can have (the generator allows no others).
template <class M>
struct is_param
    : std::bool_constant<std::is_same_v<M, std::string> || std::is_same_v<M, bool> ||
                         is_integer_v<M> || std::is_same_v<M, double> || is_open_enum<M>::value> {};
template <class M>
struct is_param<std::optional<M>> : is_param<M> {};
template <class M>
inline constexpr bool is_param_v = is_param<M>::value;

// A parameter that is a list (an array param): a std::vector of parameter types.
template <class M>
struct is_list_param : std::false_type {};
template <class M, class A>
struct is_list_param<std::vector<M, A>> : is_param<M> {};
template <class M>
struct is_list_param<std::optional<M>> : is_list_param<M> {};

template <class T, class... D>
constexpr bool members_are_params(boost::mp11::mp_list<D...>) {
  return (is_param<std::remove_cv_t<
              std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)>>>::value &&
          ...);
}
template <class T, bool = meta::is_generated_struct<T>::value>
struct is_struct_of_params : std::false_type {};
template <class T>
struct is_struct_of_params<T, true>
    : std::bool_constant<members_are_params<T>(
          boost::mp11::mp_rename<boost::describe::describe_members<T, boost::describe::mod_public>,
                                 boost::mp11::mp_list>{})> {};

// A deepObject query parameter: a map of parameter types, or a generated struct of those.
template <class M, class = void>
struct is_deep_param : is_struct_of_params<M> {};
template <class M>
struct is_deep_param<M, std::enable_if_t<is_string_map<M>::value>>
    : is_param<typename M::mapped_type> {};
template <class M>
struct is_deep_param<std::optional<M>> : is_deep_param<M> {};

// Text of a path, query or header parameter; false when it is absent (kaizala::param_to_text).
template <class M>
bool param_text(const M& m, std::string& out) {
  return param_to_text(m, out);
}

// The text of every item of a list parameter; false when it is absent or empty (nothing is sent).
template <class M>
bool list_texts(const M& m, std::vector<std::string>& out) {
  if constexpr (is_optional<M>::value) {
    return m && list_texts(*m, out);
  } else {
    using V = typename M::value_type;
    for (const auto& x : m) {
      out.emplace_back();
      param_text(V(x), out.back());  // V(x): std::vector<bool> hands out proxies
    }
    return !out.empty();
  }
}

// The field of member I of T as a type, so that `if constexpr` can read it.
template <class T, std::size_t I>
struct field_c {
  static constexpr const meta::field& value = meta::fields_of<T>::fields[I];
};

// Calls f(member, field_c<T, I>{}) for each described member of T. With the field known at
// compile time, members a caller has no use for (body members when building a URL) cost no code.
template <class T, class F>
void for_each_member(const T& v, F&& f) {
  using members = boost::describe::describe_members<T, boost::describe::mod_public>;
  static_assert(boost::mp11::mp_size<members>::value == meta::fields_of<T>::fields.size(),
                "fields_of<T> must list one field per described member");
  boost::mp11::mp_for_each<boost::mp11::mp_iota<boost::mp11::mp_size<members>>>([&](auto i) {
    constexpr std::size_t I = decltype(i)::value;
    f(v.*boost::mp11::mp_at_c<members, I>::pointer, field_c<T, I>{});
  });
}

// The keys and texts of a deepObject parameter: a map's entries in key order, or a struct's present
// members in declaration order (by JSON name); false when it is absent or has none.
template <class M>
bool deep_texts(const M& m, std::vector<std::string>& keys, std::vector<std::string>& texts) {
  if constexpr (is_optional<M>::value) {
    return m && deep_texts(*m, keys, texts);
  } else if constexpr (is_string_map<M>::value) {
    for (const auto& kv : m) {
      keys.push_back(kv.first);
      texts.emplace_back();
      param_text(kv.second, texts.back());
    }
    return !keys.empty();
  } else {
    for_each_member(m, [&](const auto& member, auto f) {
      std::string text;
      if (!param_text(member, text)) return;  // an absent optional member
      keys.emplace_back(decltype(f)::value.json_name);
      texts.push_back(std::move(text));
    });
    return !keys.empty();
  }
}

// Every credential an op of API `api` could send (one per configured scheme), as the first of a
// request's secrets.
KAIZALA_DECL std::vector<std::string_view> credential_secrets(const context& ctx,
                                                              std::string_view api,
                                                              const auth_scheme* schemes,
                                                              std::size_t scheme_count);
// Out of line, so that no op carries its own copy of the vector growth code.
KAIZALA_DECL void add_secret(std::vector<std::string_view>& secrets, std::string_view s);

// A request's secrets as views (what redact() takes). Numbers marked secret (a PIN) have no text
// in the request, so their decimal text is kept here; `numbers` is sized before the first view
// into it is taken, so the views stay valid, also when the whole object is moved.
struct request_secrets {
  std::vector<std::string_view> views;
  std::vector<std::string> numbers;
  operator const std::vector<std::string_view>&() const noexcept {
    return views;
  }  // NOLINT: implicit on purpose
};

// How many members of T the spec marks secret (an upper bound on its secret numbers).
template <class T>
constexpr std::size_t secret_member_count() {
  std::size_t n = 0;
  for (const auto& f : meta::fields_of<T>::fields) n += f.secret ? 1 : 0;
  return n;
}

// What assembling a request needs to know about its op, without the op's types.
struct op_route {
  http_method method;
  std::string_view path, root, root_url, auth_header;
  body_kind body;
  std::string_view auth_prefix = {};        // sent before the credential: "Bearer "
  auth_place auth_in = auth_place::header;  // auth_header names a header, query param or cookie
  std::string_view media_type = {};         // the body's Content-Type instead of the kind's default
  bool body_optional = false;               // no body is sent when no body member is present
  std::string_view api = {};          // the generated API's namespace: what per-API settings name
  const auth_scheme* auth = nullptr;  // the auth alternatives, the first configured one is sent
  std::size_t auth_count = 0;
  const default_header* headers = nullptr;  // sent with every call unless the user overrides them
  std::size_t header_count = 0;
  const root_variable* variables = nullptr;  // of the op's root template
  std::size_t variable_count = 0;
};
// An op's auth_in; header for ops generated without one.
template <class Op, class = void>
inline constexpr auth_place auth_in_of = auth_place::header;
template <class Op>
inline constexpr auth_place auth_in_of<Op, std::void_t<decltype(Op::auth_in)>> = Op::auth_in;
// An op's auth_prefix; "" for ops generated without one.
template <class Op, class = void>
inline constexpr std::string_view auth_prefix_of = {};
template <class Op>
inline constexpr std::string_view auth_prefix_of<Op, std::void_t<decltype(Op::auth_prefix)>> =
    Op::auth_prefix;
// An op's API (its namespace); "" for ops generated without one.
template <class Op, class = void>
inline constexpr std::string_view api_of = {};
template <class Op>
inline constexpr std::string_view api_of<Op, std::void_t<decltype(Op::api)>> = Op::api;
// An op's auth alternatives: `auth_schemes`, or for ops generated before it, the one scheme
// `auth_header` names (its own name); none for an op without auth.
template <class Op, class = void>
struct auth_schemes_of {
  static constexpr auth_scheme one[] = {
      {Op::auth_header, Op::auth_header, auth_in_of<Op>, auth_prefix_of<Op>}};
  static constexpr const auth_scheme* data = Op::auth_header.empty() ? nullptr : one;
  static constexpr std::size_t size = Op::auth_header.empty() ? 0 : 1;
};
template <class Op>
struct auth_schemes_of<Op, std::void_t<decltype(Op::auth_schemes)>> {
  static constexpr const auth_scheme* data = Op::auth_schemes;
  static constexpr std::size_t size = std::extent_v<decltype(Op::auth_schemes)>;
};
// An op's default headers and root variables (none for ops generated without them).
template <class Op, class = void>
struct default_headers_of {
  static constexpr const default_header* data = nullptr;
  static constexpr std::size_t size = 0;
};
template <class Op>
struct default_headers_of<Op, std::void_t<decltype(Op::default_headers)>> {
  static constexpr const default_header* data = Op::default_headers;
  static constexpr std::size_t size = std::extent_v<decltype(Op::default_headers)>;
};
template <class Op, class = void>
struct root_variables_of {
  static constexpr const root_variable* data = nullptr;
  static constexpr std::size_t size = 0;
};
template <class Op>
struct root_variables_of<Op, std::void_t<decltype(Op::root_variables)>> {
  static constexpr const root_variable* data = Op::root_variables;
  static constexpr std::size_t size = std::extent_v<decltype(Op::root_variables)>;
};
// An op's media_type ("" for the body kind's default) and body_optional (false when not generated).
template <class Op, class = void>
inline constexpr std::string_view media_type_of = {};
template <class Op>
inline constexpr std::string_view media_type_of<Op, std::void_t<decltype(Op::media_type)>> =
    Op::media_type;
template <class Op, class = void>
inline constexpr bool body_optional_of = false;
template <class Op>
inline constexpr bool body_optional_of<Op, std::void_t<decltype(Op::body_optional)>> =
    Op::body_optional;
// True for an op whose response is the raw bytes of the body (the spec's response "binary").
template <class Op, class = void>
inline constexpr bool binary_response_of = false;
template <class Op>
inline constexpr bool binary_response_of<Op, std::void_t<decltype(Op::binary_response)>> =
    Op::binary_response;
template <class Op>
inline constexpr op_route route_of{Op::method,
                                   Op::path,
                                   Op::root,
                                   Op::root_url,
                                   Op::auth_header,
                                   Op::body,
                                   auth_prefix_of<Op>,
                                   auth_in_of<Op>,
                                   media_type_of<Op>,
                                   body_optional_of<Op>,
                                   api_of<Op>,
                                   auth_schemes_of<Op>::data,
                                   auth_schemes_of<Op>::size,
                                   default_headers_of<Op>::data,
                                   default_headers_of<Op>::size,
                                   root_variables_of<Op>::data,
                                   root_variables_of<Op>::size};

// The values a request carries that must never be echoed: the auth credential
// and every member the spec marks secret (applicationSecret, refreshToken, pin, ...).
template <class Op>
request_secrets secrets_of(const context& ctx, const typename Op::request& req) {
  using Req = typename Op::request;
  request_secrets out{
      credential_secrets(ctx, api_of<Op>, auth_schemes_of<Op>::data, auth_schemes_of<Op>::size),
      {}};
  auto add_number = [&](auto n) {
    if (out.numbers.empty()) out.numbers.reserve(secret_member_count<Req>());
    out.numbers.push_back(std::to_string(n));
    add_secret(out.views, out.numbers.back());
  };
  for_each_member(req, [&](const auto& m, auto f) {
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    constexpr bool secret = decltype(f)::value.secret;
    if constexpr (secret && std::is_same_v<M, std::string>) add_secret(out.views, m);
    if constexpr (secret && std::is_same_v<M, std::optional<std::string>>)
      if (m) add_secret(out.views, *m);
    if constexpr (secret && std::is_integral_v<M> && !std::is_same_v<M, bool>) add_number(m);
    if constexpr (secret && detail::is_optional<M>::value)
      if constexpr (std::is_integral_v<typename M::value_type> &&
                    !std::is_same_v<typename M::value_type, bool>)
        if (m) add_number(*m);
  });
  return out;
}

// One path, query or header parameter or file part of a request, as its member holds it.
struct request_param {
  const meta::field* field = nullptr;
  bool present = false;             // false for an absent optional
  std::string text;                 // parameters
  const file_part* file = nullptr;  // file parts
  bool list = false;                // an array parameter: `items` holds it
  std::vector<std::string> items;   // list parameters: each item's text
  bool deep = false;  // a deepObject parameter: `keys` name the `items` (name[key]=item)
  std::vector<std::string> keys;
  bool json = false;  // a multipart text part whose `text` is JSON (a struct, array, json)
  // A std::string member, read in place rather than copied into `text`.
  const std::string* member = nullptr;
  // The parameter's text: the member's, or `text`.
  std::string_view str() const noexcept {
    return member != nullptr ? std::string_view(*member) : std::string_view(text);
  }
};

// How many members of R travel outside the JSON body.
template <class R>
inline constexpr std::size_t param_count_v = [] {
  std::size_t n = 0;
  for (const meta::field& f : meta::fields_of<R>::fields) n += f.in != meta::location::body;
  return n;
}();

// The members of `req` that travel outside the JSON body.
template <class R>
std::array<request_param, param_count_v<R>> params_of(const R& req) {
  std::array<request_param, param_count_v<R>> out;
  std::size_t i = 0;
  for_each_member(req, [&](const auto& m, auto f) {
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    constexpr const meta::field& field = decltype(f)::value;
    if constexpr (field.in != meta::location::body) {
      request_param& p = out[i++];
      p.field = &field;
      if constexpr (std::is_same_v<M, file_part>) {
        p.present = true;
        p.file = &m;
      } else if constexpr (std::is_same_v<M, std::optional<file_part>>) {
        p.present = m.has_value();
        p.file = m ? &*m : nullptr;
      } else if constexpr (is_list_param<M>::value) {
        p.list = true;
        p.present = list_texts(m, p.items);
      } else if constexpr (field.in == meta::location::query &&
                           field.style == meta::param_style::deep_object &&
                           is_deep_param<M>::value) {
        p.deep = true;
        p.present = deep_texts(m, p.keys, p.items);
      } else if constexpr (std::is_same_v<M, std::string>) {
        p.present = true;
        p.member = &m;
      } else if constexpr (std::is_same_v<M, std::optional<std::string>>) {
        p.present = m.has_value();
        p.member = m ? &*m : nullptr;
      } else if constexpr (is_param_v<M>) {
        p.present = param_text(m, p.text);
      } else if constexpr (field.in == meta::location::form) {  // a multipart part holding JSON
        p.json = true;
        if constexpr (is_optional<M>::value) {
          p.present = m.has_value();
          if (m) kaizala::append_json(p.text, *m);
        } else if constexpr (std::is_same_v<M, boost::json::value>) {
          p.present = !m.is_null();
          if (p.present) kaizala::append_json(p.text, m);
        } else {
          p.present = true;
          kaizala::append_json(p.text, m);
        }
      } else {
        static_assert(dependent_false_v<M>,
                      "kaizala: parameters must be scalars, enums or lists of those");
      }
    }
  });
  return out;
}

// What build_request and call read from a request: its parameters and its body (JSON, or the
// bytes of a binary body); `route` is the op's, with body none when an optional body is absent.
template <class Op>
struct request_parts {
  std::array<request_param, param_count_v<typename Op::request>> params;
  std::string body;
  op_route route = route_of<Op>;
};

// Checks `req` against the spec's limits and rules, then reads its parts.
template <class Op>
maybe_error read_parts(const typename Op::request& req, request_parts<Op>& out) {
  if (auto problem = validate(req)) return problem;
  out.params = params_of(req);
  if constexpr (Op::body == body_kind::json) kaizala::append_json(out.body, req);
  if constexpr (Op::body == body_kind::json_value || Op::body == body_kind::binary) {
    using B = std::remove_cv_t<std::remove_reference_t<decltype(req.body)>>;
    const auto* whole = &req.body;
    if constexpr (is_optional<B>::value) {  // an optional body: nothing is sent when it is empty
      if (!req.body) {
        out.route.body = body_kind::none;
        return std::nullopt;
      }
      if constexpr (Op::body == body_kind::binary)
        out.body = *req.body;
      else
        kaizala::append_json(out.body, *req.body);
    } else if constexpr (Op::body == body_kind::binary) {
      out.body = *whole;
    } else {
      if constexpr (std::is_same_v<B, boost::json::value>)
        if (body_optional_of<Op> && whole->is_null()) out.route.body = body_kind::none;
      kaizala::append_json(out.body, *whole);
    }
  }
  return std::nullopt;
}

// The part of build_request that does not depend on the op's types: the root URL, the
// parameters placed and percent-encoded, the auth header, the body (a multipart body is built
// from the file parts in `params`).
KAIZALA_DECL result<http_request> assemble_request(const context& ctx, const op_route& op,
                                                   request_param* params, std::size_t param_count,
                                                   std::string json_body);

// A non-2xx response as an error: the service's message and code, the body, Retry-After and
// Location, all with `secrets` removed. Null for a 2xx response, the common case, which then
// costs no error object.
KAIZALA_DECL maybe_error status_error(const http_response& res,
                                      const std::vector<std::string_view>& secrets);

// Reads a 2xx body into `out`, or answers the status error or the decode error (with the status,
// without `secrets`). `any_json`: the op's response is any JSON, and an empty body is null.
KAIZALA_DECL maybe_error read_body(const http_response& res,
                                   const std::vector<std::string_view>& secrets, slot out,
                                   bool any_json);

}  // namespace detail

// Builds the HTTP request for `req` without sending it: checks the spec's
// limits and rules, fills and percent-encodes path parameters, adds query and
// header parameters and the auth header, and encodes the body.
template <class Op>
result<http_request> build_request(const context& ctx, const typename Op::request& req) {
  detail::request_parts<Op> parts;
  if (auto problem = detail::read_parts<Op>(req, parts)) return std::move(*problem);
  return detail::assemble_request(ctx, parts.route, parts.params.data(), parts.params.size(),
                                  std::move(parts.body));
}

// Turns an HTTP response into the op's response: a 2xx body is decoded (an
// empty body is JSON null for ops whose response is any JSON); any other
// status becomes an http_status error carrying the service's message and code,
// the body, and the Retry-After and Location headers. `secrets` are removed
// from all error text.
template <class Op>
result<typename Op::response> read_response(const http_response& res,
                                            const std::vector<std::string_view>& secrets = {}) {
  using Resp = typename Op::response;
  Resp out{};
  if constexpr (detail::binary_response_of<Op>) {  // the body's bytes as they came
    if (maybe_error e = detail::status_error(res, secrets)) return std::move(*e);
    detail::body_of(out) = res.body;
  } else if (maybe_error e =
                 detail::read_body(res, secrets, detail::root_slot(detail::body_of(out)),
                                   std::is_same_v<detail::body_t<Resp>, boost::json::value>)) {
    return std::move(*e);
  }
  if constexpr (detail::is_with_headers<Resp>::value)
    if (auto e = detail::read_headers(res.headers, out.headers)) return std::move(*e);
  return result<Resp>(std::move(out));
}

namespace detail {

// Where call<Op> puts the raw bytes of a binary response: the body when it is a std::string.
template <class B>
std::string* raw_body_target(B& body) {
  if constexpr (std::is_same_v<B, std::string>)
    return &body;
  else
    return nullptr;
}

// Calls transport.send(req) for a transport of any type, so that what surrounds the send is
// compiled once, not once per op. The request is the transport's to take over when it can.
template <class Transport>
result<http_response> send_through(void* transport, http_request&& req) {
  return static_cast<Transport*>(transport)->send(std::move(req));
}

// secrets_of<Op> for a request passed as `const void*`: call_parts works the secrets out only
// when an error needs them removed, so that a call that succeeds does not.
template <class Op>
request_secrets secrets_of_request(const context& ctx, const void* req) {
  return secrets_of<Op>(ctx, *static_cast<const typename Op::request*>(req));
}

// The rest of call<Op> once the request's parts are read: assembles the request, sends it, and
// reads the answer into `out`; `secrets(ctx, request)` are removed from every error. With `raw`
// set, a 2xx body is moved there as it came instead of being decoded.
KAIZALA_DECL maybe_error call_parts(const context& ctx, const op_route& op, request_param* params,
                                    std::size_t param_count, std::string json_body,
                                    result<http_response> (*send)(void*, http_request&&),
                                    void* transport,
                                    request_secrets (*secrets)(const context&, const void*),
                                    const void* request, slot out, bool any_json,
                                    http_headers* answered = nullptr, std::string* raw = nullptr);

}  // namespace detail

// Sends `req` as operation Op through `transport` and decodes the answer.
// One attempt: no retries, no redirects (a 308 comes back as an error whose
// `location` holds the new endpoint).
template <class Op, class Transport>
result<typename Op::response> call(Transport& transport, const context& ctx,
                                   const typename Op::request& req) {
  using Resp = typename Op::response;
  detail::request_parts<Op> parts;
  if (auto problem = detail::read_parts<Op>(req, parts)) return std::move(*problem);
  Resp out{};
  http_headers answered;  // filled only for an op with declared response headers
  constexpr bool raw = detail::binary_response_of<Op>;
  if (maybe_error e = detail::call_parts(
          ctx, parts.route, parts.params.data(), parts.params.size(), std::move(parts.body),
          &detail::send_through<Transport>, &transport, &detail::secrets_of_request<Op>, &req,
          raw ? detail::slot{nullptr, nullptr} : detail::root_slot(detail::body_of(out)),
          std::is_same_v<detail::body_t<Resp>, boost::json::value>,
          detail::is_with_headers<Resp>::value ? &answered : nullptr,
          raw ? detail::raw_body_target(detail::body_of(out)) : nullptr))
    return std::move(*e);
  if constexpr (detail::is_with_headers<Resp>::value)
    if (auto e = detail::read_headers(answered, out.headers)) return std::move(*e);
  return result<Resp>(std::move(out));
}

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/call.ipp>
#endif
