// TLS against the emulator serving https: certificates are verified by default, a configured CA
// is trusted, a wrong host name is refused. The CA and certificates are made at test time
// (tests/support/test_certs.hpp).
#include "support/test_certs.hpp"

#include <kaizala/emulator/server.hpp>
#include <kaizala/session.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

namespace {

// The emulator serving https with the given certificate.
class tls_emulator {
 public:
  tls_emulator(const std::string& cert, const std::string& key) : emu_(make_options(cert, key)) {
    auto port = emu_.start();
    REQUIRE_MESSAGE(port.has_value(), (port ? "" : port.error().to_string()));
    port_ = *port;
  }
  std::string port() const { return std::to_string(port_); }
  std::string url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(port_) + "/v1";
  }

 private:
  static kaizala::emulator::options make_options(const std::string& cert, const std::string& key) {
    kaizala::emulator::options o;
    o.tls_cert_file = cert;
    o.tls_key_file = key;
    o.connectors = {{"app", "CANARY-tls-secret"}};
    o.log = [](std::string_view) {};
    return o;
  }
  kaizala::emulator::server emu_;
  int port_ = 0;
};

kaizala::result<kaizala::GenerateAccessTokenResponse> grant(
    const std::string& auth_url, kaizala::httplib_transport::options http) {
  kaizala::session_options opt;
  opt.application_id = "app";
  opt.application_secret = "CANARY-tls-secret";
  opt.refresh_token = "CANARY-tls-refresh";
  opt.auth_url = auth_url;
  opt.http = std::move(http);
  opt.retry.max_attempts = 1;
  opt.call_timeout = std::chrono::seconds(10);
  kaizala::session s(opt);
  // The emulator refuses this made-up refresh token (401) once the TLS handshake succeeded;
  // a transport error means the handshake itself failed.
  kaizala::GenerateAccessTokenRequest req{"app", "CANARY-tls-secret", "CANARY-tls-refresh"};
  return s.call<kaizala::ops::GenerateAccessToken>(req);
}

}  // namespace

TEST_CASE("https: refused by default, accepted with the CA configured") {
  test_support::test_certs certs;
  REQUIRE(certs.ok);
  tls_emulator server(certs.server_cert, certs.server_key);

  auto refused = grant(server.url(), {});  // the system store does not know our test CA
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().kind == kaizala::error_kind::transport);
  CHECK(refused.error().message.find(":" + server.port() + ": TLS certificate not trusted (") !=
        std::string::npos);
  CHECK(refused.error().message.find("CANARY") == std::string::npos);

  kaizala::httplib_transport::options trusted;
  trusted.ca_file = certs.ca;
  auto accepted = grant(server.url(), trusted);  // TLS accepted: the emulator itself answers
  REQUIRE_FALSE(accepted.has_value());
  CHECK(accepted.error().kind == kaizala::error_kind::http_status);
  CHECK(accepted.error().http_status == 401);
  CHECK(accepted.error().message.find("CANARY") == std::string::npos);

  auto by_name = grant(server.url("localhost"), trusted);  // the certificate names localhost too
  CHECK(by_name.error().http_status == 401);
}

TEST_CASE("https: a certificate for another host name is refused, even from a trusted CA") {
  test_support::test_certs certs;
  REQUIRE(certs.ok);
  tls_emulator server(certs.wrong_cert, certs.wrong_key);
  kaizala::httplib_transport::options trusted;
  trusted.ca_file = certs.ca;
  auto r = grant(server.url(), trusted);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::transport);
  CHECK(r.error().message.find(": TLS certificate does not name this host") != std::string::npos);

  kaizala::httplib_transport::options unchecked = trusted;
  unchecked.verify_tls = false;  // an explicit opt-out still works
  CHECK(grant(server.url(), unchecked).error().http_status == 401);
}

TEST_CASE("an unreadable CA file is a configuration error on the first attempt, never retried") {
  test_support::test_certs certs;
  REQUIRE(certs.ok);
  tls_emulator emu(certs.server_cert, certs.server_key);
  kaizala::session_options opt;
  opt.application_id = "app";
  opt.application_secret = "CANARY-tls-secret";
  opt.refresh_token = "CANARY-tls-refresh";
  opt.auth_url = emu.url();
  opt.http.ca_file = "/nonexistent/kaizala-test-ca.pem";
  opt.retry.max_attempts = 4;
  opt.idempotency = [](std::string_view, bool) { return true; };  // would be retried if transient
  opt.sleep = [](std::chrono::milliseconds) {};
  int attempts = 0;
  opt.on_call = [&](const kaizala::call_event&) { ++attempts; };
  kaizala::session s(opt);
  kaizala::GenerateAccessTokenRequest req{"app", "CANARY-tls-secret", "CANARY-tls-refresh"};
  auto r = s.call<kaizala::ops::GenerateAccessToken>(req);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().kind == kaizala::error_kind::invalid_request);
  CHECK(r.error().message.find("TLS configuration: cannot read the CA file") != std::string::npos);
  CHECK(attempts == 1);

  // A file that can be read but holds no certificate: httplib's SSLLoadingCerts.
  std::string not_a_ca = certs.ca + ".garbage";
  std::ofstream(not_a_ca) << "not a certificate\n";
  opt.http.ca_file = not_a_ca;
  attempts = 0;
  kaizala::session garbage(opt);
  auto g = garbage.call<kaizala::ops::GenerateAccessToken>(req);
  REQUIRE_FALSE(g.has_value());
  CHECK(g.error().kind == kaizala::error_kind::invalid_request);
  CHECK(g.error().message.find("TLS configuration: cannot load the CA certificates") !=
        std::string::npos);
  CHECK(attempts == 1);
  std::remove(not_a_ca.c_str());
}
