// kaizala/multipart.hpp: multipart/form-data bodies (the spec's body "multipart", e.g.
// UploadMedia): the same parts always give the same bytes, and a part that could break the framing
// is refused.
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaizala {

struct multipart_body {
  std::string content_type;  // "multipart/form-data; boundary=..."
  std::string body;
};

// Encodes named file parts. The boundary is derived from the content (so the
// same request always has the same bytes) and re-derived until it does not
// occur in any part. A part without a content type, or a name or type holding
// CR/LF, is refused: the service answers 415 to a part with no type.
KAIZALA_DECL result<multipart_body> encode_multipart(
    const std::vector<std::pair<std::string_view, const file_part*>>& parts);

// One part of a multipart/form-data body: a file, or a text part (`text`, sent with `content_type`
// as its Content-Type header, or with none when it is empty: RFC 7578's text/plain).
struct multipart_part {
  std::string_view name;
  const file_part* file = nullptr;  // a file part when set
  std::string_view text;            // text parts
  std::string_view content_type;    // text parts: "" or e.g. "application/json"
};

// Encodes file and text parts in order, as the overload above does (a body of file parts only has
// the same bytes). A text part's content type holding CR/LF is refused.
KAIZALA_DECL result<multipart_body> encode_multipart(const std::vector<multipart_part>& parts);

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/multipart.ipp>
#endif
