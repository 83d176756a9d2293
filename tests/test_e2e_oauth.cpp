// The OAuth 2.0 sign-in against the in-process emulator: OAuthAuthorize approves the configured
// user and redirects (302) to a registered redirect_uri with a code; OAuthToken trades the code,
// once and before it expires on the emulator's clock, for tokens that work on data calls.
#include "support/emulator_fixture.hpp"

#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <string>

using namespace kaizala;

namespace {

const std::string redirect = "http://127.0.0.1:9/oauth/done";

struct oauth_emulator {
  std::atomic<std::int64_t> now{1'700'000'000'000};
  emulator::server emu;
  httplib_transport http;
  context ctx;
  std::mutex log_mu;  // the server logs from its threads
  std::vector<std::string> logged;

  explicit oauth_emulator(std::string user = "+911777000111") : emu(options(std::move(user))) {
    REQUIRE(emu.start().has_value());
    ctx.set_root("oauth", emu.base_url() + "/api");
  }
  emulator::options options(std::string user) {
    auto o = test_support::quiet_options();
    o.clock_ms = [this] { return now.load(); };
    o.oauth.user = std::move(user);
    o.oauth.redirect_uris = {redirect};
    o.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lk(log_mu);
      logged.emplace_back(line);
    };
    return o;
  }
  // OAuthAuthorize's answer: the 302, as the error call<> returns for it.
  kaizala::error authorize(const std::string& uri = redirect) {
    auto r =
        call<ops::OAuthAuthorize>(http, ctx, {std::string(emulator::demo_application_id), uri});
    REQUIRE_FALSE(r.has_value());
    return r.error();
  }
  std::string code() {
    auto e = authorize();
    REQUIRE(e.http_status == 302);
    REQUIRE(e.location.rfind(redirect + "?code=", 0) == 0);
    return e.location.substr(redirect.size() + 6);
  }
  result<OAuthTokenResponse> token(
      const std::string& code,
      std::string secret = std::string(emulator::demo_application_secret)) {
    return call<ops::OAuthToken>(
        http, ctx, {std::string(emulator::demo_application_id), std::move(secret), code});
  }
};

}  // namespace

TEST_CASE("authorize redirects with a code; the code buys tokens that work on data calls") {
  oauth_emulator o;
  std::string code = o.code();
  CHECK(code.size() >= 40);
  auto t = o.token(code);
  REQUIRE_MESSAGE(t.has_value(), (t ? "" : t.error().to_string()));
  CHECK(t->endpointUrl == o.emu.base_url());
  CHECK(t->accessTokenExpiry > o.now.load());
  CHECK_FALSE(t->refreshToken.value_or("").empty());

  // The access token is the configured user's.
  context data;
  data.set_variable("endpointUrl", t->endpointUrl).set_credential("accessToken", t->accessToken);
  auto g = call<ops::CreateGroup>(o.http, data, {"OAuth group", "hi", {}, {}});
  REQUIRE_MESSAGE(g.has_value(), (g ? "" : g.error().to_string()));
  auto members = call<ops::FetchMembers>(o.http, data, {g->groupId});
  REQUIRE(members.has_value());
  REQUIRE(members->members.size() == 1);
  CHECK(members->members[0].mobileNumber == "+911777000111");

  // The refresh token works with GenerateAccessToken, like the PIN login's.
  context auth;
  auth.set_root("auth", o.emu.base_url() + "/v1");
  auto again = call<ops::GenerateAccessToken>(
      o.http, auth,
      {std::string(emulator::demo_application_id), std::string(emulator::demo_application_secret),
       *t->refreshToken});
  CHECK(again.has_value());

  // Neither the code nor the secret reached the log.
  std::lock_guard<std::mutex> lk(o.log_mu);
  for (const auto& line : o.logged) {
    CHECK(line.find(code) == std::string::npos);
    CHECK(line.find(emulator::demo_application_secret) == std::string::npos);
  }
}

TEST_CASE("a code is single-use and short-lived, and needs the connector's secret") {
  oauth_emulator o;
  std::string code = o.code();
  auto wrong = o.token(code, "not-the-secret-42");
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().http_status == 401);
  CHECK(wrong.error().to_string().find("not-the-secret-42") == std::string::npos);
  CHECK(wrong.error().to_string().find(code) == std::string::npos);

  REQUIRE(o.token(code).has_value());
  auto reused = o.token(code);
  REQUIRE_FALSE(reused.has_value());
  CHECK(reused.error().http_status == 400);
  CHECK(reused.error().service_code == "InvalidGrant");

  std::string late = o.code();
  o.now += 10 * 60 * 1000;  // the default lifetime, 10 minutes
  auto expired = o.token(late);
  REQUIRE_FALSE(expired.has_value());
  CHECK(expired.error().service_code == "InvalidGrant");
}

TEST_CASE("authorize refuses an unregistered redirect_uri, an unknown client, and no user") {
  oauth_emulator o;
  auto e = o.authorize("http://127.0.0.1:9/elsewhere");
  CHECK(e.http_status == 400);
  CHECK(e.service_code == "InvalidRedirectUri");
  CHECK(e.location.empty());
  auto unknown = call<ops::OAuthAuthorize>(o.http, o.ctx, {"no-such-connector", redirect});
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().http_status == 400);

  oauth_emulator nobody("");
  auto refused = nobody.authorize();
  CHECK(refused.http_status == 403);
  CHECK(refused.location.empty());
}
