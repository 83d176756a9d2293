// kaizala/server/read_request.hpp: the server side of build_request: reads a typed request.
//
//   kaizala::http_request in;            // method, target (raw, percent-encoded), headers, body
//   auto req = kaizala::read_request<kaizala::ops::SendMessage>(in);
//   if (!req) reply(400, req.error().message);   // "message: at most 4000 characters allowed, got
//   4001"
//
// Reads an op's request struct back from what arrived on the wire, driven by the same generated
// tables as build_request: path parameters from the op's path template (matched against the RAW
// target, so an id holding "%2F" stays one segment, then percent-decoded), query and header
// parameters by name (kaizala::key_matches in any case; a query list from each value or split in
// its style, deepObject from name[key]), the JSON body with case-insensitive
// keys (as the ASP.NET service read it), multipart file and text parts, form fields
// (application/x-www-form-urlencoded) and whole bodies (a JSON value, or the bytes of a binary
// body; an optional body that did not come is left empty). It then checks the spec's limits
// and rules with kaizala::validate. Every failure is an invalid_request error whose `path` names
// the parameter or JSON member; values are never quoted, so secrets cannot leak through one.
// The emulator reads every request through this, so a spec change reaches client and server alike.
#pragma once

#include <kaizala/call.hpp>
#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/form.hpp>
#include <kaizala/http.hpp>
#include <kaizala/json.hpp>
#include <kaizala/meta.hpp>
#include <kaizala/multipart.hpp>
#include <kaizala/param_text.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/result.hpp>
#include <kaizala/url.hpp>

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kaizala {

// One part of a multipart/form-data body: its form field name and the file it carries.
struct form_part {
  std::string name;
  file_part file;
};

// Path parameters of a matched template, in template order, percent-decoded.
using path_params = std::vector<std::pair<std::string, std::string>>;

// Matches a raw (still percent-encoded) path against a template such as
// "/groups/{groupId}/members". Literal segments compare ASCII case-insensitively (ASP.NET routing
// did: "subgroups" reaches "subGroups"); a parameter takes exactly one non-empty segment and is
// percent-decoded after the split. One trailing '/' is tolerated. No match: nullopt.
inline std::optional<path_params> match_path(std::string_view tmpl, std::string_view raw_path) {
  auto next = [](std::string_view& s) {
    if (!s.empty() && s.front() == '/') s.remove_prefix(1);
    std::size_t end = s.find('/');
    std::string_view seg = s.substr(0, end);
    s.remove_prefix(end == std::string_view::npos ? s.size() : end);
    return seg;
  };
  if (raw_path.size() > 1 && raw_path.back() == '/') raw_path.remove_suffix(1);
  path_params out;
  std::string_view t = tmpl, p = raw_path;
  while (!t.empty()) {
    if (p.empty()) return std::nullopt;
    std::string_view ts = next(t), ps = next(p);
    if (ts.size() >= 2 && ts.front() == '{' && ts.back() == '}') {
      if (ps.empty()) return std::nullopt;
      out.emplace_back(std::string(ts.substr(1, ts.size() - 2)), percent_decode(ps));
    } else if (!detail::iequals(ts, ps)) {
      return std::nullopt;
    }
  }
  if (!p.empty() && p != "/") return std::nullopt;
  return out;
}

// Splits a raw query string ("a=1&b=x%20y", without '?') into decoded name/value pairs; '+' is a
// space, as in HTML forms.
inline std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
  auto decode = [](std::string_view s) {
    std::string plus(s);
    for (char& c : plus)
      if (c == '+') c = ' ';
    return percent_decode(plus);
  };
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (item.empty()) continue;
    std::size_t eq = item.find('=');
    out.emplace_back(decode(item.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decode(item.substr(eq + 1)));
  }
  return out;
}

// The most parts decode_multipart reads; a body with more is refused.
inline constexpr std::size_t max_multipart_parts = 1000;

