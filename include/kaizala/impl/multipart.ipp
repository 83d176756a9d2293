// Definitions of kaizala/multipart.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/multipart.hpp>

namespace kaizala {

KAIZALA_DECL result<multipart_body> encode_multipart(const std::vector<multipart_part>& parts) {
  auto refuse = [](std::string what) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = std::move(what);
    return e;
  };
  auto data_of = [](const multipart_part& p) {
    return p.file != nullptr ? std::string_view(p.file->data) : p.text;
  };
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over every part
  for (const auto& part : parts) {
    std::string_view type =
        part.file != nullptr ? std::string_view(part.file->content_type) : part.content_type;
    if (part.file != nullptr && type.empty())
      return refuse(std::string(part.name) + ": file part needs a content type");
    if (type.find_first_of("\r\n") != std::string_view::npos)
      return refuse(std::string(part.name) + ": content type holds a line break");
    for (char c : data_of(part)) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  std::string boundary;
  for (;; ++h) {
    static constexpr char hex[] = "0123456789abcdef";
    boundary = "kaizala-";
    for (int i = 60; i >= 0; i -= 4) boundary += hex[(h >> i) & 0xF];
    bool clash = false;
    for (const auto& p : parts)
      clash = clash || data_of(p).find(boundary) != std::string_view::npos;
    if (!clash) break;
  }
  // Quotes and line breaks in a name are escaped the way browsers do (HTML form encoding).
  auto quoted = [](std::string_view s) {
    std::string q;
    for (char c : s) {
      if (c == '"')
        q += "%22";
      else if (c == '\r')
        q += "%0D";
      else if (c == '\n')
        q += "%0A";
      else
        q += c;
    }
    return q;
  };
  multipart_body out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& part : parts) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=\"" + quoted(part.name) + "\"";
    if (part.file != nullptr) {
      out.body += "; filename=\"" + quoted(part.file->filename) + "\"\r\n";
      out.body += "Content-Type: " + part.file->content_type + "\r\n\r\n";
    } else {
      out.body += "\r\n";
      if (!part.content_type.empty())
        out.body += "Content-Type: " + std::string(part.content_type) + "\r\n";
      out.body += "\r\n";
    }
    out.body += data_of(part);
    out.body += "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

KAIZALA_DECL result<multipart_body> encode_multipart(
    const std::vector<std::pair<std::string_view, const file_part*>>& parts) {
  std::vector<multipart_part> all;
  all.reserve(parts.size());
  for (const auto& [name, file] : parts) all.push_back({name, file, {}, {}});
  return encode_multipart(all);
}

}  // namespace kaizala
