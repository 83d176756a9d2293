// <Op> [--<param> VALUE ...] [--data ...] [--file ...]: one call through the binding, for any op
// of the generated table. The request is built from the command line with the generated
// fields_of<Request> (which member is a path, query or header parameter, body field or file part),
// then build_request<Op>, the transport and read_response<Op> do what call<Op> does.
#include "body_keys.hpp"
#include "inputs.hpp"
#include "json_text.hpp"
#include "op_options.hpp"
#include "operations.hpp"
#include "param_values.hpp"
#include "profile.hpp"
#include "secret_input.hpp"
#include "suggest.hpp"
#include "wire.hpp"

#include <kaizala/call.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/httplib_transport.hpp>
#include <kaizala/json.hpp>
#include <kaizala/media_types.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/session.hpp>
#include <kaizala/url.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <ostream>
#include <sstream>
#include <type_traits>

namespace kaizala::cli {
namespace {

bool is_http_url(std::string_view url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

// Required body fields the JSON leaves out but the spec gives a default (PostingSurveyResponse's
// actionType "Survey"): the binding would send the default, so the CLI fills it in too.
template <class Req>
void add_body_defaults(boost::json::object& body) {
  const Req defaults{};
  for_each_field<Req>([&](auto d, const meta::field& f) {
    const auto& m = defaults.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if constexpr (is_required_v<M> && !std::is_same_v<M, file_part>) {
      if (f.in != meta::location::body || !has_value(m)) return;
      for (const auto& kv : body)
        if (key_matches(kv.key(), f, false)) return;
      body[f.json_name] = to_json_value(m);
    }
  });
}

// The body fields given as flags (--message Hi, --members '[...]' or --members a --members b), put
// into `body` (what --data gave). A field both in --data and as a flag is refused: neither wins
// silently. Scalars and enums are read as parameters are (parse_option); arrays take one JSON
// array or one element per flag; anything else (a nested struct, a map) takes JSON text.
template <class Req>
std::string add_body_flags(const command_line& line, boost::json::object& body,
                           std::vector<std::string>& secrets, std::vector<std::string>& given) {
  std::string problem;
  for_each_field<Req>([&](auto d, const meta::field& f) {
    using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<Req&>().*d.pointer)>>;
    if (!problem.empty() || f.in != meta::location::body) return;
    std::vector<const option*> values = line.find_all(std::string(f.json_name));
    for_each_alias(f, [&](std::string_view a) {
      for (const option* o : line.find_all(std::string(a))) values.push_back(o);
    });
    if (values.empty()) return;
    const std::string flag = "--" + values.front()->name;
    for (const auto& kv : body)
      if (key_matches(kv.key(), f, false)) {
        problem = flag + " and the \"" + std::string(kv.key()) +
                  "\" field of --data both give the body field " + std::string(f.json_name) +
                  ": give it once";
        return;
      }
    using T = typename std::conditional_t<is_optional_v<M>, M, std::optional<M>>::value_type;
    if (values.size() > 1 && !is_list_v<T>) {
      problem = flag + " is given twice" +
                (values[1]->name != values.front()->name ? " (also as --" + values[1]->name + ")"
                                                         : std::string());
      return;
    }
    for (const option* o : values)
      if (f.secret) secrets.push_back(o->value);
    auto json_text = [&](const option* o, boost::json::value& out) {
      auto v = parse_json(o->value);
      if (!v) {
        problem = "--" + o->name + ": expected JSON (" + type_name<T>() + "): " + v.error().message;
        return false;
      }
      out = std::move(*v);
      return true;
    };
    boost::json::value out;
    if constexpr (is_param_type_v<T>) {
      T v{};
      problem = parse_option(values.front()->value, v, values.front()->name, f.secret);
      if (!problem.empty()) return;
      out = to_json_value(v);
    } else if constexpr (is_list_v<T>) {
      using E = typename T::value_type;
      std::string_view first = values.front()->value;
      while (!first.empty() && std::isspace(static_cast<unsigned char>(first.front())))
        first.remove_prefix(1);
      if (values.size() == 1 && !first.empty() && first.front() == '[') {
        if (!json_text(values.front(), out)) return;
      } else {
        boost::json::array items;
        for (const option* o : values) {
          boost::json::value item;
          if constexpr (is_param_type_v<E>) {
            E e{};
            problem = parse_option(o->value, e, o->name, f.secret);
            if (!problem.empty()) return;
            item = to_json_value(e);
          } else if (!json_text(o, item)) {
            return;
          }
          items.push_back(std::move(item));
        }
        out = std::move(items);
      }
    } else {
      if (!json_text(values.front(), out)) return;
    }
    body[f.json_name] = std::move(out);
    given.emplace_back(f.json_name);
  });
  return problem;
}

// --output: "json" (the default), "table" or "raw"; "" with a message in `problem` for anything
// else.
std::string output_kind(const command_line& line, std::string& problem) {
  if (!line.output) return "json";
  const std::string& o = *line.output;
  if (o == "json" || o == "table" || o == "raw") return o;
  problem = "--output: expected json, table or raw, got \"" + o + "\"" +
            did_you_mean(o, {"json", "table", "raw"});
  return {};
}

// A decoded answer as --output asks (raw, for answers merged by --all: compact JSON).
void print_answer(const boost::json::value& v, const std::string& output, std::ostream& out) {
  if (output == "table")
    out << table_text(v);
  else if (output == "raw")
    out << boost::json::serialize(v) << '\n';
  else
    out << pretty_json(v);
}

// Whether Op pages, from the generated tables: its request has a member named cursor and its
// answer one too (GetSubscribers; any op the spec gives the same shape).
template <class Op>
bool pages() {
  using Resp = typename Op::response;
  if constexpr (std::is_same_v<Resp, boost::json::value> || std::is_same_v<Resp, no_content>) {
    return false;
  } else {
    bool asked = false, answered = false;
    for (const auto& f : meta::fields_of<typename Op::request>::fields)
      asked = asked || (f.json_name == "cursor" && f.in != meta::location::file);
    for (const auto& f : meta::fields_of<Resp>::fields)
      answered = answered || f.json_name == "cursor";
    return asked && answered;
  }
}

// --all stops after this many pages (a service that never stops paging must not keep us).
constexpr std::size_t max_pages = 1000;

template <class Op>
int call_with(const command_line& line, streams io);

// --all: calls Op page after page, each with the cursor the previous answer gave, and prints one
// answer: arrays appended, other members from the last page, the cursor removed. Stops at the
// page limit or when a cursor comes back a second time (exit 1, the cursor kept to go on from).
template <class Op>
int call_all_pages(const command_line& line, streams io, const std::string& output) {
  const std::string op(Op::name);
  if (!pages<Op>()) {
    io.err << "error: --all: " << op << " does not page (no cursor in its request and answer)\n";
    return exit_usage;
  }
  command_line page = line;
  page.all = false;
  page.output = "json";
  for (auto& o : page.options)  // standard input or a file is read once, for every page
    if (o.name == "data" && o.has_value) {
      std::string text, problem;
      if (!read_data_argument(o.value, io.in, text, problem)) {
        io.err << "error: --data: " << problem << '\n';
        return exit_usage;
      }
      o.value = std::move(text);
    }
  boost::json::object merged;
  std::vector<std::string> seen;
  std::string stopped;
  for (std::size_t n = 1;; ++n) {
    std::ostringstream text;
    int code = call_with<Op>(page, {io.in, text, io.err, io.secrets});
    if (code != exit_ok) {
      if (n > 1) io.err << "error: --all: page " << n << " failed; nothing printed\n";
      return code;
    }
    auto v = parse_json(text.str());
    if (!v || !v->is_object()) {
      io.err << "error: --all: page " << n << " is not a JSON object\n";
      return exit_failed;
    }
    const auto* c = v->get_object().if_contains("cursor");
    std::string cursor = c != nullptr && c->is_string() ? std::string(c->get_string()) : "";
    merged.erase("cursor");  // only the last page's
    for (auto& kv : v->get_object()) {
      auto* have = merged.if_contains(kv.key());
      if (have != nullptr && have->is_array() && kv.value().is_array()) {
        for (auto& e : kv.value().get_array()) have->get_array().push_back(std::move(e));
      } else {
        merged[kv.key()] = std::move(kv.value());
      }
    }
    if (cursor.empty()) break;
    if (std::find(seen.begin(), seen.end(), cursor) != seen.end()) {
      stopped = "the answer to page " + std::to_string(n) + " gave a cursor it had given before";
      merged.erase("cursor");
      break;
    }
    if (n == max_pages) {
      stopped = "stopped after " + std::to_string(max_pages) +
                " pages; the answer keeps the cursor to go on from (--cursor)";
      break;
    }
    seen.push_back(cursor);
    page.options.erase(std::remove_if(page.options.begin(), page.options.end(),
                                      [](const option& o) { return o.name == "cursor"; }),
                       page.options.end());
    page.options.push_back({"cursor", cursor, true});
  }
  if (stopped.empty()) merged.erase("cursor");
  print_answer(merged, output, io.out);
  if (stopped.empty()) return exit_ok;
  io.err << "error: --all: " << stopped << '\n';
  return exit_failed;
}

}  // namespace

// From the generated tables (kaizala::secret_names): every op's auth header and every member the
// spec marks secret (applicationSecret, refreshToken, pin, accessToken in answers, the webhook
// callback token), plus kz-callback-token, the header that brings the callback token to a receiver.
const std::vector<std::string>& credential_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n = secret_names<api>();
    n.emplace_back("kz-callback-token");
    return n;
  }();
  return names;
}

