// Definitions of kaizala/call.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/call.hpp>

#include <boost/pfr/core.hpp>

#include <algorithm>
#include <cctype>

namespace kaizala {

KAIZALA_DECL context& context::set_root(std::string name, std::string url) {
  roots_[std::move(name)] = std::move(url);
  return *this;
}

KAIZALA_DECL context& context::set_variable(std::string name, std::string value) {
  variables_[std::move(name)] = std::move(value);
  return *this;
}

KAIZALA_DECL context& context::set_credential(std::string header, std::string value) {
  credentials_[std::move(header)] = std::move(value);
  return *this;
}

KAIZALA_DECL const std::string* context::credential(std::string_view header) const {
  auto it = credentials_.find(header);
  return it == credentials_.end() ? nullptr : &it->second;
}

namespace detail {

KAIZALA_DECL result<std::string> emulator_origin(std::string_view value) {
  std::string_view v = value;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '/')) v.remove_suffix(1);
  std::string origin;
  if (v.find("://") == std::string_view::npos) origin = "http://" + std::string(v);
  else origin = std::string(v);  // "http://127.0.0.1:8080" or "https://..." as given
  auto parts = parse_origin(origin);
  auto bad = [&](error_kind kind, std::string why) {
    error e;
    e.kind = kind;
    e.message = "KAIZALA_EMULATOR_HOST=\"" + std::string(value) + "\": " + why;
    return e;
  };
  if (!parts || origin.find('/', origin.find("://") + 3) != std::string::npos)
    return bad(error_kind::invalid_request,
               "expected host:port or http://host:port, e.g. 127.0.0.1:8080" +
                   (parts ? std::string() : " (" + parts.error().message + ")"));
  if (!is_loopback_host(parts->host)) {
    const char* allow = std::getenv("KAIZALA_EMULATOR_ALLOW_REMOTE");
    if (allow == nullptr || std::string_view(allow) != "1")
      return bad(error_kind::refused, "not this machine, and connector secrets would go there" +
                                          std::string(parts->scheme == "http" ? " in plaintext" : "") +
                                          "; set KAIZALA_EMULATOR_ALLOW_REMOTE=1 to allow it");
  }
  return origin;
}

}  // namespace detail

KAIZALA_DECL result<std::string> context::root_url(std::string_view name, std::string_view url_template) const {
  if (auto it = roots_.find(name); it != roots_.end()) return it->second;
  if (const char* host = std::getenv("KAIZALA_EMULATOR_HOST"); host != nullptr && *host != '\0') {
    // The template's path is what follows its last placeholder or its origin: "/v1".
    std::string_view t = url_template;
    std::size_t from = t.rfind('}');
    if (from == std::string_view::npos) {
      std::size_t scheme = t.find("://");
      from = scheme == std::string_view::npos ? 0 : t.find('/', scheme + 3);
    } else {
      ++from;
    }
    std::string_view path = from == std::string_view::npos ? std::string_view() : t.substr(from);
    auto origin = detail::emulator_origin(host);
    if (!origin) return std::move(origin).error();
    return *origin + std::string(path);
  }
  std::string out;
  std::string_view t = url_template;
  while (!t.empty()) {
    std::size_t open = t.find('{');
    if (open == std::string_view::npos) {
      out.append(t.data(), t.size());
      break;
    }
    out.append(t.data(), open);
    std::size_t close = t.find('}', open);
    if (close == std::string_view::npos) close = t.size() - 1;
    std::string_view var = t.substr(open + 1, close - open - 1);
    auto it = variables_.find(var);
    if (it == variables_.end()) {
      error e;
      e.kind = error_kind::invalid_request;
      e.message = "root \"" + std::string(name) + "\" needs {" + std::string(var) +
                  "}: set it with context::set_variable or context::set_root";
      return e;
    }
    std::string_view value = it->second;
    while (!value.empty() && value.back() == '/') value.remove_suffix(1);
    out += value;
    t.remove_prefix(close + 1);
    std::size_t next = std::min(t.find('{'), t.size());
    std::string_view literal = t.substr(0, next);
    if (!literal.empty() && value.size() >= literal.size() &&
        detail::iequals(value.substr(value.size() - literal.size()), literal))
      t.remove_prefix(next);
  }
  return out;
}

