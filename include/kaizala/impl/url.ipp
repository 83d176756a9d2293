// Definitions of kaizala/url.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/url.hpp>

#include <cctype>

namespace kaizala {

namespace detail {
inline bool is_unreserved(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}
inline void append_pct(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += '%';
  out += hex[c >> 4];
  out += hex[c & 0xF];
}
}  // namespace detail

KAIZALA_DECL void append_percent_encoded_segment(std::string& out, std::string_view s) {
  bool only_dots = !s.empty() && s.find_first_not_of('.') == std::string_view::npos;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((detail::is_unreserved(c) && !(only_dots && c == '.')) || c == '@')
      out += ch;
    else
      detail::append_pct(out, c);
  }
}

KAIZALA_DECL std::string percent_encode_segment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_percent_encoded_segment(out, s);
  return out;
}

KAIZALA_DECL std::string percent_encode_query(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (detail::is_unreserved(c))
      out += ch;
    else
      detail::append_pct(out, c);
  }
  return out;
}

KAIZALA_DECL std::string percent_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

KAIZALA_DECL result<url_parts> split_base_url(std::string_view url) {
  auto bad = [&](std::string_view why) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = "base URL \"" + std::string(url) + "\": " + std::string(why);
    return e;
  };
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return bad("expected http:// or https://");
  std::string_view scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return bad("expected http:// or https://");
  std::size_t host_begin = scheme_end + 3;
  std::size_t path_begin = url.find('/', host_begin);
  if (path_begin == std::string_view::npos) path_begin = url.size();
  if (path_begin == host_begin) return bad("no host");
  if (url.find_first_of("?#") != std::string_view::npos) return bad("no query or fragment allowed");
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return bad("control character or space");
  if (auto o = parse_origin(url.substr(0, path_begin)); !o) return bad(o.error().message);
  url_parts p;
  p.origin = std::string(url.substr(0, path_begin));
  std::string_view path = url.substr(path_begin);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  p.path = std::string(path);
  return p;
}

KAIZALA_DECL result<origin_parts> parse_origin(std::string_view origin) {
  auto bad = [&](std::string_view why) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = "origin \"" + std::string(origin) + "\": " + std::string(why);
    return e;
  };
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  };
  std::size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return bad("expected http:// or https://");
  origin_parts o;
  o.scheme = lower(origin.substr(0, scheme_end));
  if (o.scheme != "http" && o.scheme != "https") return bad("expected http:// or https://");
  std::string_view authority = origin.substr(scheme_end + 3);
  if (authority.empty()) return bad("no host");
  if (authority.find('@') != std::string_view::npos)
    return bad("user info (user@host) is not allowed");
  std::string_view host = authority, port;
  if (authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed [ in IPv6 host");
    host = authority.substr(0, close + 1);
    for (char c : host.substr(1, host.size() - 2))
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'))
        return bad("bad IPv6 host");
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return bad("unexpected text after the host");
    if (!rest.empty()) port = rest.substr(1);
  } else {
    std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    if (host.empty()) return bad("no host");
    for (char c : host)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'))
        return bad("host holds a character other than a letter, digit, '-', '.' or '_'");
  }
  o.host = lower(host);
  o.port = o.scheme == "https" ? 443 : 80;
  if (authority.find(':', host.size()) != std::string_view::npos) {
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string_view::npos)
      return bad("port is not a number");
    int n = 0;
    for (char c : port) n = n * 10 + (c - '0');
    if (n == 0 || n > 65535) return bad("port out of range");
    o.port = n;
  }
  return o;
}

KAIZALA_DECL bool origin_matches(std::string_view origin, std::string_view pattern) {
  auto o = parse_origin(origin);
  if (!o) return false;
  std::string wildcard;  // "scheme://*.domain" -> "scheme://domain", read as an origin
  bool under = false;
  if (std::size_t at = pattern.find("://*."); at != std::string_view::npos) {
    wildcard = std::string(pattern.substr(0, at + 3)) + std::string(pattern.substr(at + 5));
    pattern = wildcard;
    under = true;
  }
  auto p = parse_origin(pattern);
  if (!p || p->scheme != o->scheme || p->port != o->port) return false;
  if (!under) return p->host == o->host;
  return o->host.size() > p->host.size() + 1 &&
         o->host[o->host.size() - p->host.size() - 1] == '.' &&
         o->host.compare(o->host.size() - p->host.size(), p->host.size(), p->host) == 0;
}

KAIZALA_DECL bool redirect_allowed(std::string_view from, std::string_view to,
                                   const std::vector<std::string>& allow) {
  auto f = parse_origin(from);
  auto t = parse_origin(to);
  if (!f || !t || f->scheme != t->scheme) return false;
  if (f->host == t->host && f->port == t->port) return true;
  for (const std::string& pattern : allow)
    if (origin_matches(to, pattern)) return true;
  return false;
}

KAIZALA_DECL bool is_loopback_host(std::string_view host) {
  std::string h(host);
  for (char& c : h)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (h == "localhost" || h == "[::1]") return true;
  // 127.0.0.0/8, in dotted-quad form only.
  if (h.compare(0, 4, "127.") != 0) return false;
  int parts = 0;
  std::size_t i = 0;
  while (i <= h.size()) {
    std::size_t dot = std::min(h.find('.', i), h.size());
    std::string_view n = std::string_view(h).substr(i, dot - i);
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string_view::npos)
      return false;
    int v = 0;
    for (char c : n) v = v * 10 + (c - '0');
    if (v > 255) return false;
    ++parts;
    i = dot + 1;
  }
  return parts == 4;
}

KAIZALA_DECL std::string_view root_path_of(std::string_view root_url) {
  // A placeholder in the host ("https://{region}.example.com/api") is not part of the path.
  std::string_view path = root_url;
  if (std::size_t scheme = root_url.find("://"); scheme != std::string_view::npos) {
    std::size_t slash = root_url.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view() : root_url.substr(slash);
  }
  std::size_t from = path.rfind('}');
  return from == std::string_view::npos ? path : path.substr(from + 1);
}

KAIZALA_DECL std::string root_from_base(std::string_view base, std::string_view root_url) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  std::string_view path = root_path_of(root_url);
  bool has_path = base.size() >= path.size();
  for (std::size_t i = 0; has_path && i < path.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    has_path = lower(base[base.size() - path.size() + i]) == lower(path[i]);
  }
  std::string out(base);
  if (!has_path) out += path;
  return out;
}

}  // namespace kaizala
