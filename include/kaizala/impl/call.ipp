// Definitions of kaizala/call.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/detail/ascii_text.hpp>

#include <algorithm>
#include <cctype>

namespace kaizala {

namespace detail {

// The key of a context setting: "<api>\n<name>" (api "" for every API).
inline std::string setting_key(std::string_view api, std::string_view name,
                               bool fold_case = false) {
  std::string key;
  key.reserve(api.size() + 1 + name.size());
  key.append(api).append(1, '\n');
  for (char c : name)
    key += fold_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
  return key;
}

// The entry of `settings` keyed "<api>\n<name>", or nullptr. The key is built on the stack when
// it is short, as keys are: a lookup on every call should not allocate.
template <class V>
const V* find_keyed(const std::map<std::string, V, std::less<>>& settings, std::string_view api,
                    std::string_view name, bool fold_case = false) {
  char buf[128];
  const std::size_t n = api.size() + 1 + name.size();
  if (n > sizeof buf) {
    auto it = settings.find(setting_key(api, name, fold_case));
    return it == settings.end() ? nullptr : &it->second;
  }
  std::copy(api.begin(), api.end(), buf);
  buf[api.size()] = '\n';
  char* out = buf + api.size() + 1;
  for (char c : name)
    *out++ = fold_case ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
  auto it = settings.find(std::string_view(buf, n));
  return it == settings.end() ? nullptr : &it->second;
}

inline const std::string* find_setting(
    const std::map<std::string, std::string, std::less<>>& settings, std::string_view api,
    std::string_view name, bool fold_case = false) {
  if (settings.empty()) return nullptr;
  if (!api.empty())
    if (const std::string* s = find_keyed(settings, api, name, fold_case)) return s;
  return find_keyed(settings, {}, name, fold_case);
}

}  // namespace detail

KAIZALA_DECL context& context::set_root(std::string name, std::string url) {
  roots_[detail::setting_key({}, name)] = std::move(url);
  return *this;
}

KAIZALA_DECL context& context::set_root(std::string api, std::string name, std::string url) {
  roots_[detail::setting_key(api, name)] = std::move(url);
  return *this;
}

KAIZALA_DECL context& context::set_variable(std::string name, std::string value) {
  variables_[detail::setting_key({}, name)] = std::move(value);
  return *this;
}

KAIZALA_DECL context& context::set_variable(std::string api, std::string name, std::string value) {
  variables_[detail::setting_key(api, name)] = std::move(value);
  return *this;
}

KAIZALA_DECL context& context::set_credential(std::string scheme, std::string value) {
  credentials_[detail::setting_key({}, scheme)] = std::move(value);
  return *this;
}

KAIZALA_DECL context& context::set_credential(std::string api, std::string scheme,
                                              std::string value) {
  credentials_[detail::setting_key(api, scheme)] = std::move(value);
  return *this;
}

KAIZALA_DECL context& context::set_header(std::string name, std::string value) {
  return set_header(std::string(), std::move(name), std::move(value));
}

KAIZALA_DECL context& context::set_header(std::string api, std::string name, std::string value) {
  std::string key = detail::setting_key(api, name, true);
  headers_[std::move(key)] = {std::move(name), std::move(value)};
  return *this;
}

KAIZALA_DECL const std::string* context::credential(std::string_view scheme) const {
  return detail::find_setting(credentials_, {}, scheme);
}

KAIZALA_DECL const std::string* context::credential(std::string_view api,
                                                    const auth_scheme& scheme) const {
  if (!api.empty())
    if (const std::string* c = detail::find_keyed(credentials_, api, scheme.name)) return c;
  if (const std::string* c = credential(scheme.name)) return c;
  return scheme.param != scheme.name ? credential(scheme.param) : nullptr;
}

KAIZALA_DECL const std::string* context::header(std::string_view api, std::string_view name) const {
  if (!api.empty())
    if (const auto* h = detail::find_keyed(headers_, api, name, true)) return &h->second;
  const auto* h = detail::find_keyed(headers_, {}, name, true);
  return h == nullptr ? nullptr : &h->second;
}

KAIZALA_DECL std::vector<std::pair<std::string, std::string>> context::headers_for(
    std::string_view api) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, header] : headers_) {
    std::string_view k = key;
    std::string_view owner = k.substr(0, k.find('\n'));
    if (!owner.empty() && owner != api) continue;
    // A header set for every API gives way to the same header set for this one.
    if (owner.empty() && !api.empty() && detail::find_keyed(headers_, api, k.substr(1)) != nullptr)
      continue;
    out.push_back(header);
  }
  return out;
}

