// Definitions of kaizala/form.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/form.hpp>
#include <kaizala/url.hpp>

namespace kaizala {

KAIZALA_DECL std::string form_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '*' ||
        c == '-' || c == '.' || c == '_') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xF];
    }
  }
  return out;
}

KAIZALA_DECL result<std::vector<std::pair<std::string, std::string>>> decode_form(
    std::string_view body) {
  auto decode = [](std::string_view s) {
    std::string plus(s);
    for (char& c : plus)
      if (c == '+') c = ' ';
    return percent_decode(plus);
  };
  std::vector<std::pair<std::string, std::string>> out;
  while (!body.empty()) {
    std::size_t amp = body.find('&');
    std::string_view item = body.substr(0, amp);
    body.remove_prefix(amp == std::string_view::npos ? body.size() : amp + 1);
    if (item.empty()) continue;
    if (out.size() == max_form_pairs) {
      error e;
      e.kind = error_kind::invalid_request;
      e.message = "form body: more than " + std::to_string(max_form_pairs) + " fields";
      return e;
    }
    std::size_t eq = item.find('=');
    out.emplace_back(decode(item.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decode(item.substr(eq + 1)));
  }
  return out;
}

}  // namespace kaizala
