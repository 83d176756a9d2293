// kaizala/json.hpp: generated types to and from JSON.
//
//   auto m = kaizala::from_json<kaizala::FetchMembersResponse>(body);   // result<T>
//   std::string text = kaizala::to_json(request);                       // body fields only
//
// Reading ignores unknown keys (the service adds fields), leaves absent
// optionals empty, accepts the spec's aliases and lenient scalars, and keeps
// enum values it does not know. A missing required field or a wrong type is a
// decode error whose message names the JSON path:
//   "members[3].mobileNumber: expected string, got number".
// Error messages name paths and kinds, never the values read, so a secret in a body stays out of
// them. Writing leaves absent optionals out (never null), writes kaizala::nullable members that
// hold null as null, and never writes readOnly members; reading skips writeOnly members.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/detail/json_decode.hpp>
#include <kaizala/detail/json_encode.hpp>
#include <kaizala/detail/json_validate.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/result.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse_options.hpp>

#include <string>
#include <string_view>

namespace kaizala {

// Parses JSON text into a value whose memory comes from `sp` (the default resource when none).
// A syntax error is a decode error naming the byte offset.
KAIZALA_DECL result<boost::json::value> parse_json(std::string_view text,
                                                   boost::json::storage_ptr sp = {});

// Reads a T from a parsed JSON value.
template <class T>
result<T> from_json_value(const boost::json::value& v, const decode_options& opt = {}) {
  return detail::decode_value<T>(v, opt);
}

// Reads a T from JSON text.
template <class T>
result<T> from_json(std::string_view text, const decode_options& opt = {}) {
  // Straight from the text into T (a SAX handler, no DOM): detail/json_decode.hpp.
  return detail::decode_text<T>(text, opt);
}

// Writes a T as JSON text, appending to `out`. For request structs only the
// body fields are written; absent optionals are left out.
template <class T>
void append_json(std::string& out, const T& v) {
  detail::append_json(out, v);
}

// Writes a T as JSON text.
template <class T>
std::string to_json(const T& v) {
  std::string out;
  detail::append_json(out, v);
  return out;
}

// Builds a boost::json::value from a T, e.g. a typed action body for a `json` member:
//   req.actionBody = kaizala::to_json_value(kaizala::JobBody{...});
template <class T>
boost::json::value to_json_value(const T& v) {
  return detail::to_value(v);
}

// Checks the spec's limits (maxItems, maxLength) and rules (exactlyOne,
// atLeastOne), and refuses NaN, infinity and unset enums. Returns the first
// problem as an invalid_request error naming its path, or none.
template <class T>
maybe_error validate(const T& v) {
  detail::validator c;
  if (c.check(v)) return std::nullopt;
  return std::move(c.failure());
}

// The JSON text of an enum value.
template <class E>
std::string_view to_string(const open_enum<E>& e) {
  return detail::enum_text(e);
}

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/json.ipp>
#endif
