#include "inputs.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <sstream>

namespace kaizala::cli {
namespace {

struct media_type {
  std::string_view extension;  // lower case, with the dot
  std::string_view type;
};

// docs/kaizala-api.md §15.2: the supported files, with the standard type of each extension.
constexpr media_type media_types[] = {
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".png", "image/png"},
    {".mp3", "audio/mpeg"},
    {".wav", "audio/wav"},
    {".doc", "application/msword"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {".xls", "application/vnd.ms-excel"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {".ppt", "application/vnd.ms-powerpoint"},
    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {".pdf", "application/pdf"},
    {".mp4", "video/mp4"},
    {".3gpp", "video/3gpp"},
};

}  // namespace

bool read_whole_file(const std::string& path, std::string& bytes, std::string& error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    error = "cannot read \"" + path + "\": " + std::strerror(errno);
    return false;
  }
  std::ostringstream s;
  s << f.rdbuf();
  if (f.bad()) {
    error = "cannot read \"" + path + "\"";
    return false;
  }
  bytes = std::move(s).str();
  return true;
}

bool read_data_argument(const std::string& arg, std::istream& in, std::string& text,
                        std::string& error) {
  if (arg == "-") {
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
  }
  if (!arg.empty() && arg[0] == '@') return read_whole_file(arg.substr(1), text, error);
  text = arg;
  return true;
}

std::string_view media_type_for(std::string_view file_name) {
  std::size_t dot = file_name.rfind('.');
  std::size_t slash = file_name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(file_name.substr(dot));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& m : media_types)
    if (m.extension == ext) return m.type;
  return {};
}

std::string known_media_extensions() {
  std::string out;
  for (const auto& m : media_types) {
    if (!out.empty()) out += ", ";
    out += m.extension;
  }
  return out;
}

}  // namespace kaizala::cli
