// Definitions of kaizala/json.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/json.hpp>

#include <boost/json/stream_parser.hpp>

#include <cmath>

namespace kaizala {

namespace detail {
// Whether `v` holds a number that parsed to infinity (1e999). The depth is bounded by the
// parser's max_depth.
inline bool holds_non_finite(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::double_:
      return !std::isfinite(v.get_double());
    case boost::json::kind::array:
      for (const auto& item : v.get_array())
        if (holds_non_finite(item)) return true;
      return false;
    case boost::json::kind::object:
      for (const auto& kv : v.get_object())
        if (holds_non_finite(kv.value())) return true;
      return false;
    default:
      return false;
  }
}
}  // namespace detail

KAIZALA_DECL result<boost::json::value> parse_json(std::string_view text,
                                                   boost::json::storage_ptr sp) {
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
  boost::json::value v = p.release();
  if (detail::holds_non_finite(v))
    return detail::syntax_error_in(text);  // 1e999: not a JSON number
  return v;
}

}  // namespace kaizala
