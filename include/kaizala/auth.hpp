// kaizala/auth.hpp: credentials built from their parts, refused (without echoing them) when they
// could not be sent in a header or read back.
//
//   // api.auth: {"basic": {"header": "Authorization", "prefix": "Basic "}}
//   auto cred = kaizala::basic_credential("aladdin", "open sesame");
//   if (cred) ctx.set_credential("Authorization", *cred);   // sent as "Basic
//   YWxhZGRpbjpvcGVuIHNlc2FtZQ=="
#pragma once

#include <kaizala/result.hpp>

#include <string>
#include <string_view>

namespace kaizala {

// The credential of HTTP Basic auth (RFC 7617): base64 of "user:password", without the "Basic "
// prefix (the spec's auth scheme sends that). An invalid_request error, naming neither value, when
// the user holds ':' or either holds a control character (they could not be read back, or would
// break the header).
inline result<std::string> basic_credential(std::string_view user, std::string_view password) {
  auto bad = [](std::string_view s) {
    for (char c : s)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
    return false;
  };
  auto refuse = [](const char* why) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = why;
    return result<std::string>(std::move(e));
  };
  if (user.find(':') != std::string_view::npos)
    return refuse("basic credential: the user cannot hold ':'");
  if (bad(user) || bad(password))
    return refuse("basic credential: user and password cannot hold control characters");
  static constexpr char digits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string plain;
  plain.reserve(user.size() + 1 + password.size());
  plain.append(user).append(1, ':').append(password);
  std::string out;
  out.reserve((plain.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < plain.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(plain[i]) << 16;
    if (i + 1 < plain.size()) n |= static_cast<unsigned char>(plain[i + 1]) << 8;
    if (i + 2 < plain.size()) n |= static_cast<unsigned char>(plain[i + 2]);
    out += digits[(n >> 18) & 63];
    out += digits[(n >> 12) & 63];
    out += i + 1 < plain.size() ? digits[(n >> 6) & 63] : '=';
    out += i + 2 < plain.size() ? digits[n & 63] : '=';
  }
  // The plain text held the password: leave no copy behind in freed memory.
  for (char& c : plain) static_cast<volatile char&>(c) = 0;
  return out;
}

}  // namespace kaizala
