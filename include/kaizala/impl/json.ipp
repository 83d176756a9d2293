// Definitions of kaizala/json.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/json.hpp>

namespace kaizala {

KAIZALA_DECL result<boost::json::value> parse_json(std::string_view text,
                                                   boost::json::storage_ptr sp) {
  return detail::parse_text_to_dom(text, std::move(sp));
}

}  // namespace kaizala
