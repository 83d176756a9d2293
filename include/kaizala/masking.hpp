// kaizala/masking.hpp: what a log or an error may show of a secret: "***".
//
//   kaizala::secret_masks m;
//   m.names = kaizala::secret_names<kaizala::api>();   // kaizala/reflect.hpp: accessToken, pin...
//   m.values = {access_token};                          // known secret texts, masked anywhere
//   log << kaizala::masked_target(req.target, m) << kaizala::masked_body(req.body, type, m);
//
// What these promise:
// - redact() replaces a secret's text wherever it is, in every encoding a server may echo it in.
// - masked_*() first mask by name (a header, a query parameter or a JSON key, ASCII case ignored,
//   at any depth of a JSON body), then redact the known values, so a secret echoed under another
//   name is masked too. They never return a secret they were told of.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/http.hpp>
#include <kaizala/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kaizala {

// Replaces every secret in `text` with "***", in every form a server may echo it in: raw,
// JSON-escaped (\uXXXX of any ASCII character in either case, \/, \", \\), percent-encoded (%XX
// in either case, '+' for a space), base64 (standard and URL-safe, at any alignment; secrets of
// 6 bytes or more); and for a credential with a scheme prefix ("Bearer <token>") the token alone.
KAIZALA_DECL void redact(std::string& text, const std::vector<std::string_view>& secrets);

// The same over every string member of `e`, found by reflection: a member added later is covered.
KAIZALA_DECL void redact(error& e, const std::vector<std::string_view>& secrets);

// What to mask: names whose values are secret, and secret texts known in advance.
struct secret_masks {
  std::vector<std::string> names;        // header, query parameter and JSON key names
  std::vector<std::string_view> values;  // masked wherever they appear (see redact)
};

// A request target ("/v1/x?a=1&b=2") with the values of secret query parameters masked.
KAIZALA_DECL std::string masked_target(std::string_view target, const secret_masks& masks);

// Headers with the values of secret ones masked (and any known secret inside the others).
KAIZALA_DECL http_headers masked_headers(const http_headers& headers, const secret_masks& masks);

// A body as text for a log: JSON with the values of secret keys masked (re-serialized compactly);
// text and form bodies as they are, known secrets masked; any other type as its size and type.
// Cut after `limit` bytes, saying how many more there were.
KAIZALA_DECL std::string masked_body(std::string_view body, std::string_view content_type,
                                     const secret_masks& masks, std::size_t limit = 16384);

namespace detail {
using kaizala::redact;  // its old home, for code written against it
}

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/masking.ipp>
#endif
