#include "inputs.hpp"

#include <kaizala/media_types.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <sstream>

namespace kaizala::cli {
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

std::string known_media_extensions() {
  std::string out;
  for (const auto& m : upload_media_types) {
    if (!out.empty()) out += ", ";
    out += m.extension;
  }
  return out;
}

}  // namespace kaizala::cli
