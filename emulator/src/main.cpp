// kaizala-emulator: the emulator as a program. Prints its base URL as the first (and only) line on
// stdout and a banner on stderr, then serves until SIGINT or SIGTERM.
#include <kaizala/emulator/server.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

constexpr const char* usage =
    "usage: kaizala-emulator [--host 127.0.0.1] [--port 5249] [--state FILE] [--pin NNNN]\n"
    "                        [--connector ID:SECRET]... [--token-lifetime SECONDS]\n"
    "                        [--no-throttle] [--throttle N/M] [--tls-cert F --tls-key F]\n"
    "                        [--fault-header-without-token] [--remote-callbacks] [--strict]\n"
    "                        [--admin-token T] [--no-admin] [--oauth-user +91...]\n"
    "                        [--redirect-uri URL]... [--help]\n"
    "\n"
    "Serves the Kaizala connector API (all 36 operations) from one base URL, by default\n"
    "http://127.0.0.1:5249 (--port 0 picks a free port). The only line on stdout is that base\n"
    "URL; a banner (URL, connectors, PIN mode, state file, admin URL) and one line per request go\n"
    "to stderr. A port in use is an error (exit status 1); so is a --state file that cannot be\n"
    "written. Without --connector, the demo connector is\n"
    "  applicationId 11111111-2222-3333-4444-555555555555, secret emulator-demo-secret.\n"
    "--throttle N/M: N calls per minute per connector, M per tenant (default 100/300).\n"
    "--remote-callbacks: allow webhook callBackUrls on hosts other than loopback.\n"
    "--strict: refuse the lenient forms the real service took (Json.NET-style bodies, keys in\n"
    "  another case, unknown keys, Authorization: Bearer); see emulator/README.md.\n"
    "--oauth-user: the number OAuthAuthorize signs in and approves at once;\n"
    "--redirect-uri: a redirect URL registered for OAuth (every connector).\n"
    "PINs are logged on stderr (\"PIN for +91... is 4821\") and listed by GET /_emulator/pins.\n"
    "\n"
    "Faults per request: the header X-Emulator-Fault: "
    "status=CODE[;retry-after=S|;retry-after-date=S],\n"
    "  delay=MS, drop-before, drop-after, truncate or malformed (honoured with a valid "
    "accessToken;\n"
    "  --fault-header-without-token: from anyone).\n"
    "\n"
    "Admin API (JSON; off on a non-loopback --host unless --admin-token is given, which must then\n"
    "come in the X-Emulator-Admin-Token header; also read from KAIZALA_EMULATOR_ADMIN_TOKEN):\n"
    "  GET  /_emulator/                       the list of endpoints\n"
    "  GET  /_emulator/health                 status, base URL, clock\n"
    "  POST /_emulator/reset                  empty model, PINs, faults, counters, move\n"
    "  GET  /_emulator/state                  the model (tokens and secrets left out)\n"
    "  GET  /_emulator/pins                   the PINs issued\n"
    "  GET|POST|DELETE /_emulator/faults      list / add "
    "{\"fault\":\"status=503\",\"op\":\"*\",\"times\":1}\n"
    "                                         / clear\n"
    "  POST /_emulator/tokens/revoke          every access token answers 401 from now on\n"
    "  GET  /_emulator/endpoint, POST /_emulator/endpoint/move {\"url\":\"...\"} (\"\" stops)\n"
    "  GET|POST /_emulator/throttle           "
    "{\"enabled\",\"perConnectorPerMinute\",\"perTenantPerMinute\"}\n"
    "  GET  /_emulator/webhooks/deliveries    the callback attempts (newest 1000)\n"
    "  GET  /_emulator/clock, POST /_emulator/clock/advance {\"seconds\":N} or "
    "{\"milliseconds\":N}\n"
    "--no-admin: no admin API at all. More: emulator/README.md.\n";

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void on_signal(int) { stop_requested = 1; }

bool to_int(std::string_view s, long long& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::string text(s);
  out = std::strtoll(text.c_str(), &end, 10);
  return end != nullptr && *end == '\0';
}