// Decodes a multipart/form-data body (the inverse of encode_multipart). A missing boundary, a
// body that does not follow it, or more than max_multipart_parts parts is an invalid_request error.
// A text part comes back as a form_part whose file has no filename and holds the text.
inline result<std::vector<form_part>> decode_multipart(std::string_view content_type,
                                                       std::string_view body) {
  auto bad = [](std::string what) {
    return detail::invalid_request("multipart body: " + std::move(what));
  };
  std::size_t b = content_type.find("boundary=");
  if (b == std::string_view::npos) return bad("Content-Type has no boundary");
  std::string_view boundary = content_type.substr(b + 9);
  boundary = boundary.substr(0, boundary.find(';'));
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"')
    boundary = boundary.substr(1, boundary.size() - 2);
  if (boundary.empty()) return bad("empty boundary");
  const std::string delim = "--" + std::string(boundary);
  std::size_t at = body.find(delim);
  if (at == std::string_view::npos) return bad("boundary not found");
  std::vector<form_part> parts;
  for (;;) {
    at += delim.size();
    if (body.substr(at, 2) == "--") return parts;  // closing delimiter
    if (parts.size() == max_multipart_parts)
      return bad("more than " + std::to_string(max_multipart_parts) + " parts");
    if (body.substr(at, 2) != "\r\n") return bad("expected CRLF after a boundary");
    at += 2;
    std::size_t head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) return bad("part headers do not end");
    std::string_view head = body.substr(at, head_end - at);
    std::size_t data_begin = head_end + 4;
    std::size_t data_end = body.find("\r\n" + delim, data_begin);
    if (data_end == std::string_view::npos) return bad("part does not end with the boundary");
    form_part part;
    while (!head.empty()) {
      std::size_t eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 2);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view name = line.substr(0, colon), value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      auto quoted = [&](std::string_view key) -> std::string {
        std::size_t k = value.find(key);
        if (k == std::string_view::npos) return {};
        std::size_t open = k + key.size();
        std::size_t close = value.find('"', open);
        return std::string(value.substr(
            open, close == std::string_view::npos ? std::string_view::npos : close - open));
      };
      if (detail::iequals(name, "Content-Disposition")) {
        part.name = quoted(" name=\"");
        if (part.name.empty() && value.rfind("form-data; name=\"", 0) == 0)
          part.name = quoted("name=\"");
        part.file.filename = percent_decode(quoted("filename=\""));
      } else if (detail::iequals(name, "Content-Type")) {
        part.file.content_type = std::string(value);
      }
    }
    part.file.data = std::string(body.substr(data_begin, data_end - data_begin));
    parts.push_back(std::move(part));
    at = data_end + 2;
  }
}

