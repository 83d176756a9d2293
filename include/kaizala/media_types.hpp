// kaizala/media_types.hpp: the files Kaizala's UploadMedia takes, by file extension.
//
//   std::string_view type = kaizala::media_type_for("photo.PNG");   // "image/png"
//   std::string_view kind = kaizala::media_kind_of("image/png");    // "Image"
//
// The one table (docs/kaizala-api.md §15.2: the supported files, with the standard media type of
// each extension and the kind of attachment the service makes of it). kaizala-cli picks a file
// part's Content-Type from it; the emulator refuses any other type with a 415.
#pragma once

#include <cstddef>
#include <string_view>

namespace kaizala {

// One supported file: its extension (lower case, with the dot), its media type, and the
// attachment kind ("Image", "Audio", "Document", "Video").
struct media_type_entry {
  std::string_view extension;
  std::string_view type;
  std::string_view kind;
};

// Every supported file, in the order of docs/kaizala-api.md §15.2. Several extensions may share a
// type (".jpg" and ".jpeg").
inline constexpr media_type_entry upload_media_types[] = {
    {".jpg", "image/jpeg", "Image"},
    {".jpeg", "image/jpeg", "Image"},
    {".png", "image/png", "Image"},
    {".mp3", "audio/mpeg", "Audio"},
    {".wav", "audio/wav", "Audio"},
    {".doc", "application/msword", "Document"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "Document"},
    {".xls", "application/vnd.ms-excel", "Document"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Document"},
    {".ppt", "application/vnd.ms-powerpoint", "Document"},
    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
     "Document"},
    {".pdf", "application/pdf", "Document"},
    {".mp4", "video/mp4", "Video"},
    {".3gpp", "video/3gpp", "Video"},
};

namespace detail {
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr bool ascii_iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
}  // namespace detail

// The media type of a file by its name's extension (any ASCII case; a directory part is
// ignored), or "" when the extension is not in upload_media_types.
constexpr std::string_view media_type_for(std::string_view file_name) noexcept {
  std::size_t dot = file_name.rfind('.');
  std::size_t slash = file_name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  for (const auto& m : upload_media_types)
    if (detail::ascii_iequal(m.extension, file_name.substr(dot))) return m.type;
  return {};
}

// The attachment kind of a Content-Type ("image/PNG; q=1" reads as "image/png"), or "" when the
// type is not in upload_media_types.
constexpr std::string_view media_kind_of(std::string_view content_type) noexcept {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  for (const auto& m : upload_media_types)
    if (detail::ascii_iequal(m.type, type)) return m.kind;
  return {};
}

}  // namespace kaizala
