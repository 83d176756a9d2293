// Definitions of kaizala/multipart.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/multipart.hpp>

namespace kaizala {

KAIZALA_DECL result<multipart_body> encode_multipart(
    const std::vector<std::pair<std::string_view, const file_part*>>& parts) {
  auto refuse = [](std::string what) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = std::move(what);
    return e;
  };
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over every part
  for (const auto& [name, part] : parts) {
    if (part->content_type.empty()) return refuse(std::string(name) + ": file part needs a content type");
    if (part->content_type.find_first_of("\r\n") != std::string::npos)
      return refuse(std::string(name) + ": content type holds a line break");
    for (char c : part->data) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  std::string boundary;
  for (;; ++h) {
    static constexpr char hex[] = "0123456789abcdef";
    boundary = "kaizala-";
    for (int i = 60; i >= 0; i -= 4) boundary += hex[(h >> i) & 0xF];
    bool clash = false;
    for (const auto& p : parts) clash = clash || p.second->data.find(boundary) != std::string::npos;
    if (!clash) break;
  }
  // Quotes and line breaks in a file name are escaped the way browsers do (HTML form encoding).
  auto quoted = [](std::string_view s) {
    std::string q;
    for (char c : s) {
      if (c == '"') q += "%22";
      else if (c == '\r') q += "%0D";
      else if (c == '\n') q += "%0A";
      else q += c;
    }
    return q;
  };
  multipart_body out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& [name, part] : parts) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\"" +
                quoted(part->filename) + "\"\r\n";
    out.body += "Content-Type: " + part->content_type + "\r\n\r\n";
    out.body += part->data;
    out.body += "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace kaizala