namespace detail {

// Reads a deepObject query parameter from its name[key]=value items: a map takes every entry, a
// struct the members its keys name (by JSON name or alias, any case; other keys are ignored). When
// no item names it, an optional parameter is absent. Errors name the parameter, never a value.
template <class M>
maybe_error read_deep_param(const std::vector<std::pair<std::string, std::string>>& items,
                            const meta::field& f, M& m) {
  std::string name(f.json_name);
  std::vector<std::pair<std::string_view, std::string_view>> entries;
  for (const auto& kv : items) {
    std::string_view k = kv.first;
    if (k.size() < name.size() + 2 || k[name.size()] != '[' || k.back() != ']' ||
        !iequals(k.substr(0, name.size()), name))
      continue;
    entries.emplace_back(k.substr(name.size() + 1, k.size() - name.size() - 2), kv.second);
  }
  if (entries.empty()) {
    if constexpr (is_optional<M>::value)
      return std::nullopt;
    else
      return invalid_request(name + ": missing required query parameter", name);
  }
  auto& v = [&]() -> auto& {
    if constexpr (is_optional<M>::value)
      return m.emplace();
    else
      return m;
  }
  ();
  using V = std::remove_reference_t<decltype(v)>;
  if constexpr (is_string_map<V>::value) {
    using item = typename V::mapped_type;
    if (f.max_items != 0 && entries.size() > f.max_items)
      return invalid_request(name + ": at most " + std::to_string(f.max_items) + " entries allowed",
                             name);
    for (const auto& [key, text] : entries) {
      item x{};
      if (parse_param(text, x))
        return invalid_request(name + ": every entry of the query parameter must be " +
                                   std::string(param_expected<item>()),
                               name);
      v[std::string(key)] = std::move(x);
    }
    return std::nullopt;
  } else {
    maybe_error problem;
    for_each_field<V>([&](auto d, const meta::field& member_field) {
      if (problem) return;
      auto& member = v.*d.pointer;
      using MM = std::remove_cv_t<std::remove_reference_t<decltype(member)>>;
      std::string where = name + "[" + std::string(member_field.json_name) + "]";
      const std::string_view* text = nullptr;
      for (const auto& e : entries)
        if (text == nullptr && key_matches(e.first, member_field, true)) text = &e.second;
      if (text == nullptr) {
        if constexpr (!is_optional<MM>::value)
          problem = invalid_request(where + ": missing required query parameter", where);
        return;
      }
      if (parse_param(*text, member))
        problem = invalid_request(
            where + ": query parameter must be " + std::string(param_expected<MM>()), where);
    });
    return problem;
  }
}

// Reads a list parameter (a query parameter or form field; `what` says which) from the values
// sent under its name, split as split_param_list says, each item read by parse_param. No value:
// absent (or an empty list). Errors name the parameter, never a value.
template <class M>
maybe_error read_list_param(const std::vector<std::string>& values, const meta::field& f, M& m,
                            std::string_view what) {
  std::string name(f.json_name);
  if (values.empty()) return std::nullopt;
  auto& list = [&]() -> auto& {
    if constexpr (is_optional<M>::value)
      return m.emplace();
    else
      return m;
  }
  ();
  using V = typename std::remove_reference_t<decltype(list)>::value_type;
  std::vector<std::string_view> items = split_param_list(values, f);
  if (f.max_items != 0 && items.size() > f.max_items)
    return invalid_request(name + ": at most " + std::to_string(f.max_items) + " items allowed",
                           name);
  for (std::string_view item : items) {
    V x{};
    if (parse_param(item, x))
      return invalid_request(
          name + ": " + std::string(what) + " must be " + std::string(param_expected<V>()), name);
    list.push_back(std::move(x));
  }
  return std::nullopt;
}

// Reads a form field or multipart text part from the values sent under its name: a scalar or enum
// from its text, a list from one value per item (or one comma-joined value when not exploded),
// anything else (multipart only) from JSON text. Errors name the field, never a value.
template <class M>
maybe_error read_form_member(const std::vector<std::string>& values, const meta::field& f, M& m) {
  std::string name(f.json_name);
  auto wrong = [&](std::string_view what) {
    return invalid_request(name + ": form field must be " + std::string(what), name);
  };
  if constexpr (is_list_param<M>::value) {
    return read_list_param(values, f, m, "form field");
  } else {
    if (values.empty()) {
      if constexpr (is_optional<M>::value || std::is_same_v<M, boost::json::value>)
        return std::nullopt;
      else
        return invalid_request(name + ": missing required form field", name);
    }
    if constexpr (is_param_v<M>) {
      if (parse_param(values.front(), m)) return wrong(param_expected<M>());
    } else {
      decode_options opt;
      opt.case_insensitive_keys = true;
      opt.read_write_only = true;  // a request holds the writeOnly members
      auto decoded = from_json<M>(values.front(), opt);
      if (!decoded) {
        error e = std::move(decoded).error();
        e.kind = error_kind::invalid_request;
        e.message = name + ": " + e.message;
        return e;
      }
      m = std::move(*decoded);
    }
    return std::nullopt;
  }
}

}  // namespace detail