KAIZALA_DECL const std::string* context::variable(std::string_view api,
                                                  std::string_view name) const {
  return detail::find_setting(variables_, api, name);
}

KAIZALA_DECL const std::string* context::root(std::string_view api, std::string_view name) const {
  return detail::find_setting(roots_, api, name);
}

namespace detail {

KAIZALA_DECL result<std::string> emulator_origin(std::string_view value) {
  auto bad = [&](error_kind kind, std::string why) {
    error e;
    e.kind = kind;
    e.message = "KAIZALA_EMULATOR_HOST=\"" + std::string(value) + "\": " + why;
    return e;
  };
  auto unusable = [&](std::string_view why) {
    return bad(
        error_kind::invalid_request,
        "expected host:port or http://host:port, e.g. 127.0.0.1:8080 (" + std::string(why) + ")");
  };
  std::string_view v = value;
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  std::string scheme = "http";  // when none is given
  if (std::size_t end = v.find("://"); end != std::string_view::npos) {
    scheme.clear();
    for (char c : v.substr(0, end))
      scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (scheme != "http" && scheme != "https")
      return unusable("scheme \"" + scheme + "\": only http or https");
    v.remove_prefix(end + 3);
  }
  while (!v.empty() && v.back() == '/') v.remove_suffix(1);
  if (v.empty()) return unusable("no host");
  if (v.find("://") != std::string_view::npos) return unusable("a second scheme");
  if (v.rfind("http:", 0) == 0 || v.rfind("https:", 0) == 0)
    return unusable("a scheme without \"//\"");
  if (v.find_first_of("/?#") != std::string_view::npos)
    return unusable("a path, query or fragment after the host");
  std::string origin = scheme + "://" + std::string(v);
  auto parts = parse_origin(origin);
  if (!parts) {  // parse_origin says `origin "<origin>": <why>`; the origin is ours, the why is
                 // what helps
    std::string_view why = parts.error().message;
    if (std::size_t at = why.find("\": "); at != std::string_view::npos) why.remove_prefix(at + 3);
    return unusable(why);
  }
  if (!is_loopback_host(parts->host)) {
    const char* allow = std::getenv("KAIZALA_EMULATOR_ALLOW_REMOTE");
    if (allow == nullptr || std::string_view(allow) != "1")
      return bad(error_kind::refused,
                 "not this machine, and connector secrets would go there" +
                     std::string(parts->scheme == "http" ? " in plaintext" : "") +
                     "; set KAIZALA_EMULATOR_ALLOW_REMOTE=1 to allow it");
  }
  return origin;
}

}  // namespace detail

KAIZALA_DECL result<std::string> context::root_url(std::string_view name,
                                                   std::string_view url_template) const {
  return root_url({}, name, url_template, nullptr, 0);
}

KAIZALA_DECL result<std::string> context::root_url(std::string_view api, std::string_view name,
                                                   std::string_view url_template,
                                                   const root_variable* variables,
                                                   std::size_t variable_count) const {
  if (const std::string* set = root(api, name)) return *set;
  if (const char* host = std::getenv("KAIZALA_EMULATOR_HOST"); host != nullptr && *host != '\0') {
    auto origin = detail::emulator_origin(host);
    if (!origin) return std::move(origin).error();
    return *origin + std::string(root_path_of(url_template));
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
    const root_variable* declared = nullptr;
    for (std::size_t i = 0; i < variable_count; ++i)
      if (variables[i].name == var) declared = &variables[i];
    const std::string* set = variable(api, var);
    if (set == nullptr && declared == nullptr) {
      error e;
      e.kind = error_kind::invalid_request;
      e.message = "root \"" + std::string(name) + "\" needs {" + std::string(var) +
                  "}: set it with context::set_variable or context::set_root";
      return e;
    }
    std::string_view value = set != nullptr ? std::string_view(*set) : declared->default_value;
    if (declared != nullptr && !declared->allowed.empty()) {
      bool allowed = false;
      std::string list;
      for (std::string_view rest = declared->allowed; !allowed;) {
        std::size_t end = std::min(rest.find('\n'), rest.size());
        allowed = rest.substr(0, end) == value;
        list += (list.empty() ? "" : ", ") + std::string(rest.substr(0, end));
        if (end == rest.size()) break;
        rest.remove_prefix(end + 1);
      }
      if (!allowed) {
        error e;
        e.kind = error_kind::invalid_request;
        e.message = "root \"" + std::string(name) + "\": {" + std::string(var) + "} is \"" +
                    std::string(value) + "\", not one of the values the API allows: " + list;
        for (char& ch : e.message)
          if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
        return e;
      }
    }
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

KAIZALA_DECL std::vector<std::string_view> credential_secrets(const context& ctx,
                                                              std::string_view api,
                                                              const auth_scheme* schemes,
                                                              std::size_t scheme_count) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < scheme_count; ++i)
    if (const std::string* c = ctx.credential(api, schemes[i]))
      if (std::find(out.begin(), out.end(), std::string_view(*c)) == out.end()) out.push_back(*c);
  return out;
}

