// kaizala-cli login / logout: GeneratePin -> the PIN -> GetRefreshToken -> GenerateAccessToken, and
// the profile that keeps the result (profile.hpp).
#include "operations.hpp"
#include "profile.hpp"
#include "secret_input.hpp"
#include "suggest.hpp"
#include "wire.hpp"

#include <kaizala/call.hpp>
#include <kaizala/generated/auth.hpp>
#include <kaizala/httplib_transport.hpp>
#include <kaizala/url.hpp>

#include <cstdio>
#include <iostream>
#include <ostream>

namespace kaizala::cli {
namespace {

int usage(std::ostream& err, const std::string& message) {
  err << "error: " << message << '\n';
  return exit_usage;
}

int failed(std::ostream& err, const char* step, const error& e) {
  err << "error: login: " << step << ": " << e.to_string() << '\n';
  return exit_failed;
}

// Every option must be one `command` takes.
bool check_options(const command_line& line, const std::vector<std::string_view>& known,
                   const char* command, std::ostream& err) {
  for (const auto& o : line.options) {
    bool ok = false;
    for (auto k : known) ok = ok || k == o.name;
    if (!ok) {
      usage(err,
            std::string(command) + ": unknown option --" + o.name + did_you_mean(o.name, known));
      return false;
    }
    if (!o.has_value) {
      usage(err, "--" + o.name + " needs a value");
      return false;
    }
  }
  return true;
}

}  // namespace

const std::vector<std::string_view>& login_option_names() {
  static const std::vector<std::string_view> names = {"mobileNumber", "applicationId", "pin-file",
                                                      "secret-file", "profile"};
  return names;
}

const std::vector<std::string_view>& logout_option_names() {
  static const std::vector<std::string_view> names = {"profile"};
  return names;
}

std::string login_hint(const std::string& name) {
  return "kaizala-cli login --mobileNumber +91... --applicationId <connector id> [--base URL]" +
         (name == "default" ? std::string() : " --profile " + name);
}

int login_command(const command_line& line, streams io) {
  if (!check_options(line, login_option_names(), "login", io.err)) return exit_usage;
  if (line.words.size() > 1) return usage(io.err, "login: unexpected \"" + line.words[1] + "\"");
  const option* mobile = line.find("mobileNumber");
  const option* app = line.find("applicationId");
  if (mobile == nullptr || app == nullptr)
    return usage(io.err,
                 "login needs --mobileNumber and --applicationId: " + login_hint("default"));
  const option* given_profile = line.find("profile");
  std::string name = profile_name(given_profile ? &given_profile->value : nullptr), problem;
  std::string path = profile_path(name, problem);
  if (path.empty()) return usage(io.err, problem);

  const std::optional<std::string>& base = line.auth_base ? line.auth_base : line.base;
  context ctx;
  std::string auth_base;
  if (base) {
    if (base->rfind("http://", 0) != 0 && base->rfind("https://", 0) != 0)
      return usage(io.err, "--base: expected an http:// or https:// URL");
    auth_base = *base;
    ctx.set_root(std::string(ops::GeneratePin::root),
                 root_from_base(*base, ops::GeneratePin::root_url));
  }

  // The secret before the PIN is sent, so that a missing one costs no text message.
  const option* secret_file = line.find("secret-file");
  std::string secret;
  if (!read_secret({"KAIZALA_APPLICATION_SECRET", secret_file ? &secret_file->value : nullptr,
                    "Connector secret (applicationSecret): ", nullptr, &io.in == &std::cin},
                   secret, problem))
    return usage(io.err, "login needs the connector secret (" + problem +
                             "): set KAIZALA_APPLICATION_SECRET, give --secret-file FILE, or run "
                             "on a terminal to be asked");
  io.secrets.push_back(secret);

  httplib_transport http;
  wire_settings wire;
  wire.trace = line.debug ? &io.err : nullptr;
  wire.secret_names = credential_names();
  for (const auto& text : line.headers) {
    header_argument h = parse_header_argument(text);
    if (!h.error.empty()) return usage(io.err, h.error);
    wire.extra_headers.emplace_back(std::move(h.name), std::move(h.value));
  }
  wire_transport sender(http, wire);

  GeneratePinRequest pin_req;
  pin_req.mobileNumber = mobile->value;
  pin_req.applicationId = app->value;
  if (auto r = call<ops::GeneratePin>(sender, ctx, pin_req); !r)
    return failed(io.err, "GeneratePin", r.error());

  const option* pin_file = line.find("pin-file");
  std::string pin_text;
  if (!read_secret({"KAIZALA_PIN", pin_file ? &pin_file->value : nullptr,
                    "PIN sent to your phone: ", &io.in, &io.in == &std::cin},
                   pin_text, problem))
    return usage(io.err, "login needs the PIN (" + problem +
                             "): type it when asked, or give it on standard input, in "
                             "KAIZALA_PIN or with --pin-file FILE");
  std::int32_t pin = 0;
  bool digits = !pin_text.empty() && pin_text.size() <= 9;
  for (char c : pin_text) digits = digits && c >= '0' && c <= '9';
  if (!digits) return usage(io.err, "the PIN is digits only");
  pin = static_cast<std::int32_t>(std::stol(pin_text));

  GetRefreshTokenRequest login_req;
  login_req.mobileNumber = mobile->value;
  login_req.applicationId = app->value;
  login_req.pin = pin;
  auto granted = call<ops::GetRefreshToken>(sender, ctx, login_req);
  if (!granted) return failed(io.err, "GetRefreshToken", granted.error());
  io.secrets.push_back(granted->refreshToken);

  GenerateAccessTokenRequest token_req;
  token_req.applicationId = app->value;
  token_req.applicationSecret = secret;
  token_req.refreshToken = granted->refreshToken;
  auto token = call<ops::GenerateAccessToken>(sender, ctx, token_req);
  if (!token) return failed(io.err, "GenerateAccessToken", token.error());
  io.secrets.push_back(token->accessToken);

  profile p;
  p.endpoint = token->endpointUrl;
  p.auth_base = auth_base;
  p.application_id = app->value;
  p.mobile_number = mobile->value;
  p.refresh_token = token->refreshToken && !token->refreshToken->empty() ? *token->refreshToken
                                                                         : granted->refreshToken;
  p.access_token = token->accessToken;
  p.access_token_expiry = token->accessTokenExpiry;
  if (!save_profile(path, p, problem)) {
    io.err << "error: login: cannot save the profile: " << problem << '\n';
    return exit_failed;
  }
  io.out << "Logged in as " << p.mobile_number << "; profile \"" << name << "\" saved in " << path
         << " (endpoint " << p.endpoint << ")\n";
  return exit_ok;
}

int logout_command(const command_line& line, streams io) {
  if (!check_options(line, logout_option_names(), "logout", io.err)) return exit_usage;
  const option* given_profile = line.find("profile");
  std::string name = profile_name(given_profile ? &given_profile->value : nullptr), problem;
  std::string path = profile_path(name, problem);
  if (path.empty()) return usage(io.err, problem);
  if (std::remove(path.c_str()) != 0) {
    io.err << "error: logout: no profile \"" << name << "\" (" << path << ")\n";
    return exit_failed;
  }
  io.out << "Profile \"" << name << "\" removed (" << path << ")\n";
  return exit_ok;
}

}  // namespace kaizala::cli
