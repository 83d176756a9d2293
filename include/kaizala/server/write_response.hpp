// kaizala/server/write_response.hpp: the server side of read_response: writes a typed answer.
//
//   kaizala::SendMessageResponse res;
//   res.referenceId = "r1";
//   kaizala::http_response out = kaizala::write_response<kaizala::ops::SendMessage>(res);
//   // out.status 200, Content-Type application/json; charset=utf-8, out.body
//   {"referenceId":"r1",...}
//
// With read_request, what a mock or a test server of any generated API needs: read the op's
// request, answer its response type (or an error body), and hand status, headers and body to the
// HTTP server of your choice. What is written here is what call<Op>() and read_response<Op> read
// back: the same generated tables drive both sides.
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/http.hpp>
#include <kaizala/json.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/response_headers.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace kaizala {

// The Content-Type written with a JSON body.
inline constexpr std::string_view json_content_type = "application/json; charset=utf-8";

namespace detail {

// Writes `body` (a generated struct, array, map, scalar, enum, JSON value or no_content) into
// `out`: JSON text with Content-Type json_content_type; nothing at all for no_content.
template <class B>
void write_json_body(http_response& out, const B& body) {
  if constexpr (std::is_same_v<B, no_content>) {
    return;
  } else {
    if constexpr (std::is_same_v<B, boost::json::value>)
      out.body = boost::json::serialize(body);
    else
      kaizala::append_json(out.body, body);
    out.headers.emplace_back("Content-Type", std::string(json_content_type));
  }
}

}  // namespace detail

// Writes Op's answer: the op's documented success status (success_status<Op>, 200 when the spec
// names none) unless `status` is given; the body as JSON (Content-Type json_content_type), the
// raw bytes with Content-Type application/octet-stream for a binary response, no body for a
// no_content response; and, for a response with declared headers, each header that is set (an
// absent std::optional is left out). read_response<Op> reads the result back into an equal value.
template <class Op>
http_response write_response(const typename Op::response& res,
                             int status = success_status<Op>::value) {
  using Resp = typename Op::response;
  http_response out;
  out.status = status;
  auto write_body = [&](const auto& body) {
    if constexpr (detail::binary_response_of<Op>) {
      out.body = body;
      out.headers.emplace_back("Content-Type", "application/octet-stream");
    } else {
      detail::write_json_body(out, body);
    }
  };
  if constexpr (detail::is_with_headers<Resp>::value) {
    if constexpr (std::is_class_v<typename Resp::body_type>)
      write_body(static_cast<const typename Resp::body_type&>(res));
    else
      write_body(res.value);
    detail::for_each_member(res.headers, [&](const auto& m, auto f) {
      std::string text;
      if (detail::param_text(m, text))
        out.headers.emplace_back(std::string(decltype(f)::value.json_name), text);
    });
  } else {
    write_body(res);
  }
  return out;
}

// Writes an error answer: `status` (a 4xx or 5xx, as the op's spec "errors" declare) with `body`
// as JSON (any generated type, a boost::json::value, or no_content for none), plus `headers`
// (e.g. Retry-After for a 429). call<Op>() turns it into an http_status error whose message is
// the body's "message" member, and error_body<Op> reads the typed body back.
template <class Body>
http_response write_error_response(int status, const Body& body, http_headers headers = {}) {
  http_response out;
  out.status = status;
  out.headers = std::move(headers);
  detail::write_json_body(out, body);
  return out;
}

}  // namespace kaizala