namespace detail {

KAIZALA_DECL std::vector<std::string_view> credential_secrets(const context& ctx, std::string_view auth_header) {
  std::vector<std::string_view> out;
  if (!auth_header.empty())
    if (const std::string* c = ctx.credential(auth_header)) out.push_back(*c);
  return out;
}

KAIZALA_DECL void add_secret(std::vector<std::string_view>& secrets, std::string_view s) { secrets.push_back(s); }

namespace redaction {

inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The length of the text at `at` that spells `secret`, each character raw or escaped; 0 if none.
inline std::size_t match_at(std::string_view text, std::size_t at, std::string_view secret) noexcept {
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
    } else if (text[i] == '\\' && i + 1 < n && text[i + 1] == 'u' && c < 0x80 && hex_is(i + 2, 4, c)) {
      i += 6;
    } else if (text[i] == '\\' && i + 1 < n && text[i + 1] == ch && (ch == '/' || ch == '"' || ch == '\\')) {
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
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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
    if (forms[i].size() >= 6) redaction::add_base64_forms(forms, std::string(forms[i]));  // a copy: forms grows
  // Longest first, so that a form inside another (the token inside "Bearer <token>") goes last.
  std::sort(forms.begin(), forms.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& form : forms) {
    std::string out;
    std::size_t copied = 0;
    for (std::size_t at = 0; at < text.size();) {
      std::size_t len = redaction::match_at(text, at, form);
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
    if constexpr (std::is_same_v<std::remove_reference_t<decltype(member)>, std::string>) redact(member, secrets);
  });
}

KAIZALA_DECL result<http_request> assemble_request(const context& ctx, const op_route& op, request_param* params,
                                                   std::size_t param_count, std::string json_body) {
  auto root = ctx.root_url(op.root, op.root_url);
  if (!root) return std::move(root).error();
  auto base = split_base_url(*root);
  if (!base) return std::move(base).error();

  http_request h;
  h.method = op.method;
  h.origin = std::move(base->origin);
  std::string query, cookie;
  std::vector<std::pair<std::string_view, const file_part*>> files;
  // A list's items, each encoded, joined by `separator`.
  auto joined = [](const std::vector<std::string>& items, std::string_view separator,
                   std::string (*encode)(std::string_view)) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out += separator;
      out += encode != nullptr ? encode(items[i]) : items[i];
    }
    return out;
  };
  auto list_separator = [](const meta::field& f) -> std::string_view {
    return f.style == meta::param_style::space_delimited  ? "%20"
           : f.style == meta::param_style::pipe_delimited ? "%7C"
                                                          : ",";
  };
  for (std::size_t i = 0; i < param_count; ++i) {
    request_param& p = params[i];
    const meta::field& f = *p.field;
    std::string name(f.json_name);
    if (p.file != nullptr) {
      files.emplace_back(f.json_name, p.file);
    } else if (f.in == meta::location::path) {
      if (!p.present || (!p.list && p.text.empty()))
        return invalid_request(name + ": path parameter is empty", name);
      p.text = p.list ? joined(p.items, ",", &percent_encode_segment) : percent_encode_segment(p.text);
    } else if (f.in == meta::location::query || f.in == meta::location::cookie) {
      if (!p.present) continue;
      bool cookie_param = f.in == meta::location::cookie;
      std::string& out = cookie_param ? cookie : query;
      auto pair = [&](std::string value) {  // value: already encoded
        if (cookie_param) out += out.empty() ? "" : "; ";
        else out += out.empty() ? '?' : '&';
        out += percent_encode_query(f.json_name);
        out += '=';
        out += value;
      };
      if (!p.list) pair(percent_encode_query(p.text));
      else if (f.explode && f.style == meta::param_style::form)
        for (const auto& item : p.items) pair(percent_encode_query(item));
      else pair(joined(p.items, list_separator(f), &percent_encode_query));
    } else if (f.in == meta::location::header) {
      if (!p.present) continue;
      if (p.list) p.text = joined(p.items, ",", nullptr);
      if (p.text.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
        return invalid_request(name + ": header value holds a line break or NUL", name);
      h.headers.emplace_back(std::move(name), std::move(p.text));
    }
  }
  // The credential: a header (below), or a query parameter or cookie named auth_header.
  const std::string* cred = nullptr;
  if (!op.auth_header.empty()) {
    const char* place = op.auth_in == auth_place::query    ? "query parameter"
                        : op.auth_in == auth_place::cookie ? "cookie"
                                                           : "header";
    cred = ctx.credential(op.auth_header);
    if (cred == nullptr || cred->empty())
      return invalid_request("no credential for " + std::string(place) + " \"" + std::string(op.auth_header) +
                             "\": set it with context::set_credential");
    if (cred->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
      return invalid_request("credential for " + std::string(place) + " \"" + std::string(op.auth_header) +
                             "\" holds a line break or NUL");
    if (op.auth_in != auth_place::header) {
      std::string& out = op.auth_in == auth_place::query ? query : cookie;
      if (op.auth_in == auth_place::query) out += out.empty() ? '?' : '&';
      else out += out.empty() ? "" : "; ";
      out += percent_encode_query(op.auth_header);
      out += '=';
      out += percent_encode_query(std::string(op.auth_prefix) + *cred);
    }
  }
  if (!cookie.empty()) h.headers.emplace_back("Cookie", std::move(cookie));

  // Expand the path template: "/groups/{groupId}/members" -> "/groups/g%2F1/members".
  std::string target = std::move(base->path);
  std::string_view t = op.path;
  while (!t.empty()) {
    std::size_t open = t.find('{');
    target.append(t.data(), std::min(open, t.size()));
    if (open == std::string_view::npos) break;
    std::size_t close = t.find('}', open);
    std::string_view name = t.substr(open + 1, close - open - 1);
    for (std::size_t i = 0; i < param_count; ++i)
      if (params[i].field->in == meta::location::path && params[i].field->json_name == name) target += params[i].text;
    t.remove_prefix(close + 1);
  }
  h.target = std::move(target) + query;

  if (cred != nullptr && op.auth_in == auth_place::header)
    h.headers.emplace_back(std::string(op.auth_header), std::string(op.auth_prefix) + *cred);

  if (op.body == body_kind::json || op.body == body_kind::json_value) {
    h.content_type = "application/json";
    h.body = std::move(json_body);
  } else if (op.body == body_kind::multipart) {
    auto mp = encode_multipart(files);
    if (!mp) return std::move(mp).error();
    h.content_type = std::move(mp->content_type);
    h.body = std::move(mp->body);
  }
  return h;
}

KAIZALA_DECL decode_failure status_error(const http_response& res, const std::vector<std::string_view>& secrets) {
  if (res.status >= 200 && res.status < 300) return nullptr;
  decode_failure failure(new error);
  error& e = *failure;
  e.kind = error_kind::http_status;
  e.http_status = res.status;
  e.retry_after = std::string(res.header("Retry-After"));
  e.location = std::string(res.header("Location"));
  // Cut to 4 KiB once redacted, so that the cut cannot leave part of a secret. The first 64 KiB are
  // redacted, room for any secret that starts in the first 4 KiB in any of its forms.
  e.body = res.body.substr(0, 65536);
  if (auto v = parse_json(res.body); v && v->is_object()) {
    const auto& o = v->get_object();
    auto text = [&](std::string_view key) -> std::string {
      auto it = o.find(key);
      return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : "";
    };
    e.message = text("message");
    e.service_code = text("errorCode");
    e.service_category = text("errorCategoryKey");
  }
  if (e.message.empty()) e.message = "HTTP status " + std::to_string(res.status);
  redact(e, secrets);
  if (e.body.size() > 4096) e.body.resize(4096);
  return failure;
}

KAIZALA_DECL decode_failure read_body(const http_response& res, const std::vector<std::string_view>& secrets,
                                      slot out, bool any_json) {
  if (decode_failure e = status_error(res, secrets)) return e;
  if (out.type == nullptr) return nullptr;  // no_content: any body is ignored
  if (any_json && is_blank(res.body)) return nullptr;  // `out` stays null
  decode_failure e = decode_into(res.body, decode_options{}, out);
  if (e) {
    e->http_status = res.status;
    redact(*e, secrets);
  }
  return e;
}

KAIZALA_DECL decode_failure call_parts(const context& ctx, const op_route& op, request_param* params,
                                       std::size_t param_count, std::string json_body,
                                       result<http_response> (*send)(void*, const http_request&), void* transport,
                                       const std::vector<std::string_view>& secrets, slot out, bool any_json,
                                       http_headers* answered) {
  result<http_request> request = assemble_request(ctx, op, params, param_count, std::move(json_body));
  if (!request) return decode_failure(new error(std::move(request).error()));
  result<http_response> res = send(transport, *request);
  if (!res) {
    error e = std::move(res).error();
    redact(e, secrets);
    return decode_failure(new error(std::move(e)));
  }
  decode_failure failure = read_body(*res, secrets, out, any_json);
  if (!failure && answered != nullptr) *answered = std::move(res->headers);
  return failure;
}

}  // namespace detail
}  // namespace kaizala
