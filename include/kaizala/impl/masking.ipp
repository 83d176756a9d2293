// Definitions of kaizala/masking.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/json.hpp>
#include <kaizala/masking.hpp>

#include <boost/json/serialize.hpp>
#include <boost/pfr/core.hpp>

#include <algorithm>
#include <cctype>

namespace kaizala {

namespace detail {
namespace redaction {

inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The length of the text at `at` that spells `secret`, each character raw or escaped; 0 if none.
inline std::size_t match_at(std::string_view text, std::size_t at,
                            std::string_view secret) noexcept {
  std::size_t i = at;
  const std::size_t n = text.size();
  auto hex_is = [&](std::size_t from, std::size_t digits, unsigned char c) {
    if (from + digits > n) return false;
    int v = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      int h = hex_value(text[from + k]);
      if (h < 0) return false;
      v = v * 16 + h;
    }
    return v == c;
  };
  for (char ch : secret) {
    auto c = static_cast<unsigned char>(ch);
    if (i >= n) return 0;
    if (text[i] == ch) {
      ++i;
    } else if (text[i] == '\\' && i + 1 < n && text[i + 1] == 'u' && c < 0x80 &&
               hex_is(i + 2, 4, c)) {
      i += 6;
    } else if (text[i] == '\\' && i + 1 < n && text[i + 1] == ch &&
               (ch == '/' || ch == '"' || ch == '\\')) {
      i += 2;
    } else if (text[i] == '%' && hex_is(i + 1, 2, c)) {
      i += 3;
    } else if (text[i] == '+' && ch == ' ') {
      ++i;
    } else {
      return 0;
    }
  }
  return i - at;
}

// The base64 text that encodes `secret` whatever bytes precede it: for each of the three
// alignments, the characters made only of the secret's bits.
inline void add_base64_forms(std::vector<std::string>& out, std::string_view secret) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t shift = 0; shift < 3; ++shift) {
    std::string bytes(shift, '\0');
    bytes.append(secret.data(), secret.size());
    const std::size_t bits = bytes.size() * 8;
    std::string encoded;
    for (std::size_t k = 0; 6 * k + 6 <= bits; ++k) {
      if (6 * k < 8 * shift) continue;  // holds bits of the bytes before the secret
      unsigned v = 0;
      for (std::size_t b = 6 * k; b < 6 * k + 6; ++b)
        v = (v << 1) | ((static_cast<unsigned char>(bytes[b / 8]) >> (7 - b % 8)) & 1u);
      encoded += alphabet[v];
    }
    if (encoded.size() < 4) continue;
    std::string url_safe = encoded;
    for (char& c : url_safe) c = c == '+' ? '-' : c == '/' ? '_' : c;
    out.push_back(encoded);
    if (url_safe != encoded) out.push_back(std::move(url_safe));
  }
}

}  // namespace redaction

inline bool is_secret_name(std::string_view name, const secret_masks& masks) {
  for (const auto& n : masks.names)
    if (iequals(name, n)) return true;
  return false;
}

// The values of secret keys, at any depth, become "***" ("" stays "": it shows that none was set).
inline void mask_json_keys(boost::json::value& v, const secret_masks& masks, int depth = 0) {
  if (depth > 64)
    return;  // parse_json's own depth limit is lower; this keeps the recursion bounded
  if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      if (is_secret_name(kv.key(), masks)) {
        if (!(kv.value().is_string() && kv.value().get_string().empty())) kv.value() = "***";
      } else {
        mask_json_keys(kv.value(), masks, depth + 1);
      }
    }
  } else if (auto* a = v.if_array()) {
    for (auto& x : *a) mask_json_keys(x, masks, depth + 1);
  }
}

}  // namespace detail

KAIZALA_DECL void redact(std::string& text, const std::vector<std::string_view>& secrets) {
  std::vector<std::string> forms;
  for (std::string_view s : secrets) {
    if (s.empty()) continue;
    forms.emplace_back(s);
    // "Bearer <token>": the token alone too.
    std::size_t space = s.find(' ');
    if (space != std::string_view::npos && space > 0 && space + 1 < s.size() &&
        std::all_of(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(space),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
      forms.emplace_back(s.substr(space + 1));
  }
  for (std::size_t i = 0, raw = forms.size(); i < raw; ++i)
    if (forms[i].size() >= 6)
      detail::redaction::add_base64_forms(forms, std::string(forms[i]));  // a copy: forms grows
  // Longest first, so that a form inside another (the token inside "Bearer <token>") goes last.
  std::sort(forms.begin(), forms.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& form : forms) {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t len = detail::redaction::match_at(text, at, form);
      if (len == 0) {
        ++at;
        continue;
      }
      out.append(text, copied, at - copied);
      out += "***";
      at += len;
      copied = at;
    }
    if (copied == 0) continue;
    out.append(text, copied, std::string::npos);
    text = std::move(out);
  }
}

KAIZALA_DECL void redact(error& e, const std::vector<std::string_view>& secrets) {
  if (secrets.empty()) return;
  boost::pfr::for_each_field(e, [&](auto& member) {
    if constexpr (std::is_same_v<std::remove_reference_t<decltype(member)>, std::string>)
      redact(member, secrets);
  });
}

KAIZALA_DECL std::string masked_target(std::string_view target, const secret_masks& masks) {
  std::size_t q = target.find('?');
  std::string out(target.substr(0, q == std::string_view::npos ? target.size() : q + 1));
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    for (bool first = true;; first = false) {
      std::size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      std::size_t eq = pair.find('=');
      if (!first) out += '&';
      if (eq != std::string_view::npos && detail::is_secret_name(pair.substr(0, eq), masks)) {
        out.append(pair.substr(0, eq + 1));
        out += "***";
      } else {
        out.append(pair);
      }
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  redact(out, masks.values);
  return out;
}

KAIZALA_DECL http_headers masked_headers(const http_headers& headers, const secret_masks& masks) {
  http_headers out = headers;
  for (auto& h : out) {
    if (detail::is_secret_name(h.first, masks))
      h.second = "***";
    else
      redact(h.second, masks.values);
  }
  return out;
}

KAIZALA_DECL std::string masked_body(std::string_view body, std::string_view content_type,
                                     const secret_masks& masks, std::size_t limit) {
  std::string type(content_type);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type.empty() && !body.empty()) {  // unlabelled: JSON if it parses, text if it is printable
    if (parse_json(body))
      type = "application/json";
    else if (std::all_of(body.begin(), body.end(), [](char c) {
               auto u = static_cast<unsigned char>(c);
               return u >= 0x20 || u == '\n' || u == '\r' || u == '\t';
             }))
      type = "text/plain";
  }
  std::string text;
  if (type.find("json") != std::string::npos) {
    if (auto v = parse_json(body)) {
      detail::mask_json_keys(*v, masks);
      text = boost::json::serialize(*v);
    } else {
      text = body;  // not JSON after all: shown as text, known secrets still masked below
    }
  } else if (type.rfind("text/", 0) == 0 ||
             type.find("x-www-form-urlencoded") != std::string::npos) {
    text = body;
    if (type.find("x-www-form-urlencoded") != std::string::npos)
      text = masked_target("?" + text, masks).substr(1);  // form fields are query pairs
  } else {
    return "(" + std::to_string(body.size()) + " bytes of " +
           (content_type.empty() ? std::string("unknown type") : std::string(content_type)) + ")";
  }
  redact(text, masks.values);
  if (text.size() > limit) {
    std::size_t more = text.size() - limit;
    text.resize(limit);
    text += "... (" + std::to_string(more) + " bytes more)";
  }
  return text;
}

}  // namespace kaizala