// What the program serves, for the person who started it: no secret (connector secrets, the
// --pin value and the admin token are named, never shown).
void print_banner(const kaizala::emulator::options& opt, const std::string& base) {
  std::string connectors;
  if (opt.connectors.empty()) {
    connectors = std::string(kaizala::emulator::demo_application_id) + " (demo connector)";
  } else {
    for (const auto& c : opt.connectors)
      connectors += (connectors.empty() ? "" : ", ") + c.application_id;
  }
  std::string admin;
  if (!kaizala::emulator::admin_api_enabled(opt)) {
    admin = opt.admin_api ? "off (" + opt.host + " is not loopback; --admin-token turns it on)"
                          : "off (--no-admin)";
  } else {
    admin = base + std::string(kaizala::emulator::admin_prefix);
    if (!opt.admin_token.empty()) admin += " (X-Emulator-Admin-Token required)";
  }
  std::cerr << "kaizala-emulator serving " << base << "\n"
            << "  connectors: " << connectors << "\n"
            << "  PIN mode:   "
            << (opt.fixed_pin ? "fixed (--pin)"
                : kaizala::emulator::admin_api_enabled(opt)
                    ? "random, logged on stderr and listed at /_emulator/pins"
                    : "random, logged on stderr")
            << "\n"
            << "  state file: " << (opt.state_file.empty() ? "none (in memory)" : opt.state_file)
            << "\n"
            << "  admin API:  " << admin << "\n"
            << "  stop:       Ctrl-C or SIGTERM" << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  kaizala::emulator::options opt;
  opt.port = kaizala::emulator::default_port;
  if (const char* token = std::getenv("KAIZALA_EMULATOR_ADMIN_TOKEN")) opt.admin_token = token;
  auto fail = [](const std::string& why) {
    std::cerr << "kaizala-emulator: " << why << "\n" << usage;
    return 2;
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    long long n = 0;
    if (a == "--help" || a == "-h") {
      std::cout << usage;
      return 0;
    } else if (a == "--host") {
      if (!value(opt.host)) return fail("--host needs a value");
    } else if (a == "--port") {
      if (!value(v) || !to_int(v, n) || n < 0 || n > 65535) return fail("--port needs 0..65535");
      opt.port = static_cast<int>(n);
    } else if (a == "--state") {
      if (!value(opt.state_file)) return fail("--state needs a file");
    } else if (a == "--pin") {
      if (!value(v) || !to_int(v, n) || v.size() < 4 || v[0] == '0')
        return fail("--pin needs digits, no leading 0");
      opt.fixed_pin = v;
    } else if (a == "--connector") {
      std::size_t colon;
      if (!value(v) || (colon = v.find(':')) == std::string::npos || colon == 0 ||
          colon + 1 == v.size())
        return fail("--connector needs ID:SECRET");
      opt.connectors.push_back({v.substr(0, colon), v.substr(colon + 1), "default"});
    } else if (a == "--token-lifetime") {
      if (!value(v) || !to_int(v, n) || n <= 0) return fail("--token-lifetime needs seconds > 0");
      opt.access_token_lifetime = std::chrono::seconds(n);
    } else if (a == "--fault-header-without-token") {
      opt.fault_header_without_token = true;
    } else if (a == "--remote-callbacks") {
      opt.webhooks.allow_remote_callbacks = true;
    } else if (a == "--strict") {
      opt.strict = true;
    } else if (a == "--oauth-user") {
      if (!value(opt.oauth.user) || opt.oauth.user.size() < 7 || opt.oauth.user[0] != '+')
        return fail("--oauth-user needs a mobile number with country code, e.g. +911099999999");
    } else if (a == "--redirect-uri") {
      if (!value(v) || (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0))
        return fail("--redirect-uri needs an http:// or https:// URL");
      opt.oauth.redirect_uris.push_back(v);
    } else if (a == "--no-throttle") {
      opt.throttle.enabled = false;
    } else if (a == "--throttle") {
      long long m = 0;
      std::size_t slash;
      if (!value(v) || (slash = v.find('/')) == std::string::npos ||
          !to_int(v.substr(0, slash), n) || !to_int(v.substr(slash + 1), m) || n <= 0 || m <= 0)
        return fail("--throttle needs N/M (per connector / per tenant, per minute)");
      opt.throttle.per_connector_per_minute = static_cast<int>(n);
      opt.throttle.per_tenant_per_minute = static_cast<int>(m);
    } else if (a == "--admin-token") {
      if (!value(opt.admin_token) || opt.admin_token.empty())
        return fail("--admin-token needs a value");
    } else if (a == "--no-admin") {
      opt.admin_api = false;
    } else if (a == "--tls-cert") {
      if (!value(opt.tls_cert_file)) return fail("--tls-cert needs a file");
    } else if (a == "--tls-key") {
      if (!value(opt.tls_key_file)) return fail("--tls-key needs a file");
    } else {
      return fail("unknown argument " + std::string(a));
    }
  }
  if (opt.tls_cert_file.empty() != opt.tls_key_file.empty())
    return fail("--tls-cert and --tls-key go together");

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  kaizala::emulator::server emu(opt);
  auto port = emu.start();
  if (!port) {
    std::cerr << "kaizala-emulator: " << port.error().message << '\n';
    return 1;
  }
  std::cout << emu.base_url() << std::endl;  // flushed: scripts wait for this line
  print_banner(opt, emu.base_url());
  while (!stop_requested) {
    struct timespec ts = {0, 100'000'000};
    nanosleep(&ts, nullptr);
  }
  emu.stop();
  return 0;
}