KAIZALA_DECL void add_secret(std::vector<std::string_view>& secrets, std::string_view s) {
  secrets.push_back(s);
}

KAIZALA_DECL result<http_request> assemble_request(const context& ctx, const op_route& op,
                                                   request_param* params, std::size_t param_count,
                                                   std::string json_body) {
  // A root set with set_root is read in place; only a computed one is a new string.
  std::string_view root;
  result<std::string> computed = std::string();
  if (const std::string* set = ctx.root(op.api, op.root)) {
    root = *set;
  } else {
    computed = ctx.root_url(op.api, op.root, op.root_url, op.variables, op.variable_count);
    if (!computed) return std::move(computed).error();
    root = *computed;
  }
  auto base = split_base_url(root);
  if (!base) return std::move(base).error();

  http_request h;
  h.method = op.method;
  h.origin = std::move(base->origin);
  // The headers' vector is allocated once: room for every header that may be added below.
  std::vector<std::pair<std::string, std::string>> set_headers = ctx.headers_for(op.api);
  std::size_t header_room = 2 + set_headers.size() + op.header_count;  // + Cookie, credential
  for (std::size_t i = 0; i < param_count; ++i)
    header_room += params[i].field->in == meta::location::header;
  h.headers.reserve(header_room);
  std::string query, cookie, form;
  std::vector<multipart_part> parts;  // file and text parts, in member order
  bool any_body_member = false;       // for an optional body: whether to send one
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
    if (f.in == meta::location::file) {
      if (!p.present) continue;
      any_body_member = true;
      parts.push_back({f.json_name, p.file, {}, {}});
    } else if (f.in == meta::location::form) {
      if (!p.present) continue;
      any_body_member = true;
      if (op.body == body_kind::multipart) {
        parts.push_back({f.json_name, nullptr, p.str(), p.json ? "application/json" : ""});
        continue;
      }
      auto pair = [&](std::string_view value) {
        form += form.empty() ? "" : "&";
        form += form_encode(f.json_name);
        form += '=';
        form += form_encode(value);
      };
      if (!p.list)
        pair(p.str());
      else if (f.explode)
        for (const auto& item : p.items) pair(item);
      else
        pair(joined(p.items, ",", nullptr));
    } else if (f.in == meta::location::path) {
      if (!p.present || (!p.list && p.str().empty()))
        return invalid_request(name + ": path parameter is empty", name);
      // A single value is encoded straight into the target below.
      if (p.list) p.text = joined(p.items, ",", &percent_encode_segment);
    } else if (f.in == meta::location::query || f.in == meta::location::cookie) {
      if (!p.present) continue;
      bool cookie_param = f.in == meta::location::cookie;
      std::string& out = cookie_param ? cookie : query;
      auto pair = [&](std::string value) {  // value: already encoded
        if (cookie_param)
          out += out.empty() ? "" : "; ";
        else
          out += out.empty() ? '?' : '&';
        out += percent_encode_query(f.json_name);
        out += '=';
        out += value;
      };
      if (p.deep) {  // deepObject: name[key]=value per entry, brackets as OpenAPI writes them
        for (std::size_t k = 0; k < p.keys.size(); ++k) {
          query += query.empty() ? '?' : '&';
          query += percent_encode_query(f.json_name);
          query += '[';
          query += percent_encode_query(p.keys[k]);
          query += "]=";
          query += percent_encode_query(p.items[k]);
        }
      } else if (!p.list)
        pair(percent_encode_query(p.str()));
      else if (f.explode && f.style == meta::param_style::form)
        for (const auto& item : p.items) pair(percent_encode_query(item));
      else
        pair(joined(p.items, list_separator(f), &percent_encode_query));
    } else if (f.in == meta::location::header) {
      if (!p.present) continue;
      if (p.list) p.text = joined(p.items, ",", nullptr);
      if (p.str().find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
        return invalid_request(name + ": header value holds a line break or NUL", name);
      h.headers.emplace_back(std::move(name),
                             p.member != nullptr ? std::string(*p.member) : std::move(p.text));
    }
  }
  // The credential: of the op's auth alternatives, the first the user set one for; sent in a header
  // (below), or as a query parameter or cookie.
  const std::string* cred = nullptr;
  const auth_scheme* scheme = nullptr;
  if (op.auth_count != 0) {
    auto place = [](const auth_scheme& a) {
      return std::string(a.in == auth_place::query    ? "query parameter"
                         : a.in == auth_place::cookie ? "cookie"
                                                      : "header") +
             " \"" + std::string(a.param) + "\"";
    };
    for (std::size_t i = 0; i < op.auth_count && cred == nullptr; ++i) {
      const std::string* c = ctx.credential(op.api, op.auth[i]);
      if (c != nullptr && !c->empty()) cred = c, scheme = &op.auth[i];
    }
    if (cred == nullptr) {
      // One scheme: where it goes and the call that sets it; several: each, then the call's form.
      std::string api = op.api.empty() ? std::string() : "\"" + std::string(op.api) + "\", ";
      if (op.auth_count == 1) {
        const auth_scheme& a = op.auth[0];
        return invalid_request(
            "no credential for " + place(a) +
            (a.name == a.param ? std::string() : " (scheme \"" + std::string(a.name) + "\")") +
            ": set it with context::set_credential(" + api + "\"" + std::string(a.name) +
            "\", <value>)");
      }
      std::string which;
      for (std::size_t i = 0; i < op.auth_count; ++i)
        which += (i == 0                   ? ""
                  : i + 1 == op.auth_count ? " or "
                                           : ", ") +
                 std::string("\"") + std::string(op.auth[i].name) + "\" (" + place(op.auth[i]) +
                 ")";
      return invalid_request("no credential for " + which +
                             ": set one with context::set_credential(" + api +
                             "<scheme>, <value>)");
    }
    if (cred->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
      return invalid_request("credential for " + place(*scheme) + " holds a line break or NUL");
    if (scheme->in != auth_place::header) {
      std::string& out = scheme->in == auth_place::query ? query : cookie;
      if (scheme->in == auth_place::query)
        out += out.empty() ? '?' : '&';
      else
        out += out.empty() ? "" : "; ";
      out += percent_encode_query(scheme->param);
      out += '=';
      out += percent_encode_query(std::string(scheme->prefix) + *cred);
    }
  }
  if (!cookie.empty()) h.headers.emplace_back("Cookie", std::move(cookie));

  // Expand the path template: "/groups/{groupId}/members" -> "/groups/g%2F1/members".
  std::string target = std::move(base->path);
  std::size_t room = target.size() + op.path.size() + query.size();
  for (std::size_t i = 0; i < param_count; ++i)
    if (params[i].field->in == meta::location::path)
      room += params[i].list ? params[i].text.size() : 3 * params[i].str().size();
  target.reserve(room);  // one allocation for the whole target
  std::string_view t = op.path;
  while (!t.empty()) {
    std::size_t open = t.find('{');
    target.append(t.data(), std::min(open, t.size()));
    if (open == std::string_view::npos) break;
    std::size_t close = t.find('}', open);
    std::string_view name = t.substr(open + 1, close - open - 1);
    for (std::size_t i = 0; i < param_count; ++i)
      if (params[i].field->in == meta::location::path && params[i].field->json_name == name) {
        if (params[i].list)
          target += params[i].text;
        else
          append_percent_encoded_segment(target, params[i].str());
      }
    t.remove_prefix(close + 1);
  }
  target += query;
  h.target = std::move(target);

  if (cred != nullptr && scheme->in == auth_place::header)
    h.headers.emplace_back(std::string(scheme->param), std::string(scheme->prefix) + *cred);
  // Headers set on the context, then the API's defaults not set there (an empty value sends none);
  // neither replaces a header already there (a header parameter, the credential).
  auto has_header = [&](std::string_view name) {
    for (const auto& hv : h.headers)
      if (iequals(hv.first, name)) return true;
    return false;
  };
  for (const auto& [name, value] : set_headers)
    if (name.empty() || value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos ||
        name.find_first_of(std::string_view(":\r\n\0 ", 5)) != std::string::npos)
      return invalid_request("header \"" + name +
                             "\" set on the context: the name is empty or holds ':', a space, "
                             "a line break or NUL, or the value holds a line break or NUL");
  for (const auto& [name, value] : set_headers)
    if (!value.empty() && !has_header(name)) h.headers.emplace_back(name, value);
  for (std::size_t i = 0; i < op.header_count; ++i) {
    const default_header& d = op.headers[i];
    bool overridden = has_header(d.name);
    for (const auto& hv : set_headers) overridden = overridden || iequals(hv.first, d.name);
    if (!overridden && !d.value.empty())
      h.headers.emplace_back(std::string(d.name), std::string(d.value));
  }

  // An optional body whose members are all absent is not sent (json: "{}", nothing else written).
  bool skip = op.body_optional &&
              (op.body == body_kind::json                                      ? json_body == "{}"
               : op.body == body_kind::form || op.body == body_kind::multipart ? !any_body_member
                                                                               : false);
  if (skip) return h;
  if (op.body == body_kind::json || op.body == body_kind::json_value) {
    h.content_type = "application/json";
    h.body = std::move(json_body);
  } else if (op.body == body_kind::multipart) {
    auto mp = encode_multipart(parts);
    if (!mp) return std::move(mp).error();
    h.content_type = std::move(mp->content_type);
    h.body = std::move(mp->body);
  } else if (op.body == body_kind::form) {
    h.content_type = "application/x-www-form-urlencoded";
    h.body = std::move(form);
  } else if (op.body == body_kind::binary) {
    h.content_type = "application/octet-stream";
    h.body = std::move(json_body);  // the bytes of the request's `body`
  }
  if (op.body != body_kind::none && !op.media_type.empty())
    h.content_type = std::string(op.media_type);
  return h;
}

KAIZALA_DECL maybe_error status_error(const http_response& res,
                                      const std::vector<std::string_view>& secrets) {
  if (res.status >= 200 && res.status < 300) return {};
  maybe_error failure;
  error& e = failure.emplace();
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

KAIZALA_DECL maybe_error read_body(const http_response& res,
                                   const std::vector<std::string_view>& secrets, slot out,
                                   bool any_json) {
  if (maybe_error e = status_error(res, secrets)) return e;
  if (out.type == nullptr) return {};             // no_content: any body is ignored
  if (any_json && is_blank(res.body)) return {};  // `out` stays null
  maybe_error e = decode_into(res.body, decode_options{}, out);
  if (e) {
    e->http_status = res.status;
    redact(*e, secrets);
  }
  return e;
}

KAIZALA_DECL maybe_error call_parts(const context& ctx, const op_route& op, request_param* params,
                                    std::size_t param_count, std::string json_body,
                                    result<http_response> (*send)(void*, http_request&&),
                                    void* transport,
                                    request_secrets (*secrets)(const context&, const void*),
                                    const void* request, slot out, bool any_json,
                                    http_headers* answered, std::string* raw) {
  result<http_request> built = assemble_request(ctx, op, params, param_count, std::move(json_body));
  if (!built) return std::move(built).error();
  result<http_response> res = send(transport, std::move(*built));
  if (!res) {
    error e = std::move(res).error();
    redact(e, secrets(ctx, request));
    return maybe_error(std::move(e));
  }
  // A 2xx answer needs the secrets only for a decode error, which read_body would redact last
  // too; any other status needs them before its body is cut.
  const bool ok = res->status >= 200 && res->status < 300;
  maybe_error failure = ok ? read_body(*res, {}, out, any_json)
                           : read_body(*res, secrets(ctx, request), out, any_json);
  if (failure && ok) redact(*failure, secrets(ctx, request));
  if (!failure && raw != nullptr) *raw = std::move(res->body);
  if (!failure && answered != nullptr) *answered = std::move(res->headers);
  return failure;
}

}  // namespace detail
}  // namespace kaizala
