// The model's persistence (atomic JSON file), ids, tokens, time and text helpers.
#include "service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <openssl/rand.h>
#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

namespace kaizala::emulator {

namespace {

std::string_view category_of(int status) {
  switch (status) {
    case 400:
    case 413:
    case 415:
      return "ValidationException";
    case 401:
      return "AuthException";
    case 403:
      return "PermissionException";
    case 404:
      return "NotFoundException";
    case 405:
      return "RoutingException";
    case 429:
      return "ThrottlingException";
    default:
      return status >= 500 ? "ServerException" : "RequestException";
  }
}

}  // namespace

kaizala::error api_error(int status, std::string code, std::string message) {
  kaizala::error e;
  e.kind = error_kind::http_status;
  e.http_status = status;
  e.service_code = std::move(code);
  e.service_category = std::string(category_of(status));
  e.message = std::move(message);
  return e;
}

std::string quote_id(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < 80; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    out += c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? static_cast<char>(c) : '?';
  }
  if (s.size() > 80) out += "...";
  return out + "\"";
}

namespace {

// Tokens and PINs are credentials: they come from OpenSSL's CSPRNG (getrandom(2) should it ever
// fail), never from a seeded PRNG whose state could be recovered from the tokens it printed.
void random_bytes(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) == 1) return;
  while (n > 0) {
    ssize_t got = getrandom(out, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "kaizala-emulator: no source of random bytes\n");
      std::abort();  // never hand out a predictable credential
    }
    out += got;
    n -= static_cast<std::size_t>(got);
  }
}

}  // namespace

server::impl::impl(options o) : opt(std::move(o)) {
  if (opt.connectors.empty())
    opt.connectors.push_back(
        {std::string(demo_application_id), std::string(demo_application_secret), "default"});
}

std::int64_t server::impl::now_ms() const {
  std::int64_t offset = clock_offset.load();
  if (opt.clock_ms) return opt.clock_ms() + offset;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() +
         offset;
}

std::string server::impl::new_guid() {
  static constexpr char hex[] = "0123456789abcdef";
  unsigned char bytes[16];
  random_bytes(bytes, sizeof bytes);
  std::uint64_t a = 0, b = 0;
  for (int i = 0; i < 8; ++i) a = a << 8 | bytes[i], b = b << 8 | bytes[8 + i];
  std::string s;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
    std::uint64_t& w = i < 16 ? a : b;
    int nibble = static_cast<int>(w & 0xF);
    w >>= 4;
    if (i == 12) nibble = 4;                 // version 4
    if (i == 16) nibble = 8 | (nibble & 3);  // RFC 4122 variant
    s += hex[nibble];
  }
  return s;
}

std::string server::impl::new_token() {
  // Opaque: 256 random bits, URL-safe base64 without padding.
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  unsigned char bytes[33];  // 43 characters of 6 random bits each (258 bits)
  random_bytes(bytes, sizeof bytes);
  std::string s;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    acc = acc << 8 | b;
    bits += 8;
    while (bits >= 6 && s.size() < 43) {
      bits -= 6;
      s += alphabet[(acc >> bits) & 63];
    }
    acc &= (1u << bits) - 1;
  }
  return s;
}

std::string server::impl::new_pin() {
  // Uniform over 1000..9999 (4 digits like the sample 8876): rejection sampling, no modulo bias.
  for (;;) {
    unsigned char b[2];
    random_bytes(b, sizeof b);
    unsigned v = static_cast<unsigned>(b[0]) << 8 | b[1];
    if (v < 9000u * 7u) return std::to_string(1000 + v % 9000);
  }
}

std::string server::impl::endpoint_url() const { return moved_to.empty() ? base : moved_to; }

const connector* server::impl::find_connector(std::string_view app) const {
  for (const auto& c : opt.connectors)
    if (c.application_id == app) return &c;
  return nullptr;
}

void server::impl::log_line(std::string_view line) const {
  if (opt.log) {
    opt.log(line);
  } else {
    std::cerr << line << '\n';
  }
}

