// Definitions of kaizala/json.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/json.hpp>

#include <boost/json/stream_parser.hpp>

namespace kaizala {

KAIZALA_DECL result<boost::json::value> parse_json(std::string_view text, boost::json::storage_ptr sp) {
  boost::json::stream_parser p(std::move(sp));
  boost::system::error_code ec;
  std::size_t used = p.write_some(text.data(), text.size(), ec);
  if (!ec) p.finish(ec);
  if (ec) {
    error e;
    e.kind = error_kind::decode;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      e.message = "(root): empty body, expected JSON";
    } else {
      e.message = "(root): invalid JSON at byte " + std::to_string(used) + ": " + ec.message();
    }
    return e;
  }
  return p.release();
}

}  // namespace kaizala