namespace {

template <class Op>
int call_with(const command_line& line, streams io) {
  using Req = typename Op::request;
  using Resp = typename Op::response;
  const std::string op(Op::name);
  auto usage = [&](const std::string& message) {
    io.err << "error: " << message << '\n';
    return exit_usage;
  };
  std::string output_problem;
  const std::string output = output_kind(line, output_problem);
  if (output.empty()) return usage(output_problem);
  if (line.all) return call_all_pages<Op>(line, io, output);
  auto failed = [&](const error& e) {
    io.err << "error: " << e.to_string();
    if (!e.retry_after.empty()) io.err << "; Retry-After: " << e.retry_after;
    io.err << '\n';
    return exit_failed;
  };

  // Every option must mean something to this op.
  const std::vector<std::string_view> known = op_option_names<Op>();
  for (const auto& o : line.options) {
    bool ok = false;
    for (auto k : known) ok = ok || k == o.name;
    if (ok) continue;
    if (o.name == "data" && Op::body != body_kind::json)
      return usage(op + " takes no JSON body (--data)");
    if ((o.name == "file" || o.name == "content-type") && Op::body != body_kind::multipart)
      return usage(op + " uploads no file (--" + o.name + ")");
    return usage(op + ": unknown option --" + o.name + did_you_mean(o.name, known) +
                 "; kaizala-cli " + op + " --help lists its parameters");
  }
  for (const auto& o : line.options)
    if (!o.has_value) return usage("--" + o.name + " needs a value");
  // Given twice: only a body field may be (an array's elements; add_body_flags checks).
  for (const auto& name : line.repeated) {
    bool body_field = false;
    if constexpr (Op::body == body_kind::json)
      for (const auto& f : meta::fields_of<Req>::fields)
        if (f.in == meta::location::body) {
          body_field = body_field || f.json_name == name;
          for_each_alias(f, [&](std::string_view a) { body_field = body_field || a == name; });
        }
    if (!body_field) return usage("--" + name + " is given twice");
  }

  // --header: checked before anything is sent; a header holding a credential is a secret too.
  wire_settings wire;
  for (const auto& text : line.headers) {
    header_argument h = parse_header_argument(text);
    if (!h.error.empty()) return usage(h.error);
    for (const auto& s : credential_names())
      if (h.name.size() == s.size() &&
          std::equal(s.begin(), s.end(), h.name.begin(), [](unsigned char a, unsigned char b) {
            return std::tolower(a) == std::tolower(b);
          }))
        io.secrets.push_back(h.value);
    wire.extra_headers.emplace_back(std::move(h.name), std::move(h.value));
  }

  // The body first: --data, then each body field given as a flag; decoding makes a fresh request,
  // parameters go on top.
  Req req{};
  if constexpr (Op::body == body_kind::json) {
    std::string text = "{}", problem;
    const option* data = line.find("data");
    if (data != nullptr && !read_data_argument(data->value, io.in, text, problem))
      return usage("--data: " + problem);
    auto v = parse_json(text);
    if (!v) return usage("--data: " + v.error().message);
    if (!v->is_object())
      return usage("--data: expected a JSON object, got " +
                   std::string(v->is_array() ? "an array" : "a scalar"));
    for (const auto& k : unknown_key_notes<Req>(*v, false)) {
      if (!k.location.empty())
        return usage("--data: " + k.path + " is a " + k.location + " parameter of " + op +
                     ", not a body field: give it as --" + k.path);
      return usage("--data: " + k.path + ": unknown field of " + k.owner +
                   (k.suggestion.empty() ? "" : " (did you mean \"" + k.suggestion + "\"?)"));
    }
    std::vector<std::string> from_flags;
    problem = add_body_flags<Req>(line, v->get_object(), io.secrets, from_flags);
    if (!problem.empty()) return usage(problem);
    // A flag's JSON text may hold a typo too: named with the flag.
    for (const auto& k : unknown_key_notes<Req>(*v, false))
      return usage("--" + k.path.substr(0, k.path.find_first_of(".[")) + ": " + k.path +
                   ": unknown field of " + k.owner +
                   (k.suggestion.empty() ? "" : " (did you mean \"" + k.suggestion + "\"?)"));
    add_body_defaults<Req>(v->get_object());
    auto r = from_json_value<Req>(*v);
    if (!r) {
      // Named after where the field came from: its flag, else --data.
      const std::string& m = r.error().message;
      std::string source = data != nullptr ? "--data" : "body";
      for (const auto& g : from_flags)
        if (m.compare(0, g.size(), g) == 0 && m.size() > g.size() &&
            std::string_view(":.[").find(m[g.size()]) != std::string_view::npos)
          source = "--" + g;
      return usage(source + ": " + m);
    }
    req = std::move(*r);
  }

  std::string problem;
  for_each_field<Req>([&](auto d, const meta::field& f) {
    auto& m = req.*d.pointer;
    using M = std::remove_cv_t<std::remove_reference_t<decltype(m)>>;
    if (!problem.empty()) return;
    if constexpr (std::is_same_v<M, file_part>) {
      const option* file = line.find("file");
      if (file == nullptr) {
        problem = op + " needs --file PATH (the " + std::string(f.json_name) + " part)";
        return;
      }
      std::string bytes, why;
      if (!read_whole_file(file->value, bytes, why)) {
        problem = "--file: " + why;
        return;
      }
      std::string_view path = file->value;
      std::size_t slash = path.find_last_of("/\\");
      m.filename = std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
      m.data = std::move(bytes);
      if (const option* type = line.find("content-type")) {
        m.content_type = type->value;
      } else {
        m.content_type = std::string(media_type_for(m.filename));
        if (m.content_type.empty())
          problem = "--file: cannot tell the media type of \"" + m.filename +
                    "\" from its extension (the service takes " + known_media_extensions() +
                    "); give --content-type TYPE";
      }
    } else if constexpr (is_param_type_v<M>) {
      if (!is_option_param(f)) return;
      const option* given = line.find(std::string(f.json_name));
      bool aliased = false;
      for_each_alias(f, [&](std::string_view a) {
        const option* alias = line.find(std::string(a));
        if (aliased || alias == nullptr) return;
        if (given != nullptr)
          problem = "--" + std::string(f.json_name) + " is given twice (also as --" +
                    std::string(a) + ")";
        given = alias;
        aliased = true;
      });
      if (!problem.empty()) return;
      if (given == nullptr) {
        if (is_required_v<M> && !has_value(m))
          problem = op + " needs --" + std::string(f.json_name) + " (" +
                    (f.in == meta::location::path    ? "path parameter"
                     : f.in == meta::location::query ? "query parameter"
                     : f.in == meta::location::form  ? "form field"
                                                     : "header parameter") +
                    ", " + type_name<M>() + ")";
        return;
      }
      if (f.secret) io.secrets.push_back(given->value);
      problem = parse_option(given->value, m, given->name, f.secret);
    }
  });
  if (!problem.empty()) return usage(problem);

  context ctx;
  // The access token: --token, $KAIZALA_ACCESS_TOKEN, or the profile `kaizala-cli login` saved.
  std::optional<profile> saved;
  std::string token, name, profile_file;
  if constexpr (!Op::auth_header.empty()) {
    if (line.token)
      token = *line.token;
    else if (const char* env = std::getenv("KAIZALA_ACCESS_TOKEN"))
      token = env;
    if (token.empty()) {
      const option* given = line.find("profile");
      name = profile_name(given ? &given->value : nullptr);
      std::string problem;
      profile_file = profile_path(name, problem);
      if (profile_file.empty()) return usage(problem);
      profile p;
      bool missing = false;
      if (!load_profile(profile_file, p, missing, problem)) {
        if (missing)
          return usage(op + " needs an access token: there is no profile \"" + name + "\" (" +
                       profile_file + "); create it with " + login_hint(name) +
                       ", or give --token T or set KAIZALA_ACCESS_TOKEN");
        return usage(problem);
      }
      io.secrets.push_back(p.refresh_token);
      io.secrets.push_back(p.access_token);
      token = p.access_token;
      saved = std::move(p);
    }
    ctx.set_credential(std::string(Op::auth_header), token);
  }

  // Where the call goes. set_root, not set_variable: an explicit --base must win over
  // KAIZALA_EMULATOR_HOST, which context::root_url applies to roots that were not set.
  if (Op::root_url.find('{') != std::string_view::npos) {
    if (line.base) {
      if (!is_http_url(*line.base)) return usage("--base: expected an http:// or https:// URL");
      ctx.set_root(std::string(Op::root), root_from_base(*line.base, Op::root_url));
    } else if (saved) {
      ctx.set_root(std::string(Op::root), root_from_base(saved->endpoint, Op::root_url));
    } else {
      const char* emulator = std::getenv("KAIZALA_EMULATOR_HOST");
      if (emulator == nullptr || *emulator == '\0')
        return usage(op + " goes to " + std::string(Op::root_url) +
                     ": give --base URL (the endpointUrl GenerateAccessToken returned)");
    }
  } else if (const auto& base = line.auth_base ? line.auth_base : line.base) {
    if (!is_http_url(*base))
      return usage(std::string(line.auth_base ? "--auth-base" : "--base") +
                   ": expected an http:// or https:// URL");
    ctx.set_root(std::string(Op::root), root_from_base(*base, Op::root_url));
  }
  httplib_transport::options http_options;
  std::chrono::milliseconds budget{0};
  if (line.timeout) {
    double seconds = 0;
    const std::string& t = *line.timeout;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), seconds);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(seconds) ||
        seconds <= 0 || seconds > 86400)
      return usage("--timeout: expected seconds, more than 0 and at most 86400, got \"" + t + "\"");
    budget = std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
    http_options.connect_timeout = std::min(http_options.connect_timeout, budget);
    http_options.read_timeout = budget;
    http_options.write_timeout = budget;
  }

  // call<Op>: one attempt, with the request's secrets removed from every error it returns. With a
  // profile whose access token has expired or is refused (401), kaizala::session renews it from
  // the profile's refresh token and sends again, with its retries, waits and moved endpoints.
  httplib_transport transport(http_options);
  wire.budget = budget;
  wire.trace = line.debug ? &io.err : nullptr;
  wire.secret_names = credential_names();
  std::string raw_body;  // --output raw: the last answer as received
  wire.on_exchange = [&](const http_request&, const http_response& a) { raw_body = a.body; };
  const wire_settings per_call = wire;
  wire_transport sender(transport, std::move(wire));
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  bool renew =
      saved && (saved->access_token.empty() || saved->access_token_expiry <= now_ms + 60000);
  std::optional<result<Resp>> sent;
  if (!renew) {
    sent.emplace(call<Op>(sender, ctx, req));
    renew = saved && !*sent && sent->error().http_status == 401;
  }
  if (renew) {
    std::string secret, problem;
    const option* secret_file = line.find("secret-file");
    if (!read_secret({"KAIZALA_APPLICATION_SECRET", secret_file ? &secret_file->value : nullptr,
                      "Connector secret (applicationSecret): ", nullptr, &io.in == &std::cin},
                     secret, problem))
      return usage("the access token of profile \"" + name +
                   "\" must be renewed, which needs the connector secret (" + problem +
                   "): set KAIZALA_APPLICATION_SECRET or give --secret-file FILE");
    io.secrets.push_back(secret);
    session_options so;
    so.application_id = saved->application_id;
    so.application_secret = secret;
    so.refresh_token = saved->refresh_token;
    if (!saved->auth_base.empty())
      so.auth_url = root_from_base(saved->auth_base, ops::GenerateAccessToken::root_url);
    so.endpoint_url = line.base ? *line.base : saved->endpoint;
    if (budget.count() > 0) so.call_timeout = budget;
    so.http = http_options;
    so.on_refresh_token = [&](const std::string& t) {
      io.secrets.push_back(t);
      saved->refresh_token = t;
    };
    if (line.debug)  // the session's planned waits, before it sleeps
      so.on_wait = [&](const wait_event& w) {
        io.err << "* waiting " << w.delay.count() << " ms before sending " << w.op << " again ("
               << (w.reason == wait_reason::throttled ? "throttled" : "transient failure");
        if (w.status != 0) io.err << ", HTTP " << w.status;
        io.err << (w.retry_after ? ", as Retry-After asked" : ", backoff") << ")\n";
      };
    // The session keeps the access token it gets to itself: take it from the GenerateAccessToken
    // answer on the wire, so that the next run can use it until it expires.
    wire_settings observed = per_call;
    observed.on_exchange = [&](const http_request& q, const http_response& a) {
      raw_body = a.body;
      std::string_view target = std::string_view(q.target).substr(0, q.target.find('?'));
      std::string_view path = ops::GenerateAccessToken::path;
      if (a.status != 200 || target.size() < path.size() ||
          target.substr(target.size() - path.size()) != path)
        return;
      auto v = parse_json(a.body);
      if (!v) return;
      auto granted = from_json_value<GenerateAccessTokenResponse>(*v);
      if (!granted) return;
      io.secrets.push_back(granted->accessToken);
      saved->access_token = granted->accessToken;
      saved->access_token_expiry = granted->accessTokenExpiry;
      if (!granted->endpointUrl.empty()) saved->endpoint = granted->endpointUrl;
    };
    basic_session<wire_transport> renewing(so, [&] { return wire_transport(transport, observed); });
    sent.emplace(renewing.call<Op>(req));
    if (!*sent && sent->error().http_status == 401) {
      failed(sent->error());
      io.err << "The refresh token of profile \"" << name
             << "\" was refused (expired or replaced): log in again with " << login_hint(name)
             << '\n';
      return exit_failed;
    }
    if (!save_profile(profile_file, *saved, problem))
      io.err << "warning: could not update profile \"" << name << "\": " << problem << '\n';
  }
  auto& r = *sent;
  if (!r) return failed(r.error());
  if (output == "raw") {
    io.out << raw_body;
  } else if constexpr (std::is_same_v<Resp, boost::json::value>) {
    print_answer(*r, output, io.out);
  } else if constexpr (std::is_same_v<Resp, no_content>) {
    // Nothing to print (OAuthAuthorize's answer is a redirect, which comes back as an error).
  } else {
    print_answer(parse_json(to_json(*r)).value(), output, io.out);
  }
  return exit_ok;
}

using call_fn = int (*)(const command_line&, streams);

}  // namespace

int call_op(std::string_view op, const command_line& line, streams io) {
  static const std::vector<std::pair<std::string_view, call_fn>> table = [] {
    std::vector<std::pair<std::string_view, call_fn>> t;
    api::for_each_op([&](auto tag) {
      using Op = typename decltype(tag)::type;
      t.emplace_back(Op::name, &call_with<Op>);
    });
    return t;
  }();
  for (const auto& e : table)
    if (e.first == op) return e.second(line, io);
  io.err << "error: unknown operation \"" << op << "\"\n";
  return exit_usage;
}

}  // namespace kaizala::cli