namespace {

// Boost.JSON reports a member that fails to convert without the member's own message, so the
// spec enums of a state file are read here first: the first text outside its enum, with where it is
// ("groups["g1@1"].members[0].role: MemberRole: unknown value "Owner""), or nothing.
std::optional<std::string> bad_enum_text(const boost::json::value& v) {
  std::optional<std::string> bad;
  auto check = [&bad](auto tag, const boost::json::value* text, const std::string& where) {
    using E = typename decltype(tag)::type;
    if (bad || text == nullptr) return;
    try {
      (void)boost::json::value_to<model::spec_enum<E>>(*text);
    } catch (const std::exception& e) {
      bad = where + ": " + e.what();
    }
  };
  auto each = [&v](std::string_view key, auto f) {
    if (const auto* all = v.is_object() ? v.get_object().if_contains(key) : nullptr;
        all && all->is_object())
      for (const auto& [id, item] : all->get_object())
        if (item.is_object()) f(std::string(key) + "[" + quote_id(id) + "]", item.get_object());
  };
  each("groups", [&](const std::string& at, const boost::json::object& g) {
    check(type_tag<GroupType>{}, g.if_contains("type"), at + ".type");
    if (const auto* members = g.if_contains("members"); members && members->is_array())
      for (std::size_t i = 0; i < members->get_array().size(); ++i)
        if (const auto* m = members->get_array()[i].if_object())
          check(type_tag<MemberRole>{}, m->if_contains("role"),
                at + ".members[" + std::to_string(i) + "].role");
  });
  each("actions", [&](const std::string& at, const boost::json::object& a) {
    check(type_tag<ActionType>{}, a.if_contains("type"), at + ".type");
  });
  each("webhooks", [&](const std::string& at, const boost::json::object& w) {
    check(type_tag<ObjectType>{}, w.if_contains("object_type"), at + ".object_type");
  });
  each("reactions", [&](const std::string& at, const boost::json::object& r) {
    check(type_tag<ReactionType>{}, r.if_contains("type"), at + ".type");
  });
  return bad;
}

}  // namespace

kaizala::result<bool> server::impl::load() {
  if (opt.state_file.empty()) return false;
  errno = 0;
  std::ifstream in(opt.state_file, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return false;  // no file yet: start empty
    // Unreadable but there: starting empty would overwrite it on the first save.
    kaizala::error e;
    e.kind = error_kind::invalid_request;
    e.message = "state file " + opt.state_file +
                " cannot be read: " + (errno != 0 ? std::strerror(errno) : "unknown error");
    return e;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto fail = [&](const std::string& why) {
    kaizala::error e;
    e.kind = error_kind::invalid_request;
    e.message = "state file " + opt.state_file + " is corrupt: " + why +
                " (move it away to start empty; it is never reset silently)";
    return e;
  };
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text.str(), ec);
  if (ec) return fail(ec.message());
  if (auto bad = bad_enum_text(v)) return fail(*bad);
  // Files written before the model had reactions lack the key; the conversion wants every member.
  if (auto* o = v.if_object(); o != nullptr && !o->contains("reactions"))
    (*o)["reactions"] = boost::json::object();
  try {
    st = boost::json::value_to<model::state>(v);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  if (st.version != 1) return fail("unknown version " + std::to_string(st.version));
  // The media store's accounting (eviction order: the file keeps no upload order, ids are random).
  media_order.clear();
  media_bytes = 0;
  for (const auto& [id, m] : st.media_files) {
    std::size_t size = base64_decode(m.data_base64).value_or("").size();
    media_order.emplace_back(id, size);
    media_bytes += size;
  }
  return true;
}

kaizala::maybe_error server::impl::write_state() {
  if (opt.state_file.empty()) return {};
  // Atomic: a reader (or a crash) sees the old file or the new one, never half of one.
  std::string tmp = opt.state_file + ".tmp";
  auto fail = [](std::string why) {
    kaizala::error e;
    e.kind = error_kind::invalid_request;
    e.message = std::move(why);
    return e;
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << boost::json::serialize(boost::json::value_from(st));
    if (!out.flush()) return fail("cannot write state file " + tmp + ": " + std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), opt.state_file.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    return fail("cannot replace state file " + opt.state_file + ": " + why);
  }
  return {};
}

void server::impl::save() {
  if (auto e = write_state()) log_line("emulator: " + e->message);
}

std::string iso8601(std::int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string base64_encode(std::string_view in) {
  static constexpr char table[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                      (static_cast<unsigned char>(in[i + 1]) << 8) |
                      static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += table[(n >> s) & 63];
  }
  if (i < in.size()) {
    std::uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < in.size() ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

bool is_mobile_number(std::string_view s) {
  if (s.size() < 7 || s.size() > 16 || s[0] != '+') return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

}  // namespace kaizala::emulator