// Reads Op's request from `in` (method and origin are not checked: routing is the caller's).
// `in.target` is the raw target the op's build_request would produce: the root's path ("/v1"),
// the op's path, then the query. Leading slashes collapse ("//v1/..." from an endpointUrl joined
// with a trailing '/'). For multipart ops, `parts` are the already parsed parts (a server library
// may have parsed them); when null the body is decoded here. A file member takes the part with its
// name or, when the request has exactly one part, that part whatever its name.
template <class Op>
result<typename Op::request> read_request(const http_request& in,
                                          const std::vector<form_part>* parts = nullptr) {
  using R = typename Op::request;
  std::string_view target = in.target;
  std::size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  while (raw_path.size() > 1 && raw_path[0] == '/' && raw_path[1] == '/') raw_path.remove_prefix(1);
  std::string_view root = root_path_of(Op::root_url);
  if (raw_path.size() < root.size() || !detail::iequals(raw_path.substr(0, root.size()), root))
    return detail::invalid_request("path must start with " + std::string(root));
  raw_path.remove_prefix(root.size());
  auto path = match_path(Op::path, raw_path);
  if (!path) return detail::invalid_request("path does not match " + std::string(Op::path));

  // The JSON body first: decoding fills only body members.
  R out{};
  if constexpr (Op::body == body_kind::json) {
    std::string_view body = in.body;
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) body = "{}";
    decode_options opt;
    opt.case_insensitive_keys = true;
    opt.read_write_only = true;  // a request holds the writeOnly members
    auto decoded = from_json<R>(body, opt);
    if (!decoded) {
      error e = std::move(decoded).error();
      e.kind = error_kind::invalid_request;
      return e;
    }
    out = std::move(*decoded);
  }
  if constexpr (Op::body == body_kind::json_value || Op::body == body_kind::binary) {
    using B = std::remove_cv_t<std::remove_reference_t<decltype(out.body)>>;
    bool blank = in.body.find_first_not_of(" \t\r\n") == std::string::npos;
    if constexpr (Op::body == body_kind::binary) {
      // An optional binary body is absent when no body came (no Content-Type, no bytes).
      if (!(detail::is_optional<B>::value && in.body.empty() && in.content_type.empty()))
        out.body = in.body;
    } else if (!(blank &&
                 (detail::is_optional<B>::value || std::is_same_v<B, boost::json::value>))) {
      decode_options opt;
      opt.case_insensitive_keys = true;
      opt.read_write_only = true;  // a request holds the writeOnly members
      auto decoded = from_json<B>(in.body, opt);
      if (!decoded) {
        error e = std::move(decoded).error();
        e.kind = error_kind::invalid_request;
        return e;
      }
      out.body = std::move(*decoded);
    }
  }
  std::vector<std::pair<std::string, std::string>> form_items;
  if constexpr (Op::body == body_kind::form) {
    auto items = decode_form(in.body);
    if (!items) return std::move(items).error();
    form_items = std::move(*items);
  }

  std::vector<form_part> parsed;
  if constexpr (Op::body == body_kind::multipart) {
    // An optional body that did not come: every part is absent.
    bool no_body = detail::body_optional_of<Op> && in.body.empty() && in.content_type.empty();
    if (parts == nullptr && !no_body) {
      auto p = decode_multipart(in.content_type, in.body);
      if (!p) return std::move(p).error();
      parsed = std::move(*p);
      parts = &parsed;
    }
  }
  auto query_items = parse_query(query);

  maybe_error problem;
  detail::for_each_field<R>([&](auto d, const meta::field& f) {
    auto& m = out.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if (problem || f.in == meta::location::body) return;
    std::string name(f.json_name);
    constexpr bool is_file =
        std::is_same_v<M, file_part> || std::is_same_v<M, std::optional<file_part>>;
    if constexpr ((Op::body == body_kind::form || Op::body == body_kind::multipart) && !is_file) {
      if (f.in == meta::location::form) {
        // A form field or multipart text part: every value sent under its name, in order.
        std::vector<std::string> values;
        if (parts != nullptr) {
          for (const auto& p : *parts)
            if (key_matches(p.name, f, true)) values.push_back(p.file.data);
        } else {
          for (const auto& kv : form_items)
            if (key_matches(kv.first, f, true)) values.push_back(kv.second);
        }
        problem = detail::read_form_member(values, f, m);
        return;
      }
    }
    if constexpr (is_file) {
      constexpr bool optional = std::is_same_v<M, std::optional<file_part>>;
      const form_part* hit = nullptr;
      if (parts != nullptr) {
        for (const auto& p : *parts)
          if (detail::iequals(p.name, f.json_name)) hit = &p;
        if (hit == nullptr && parts->size() == 1 && !optional) hit = &parts->front();
      }
      if (hit != nullptr)
        m = hit->file;
      else if (!optional)
        problem = detail::invalid_request(name + ": missing file part", name);
    } else if constexpr (detail::is_list_param<M>::value) {
      if (f.in == meta::location::query) {
        std::vector<std::string> values;
        for (const auto& kv : query_items)
          if (key_matches(kv.first, f, true)) values.push_back(kv.second);
        problem = detail::read_list_param(values, f, m, "query parameter");
      }
    } else if constexpr (detail::is_deep_param<M>::value) {
      if (f.in == meta::location::query && f.style == meta::param_style::deep_object)
        problem = detail::read_deep_param(query_items, f, m);
    } else if constexpr (detail::is_param_v<M>) {
      std::optional<std::string> text;
      const char* where = "query";
      if (f.in == meta::location::path) {
        where = "path";
        for (auto& p : *path)
          if (p.first == f.json_name) text = p.second;
      } else if (f.in == meta::location::query) {
        for (auto& kv : query_items)
          if (key_matches(kv.first, f, true)) {
            text = kv.second;
            break;
          }
      } else if (f.in == meta::location::header) {
        where = "header";
        for (const auto& h : in.headers)
          if (key_matches(h.first, f, true)) {
            text = h.second;
            break;
          }
      }
      if (!text) {
        if constexpr (!detail::is_optional<M>::value)
          problem =
              detail::invalid_request(name + ": missing required " + where + " parameter", name);
        return;
      }
      if (parse_param(*text, m))
        problem = detail::invalid_request(
            name + ": " + where + " parameter must be " + std::string(param_expected<M>()), name);
    }
  });
  if (problem) return std::move(*problem);
  if (auto invalid = validate(out)) return std::move(*invalid);
  return out;
}

}  // namespace kaizala
