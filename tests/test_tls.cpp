// TLS against the emulator serving https: certificates are verified by default, a configured CA
// is trusted, a wrong host name is refused. The CA and certificates are made at test time
// (tests/support/test_certs.hpp).
#include "support/test_certs.hpp"

#include <kaizala/emulator/server.hpp>
#include <kaizala/session.hpp>

#include <doctest/doctest.h>


namespace {

// The emulator serving https with the given certificate.
class tls_emulator {
 public:
  tls_emulator(const std::string& cert, const std::string& key) : emu_(make_options(cert, key)) {
    auto port = emu_.start();
    REQUIRE_MESSAGE(port.has_value(), (port ? "" : port.error().to_string()));
    port_ = *port;
  }
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

kaizala::result<kaizala::GenerateAccessTokenResponse> grant(const std::string& auth_url,
                                                            kaizala::httplib_transport::options http) {
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
  CHECK(refused.error().message.find("SSL") != std::string::npos);
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

  kaizala::httplib_transport::options unchecked = trusted;
  unchecked.verify_tls = false;  // an explicit opt-out still works
  CHECK(grant(server.url(), unchecked).error().http_status == 401);
}
