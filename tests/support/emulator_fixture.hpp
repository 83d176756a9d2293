// An in-process Kaizala emulator on 127.0.0.1 (a free port), signed in through the real auth flow
// (GeneratePin -> GetRefreshToken -> GenerateAccessToken), with a kaizala::context ready for data
// calls. Started and stopped by RAII.
//
//   test_support::emulator_fixture f;
//   auto g = kaizala::call<kaizala::ops::CreateGroup>(f.http, f.ctx, req);
#pragma once

#include <kaizala/emulator/server.hpp>
#include <kaizala/kaizala.hpp>

#include <doctest/doctest.h>

#include <string>

namespace test_support {

inline kaizala::emulator::options quiet_options() {
  kaizala::emulator::options o;
  o.fixed_pin = "4821";
  o.log = [](std::string_view) {};
  return o;
}

struct signed_in {
  kaizala::context ctx;
  std::string refresh_token, access_token, endpoint_url;
};

class emulator_fixture {
 public:
  explicit emulator_fixture(kaizala::emulator::options o = quiet_options(),
                            std::string mobile = "+911099999999")
      : emu(std::move(o)) {
    auto port = emu.start();
    REQUIRE_MESSAGE(port.has_value(), (port ? "" : port.error().to_string()));
    auto s = sign_in(mobile);
    ctx = s.ctx;
    access_token = s.access_token;
    refresh_token = s.refresh_token;
  }

  // Runs the auth flow for `mobile` with the demo connector.
  signed_in sign_in(const std::string& mobile) {
    signed_in out;
    out.ctx.set_root("auth", emu.base_url() + "/v1");
    const std::string app(kaizala::emulator::demo_application_id);
    auto pin = kaizala::call<kaizala::ops::GeneratePin>(http, out.ctx, {mobile, app});
    REQUIRE_MESSAGE(pin.has_value(), (pin ? "" : pin.error().to_string()));
    auto the_pin = emu.last_pin(mobile, app);
    REQUIRE(the_pin.has_value());
    auto rt = kaizala::call<kaizala::ops::GetRefreshToken>(http, out.ctx,
                                                           {mobile, app, std::stoi(*the_pin)});
    REQUIRE_MESSAGE(rt.has_value(), (rt ? "" : rt.error().to_string()));
    auto at = kaizala::call<kaizala::ops::GenerateAccessToken>(
        http, out.ctx,
        {app, std::string(kaizala::emulator::demo_application_secret), rt->refreshToken});
    REQUIRE_MESSAGE(at.has_value(), (at ? "" : at.error().to_string()));
    out.refresh_token = rt->refreshToken;
    out.access_token = at->accessToken;
    out.endpoint_url = at->endpointUrl;
    out.ctx.set_variable("endpointUrl", at->endpointUrl)
        .set_credential("accessToken", at->accessToken);
    return out;
  }

  kaizala::emulator::server emu;
  kaizala::httplib_transport http;
  kaizala::context ctx;
  std::string access_token, refresh_token;
};

}  // namespace test_support
