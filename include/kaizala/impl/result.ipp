// Definitions of kaizala/result.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/result.hpp>

namespace kaizala {

KAIZALA_DECL std::string error::to_string() const {
  std::string s(kaizala::to_string(kind));
  if (http_status != 0) s += ' ' + std::to_string(http_status);
  s += ": ";
  s += message;
  if (!service_code.empty()) s += " (errorCode " + service_code + ')';
  return s;
}

}  // namespace kaizala
