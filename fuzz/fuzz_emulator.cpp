// The emulator's request handling from raw HTTP bytes: what any local process can send to it.
//
// Input: the bytes of one connection (one or more requests), sent as they are to an emulator on
// 127.0.0.1 after these placeholders are filled, so that mutated requests get past auth:
//   @TOKEN@ an access token of a signed-in user   @REFRESH@ that user's refresh token
//   @GROUP@ a group the user administers          @SURVEY@ a survey posted in that group
//   @LEN@   (first one only) the length of everything after the first blank line
// The emulator is restarted every 2000 inputs, so its state stays small.
//
// Oracles, beyond "no crash, no leak, no UB" (in the emulator's threads too):
// - no answer is the emulator's 500 InternalError (an exception escaped a handler);
// - the connector secret is never in an answer (unless the input carried it);
// - the emulator answers or closes within 8 s (no hang; fault delays are skipped, see below).
//
// The process may connect only to the emulator itself: connect() and getaddrinfo() are replaced
// below, so a callBackUrl from the fuzzer never reaches the network or another local service.
#include "raw_http.hpp"

#include <kaizala/emulator/server.hpp>
#include <kaizala/kaizala.hpp>

#include <dlfcn.h>
#include <netdb.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace {

std::atomic<int> emulator_port{0};

[[noreturn]] void finding(const char* what, const std::string& input, const std::string& answer) {
  std::fprintf(stderr, "fuzz_emulator: %s\n  sent:     %.2000s\n  answered: %.2000s\n", what,
               input.c_str(), answer.c_str());
  std::abort();
}

[[noreturn]] void setup_failed(const char* step, const kaizala::error& e) {
  std::fprintf(stderr, "fuzz_emulator: setup failed at %s: %s\n", step, e.to_string().c_str());
  std::abort();
}

struct running_emulator {
  std::unique_ptr<kaizala::emulator::server> emu;
  std::string token, refresh, group, survey;
};

running_emulator start_emulator() {
  kaizala::emulator::options o;
  o.fixed_pin = "4821";
  o.log = [](std::string_view) {};
  o.throttle.per_connector_per_minute = 1'000'000;
  o.throttle.per_tenant_per_minute = 1'000'000;
  o.webhooks.validation_timeout = std::chrono::milliseconds(500);
  o.webhooks.delivery_timeout = std::chrono::milliseconds(500);
  o.webhooks.retries = 1;
  o.webhooks.backoff_base = std::chrono::milliseconds(1);
  running_emulator r;
  r.emu = std::make_unique<kaizala::emulator::server>(o);
  auto port = r.emu->start();
  if (!port) setup_failed("start", port.error());
  emulator_port = *port;

  kaizala::httplib_transport http;
  kaizala::context ctx;
  ctx.set_root("auth", r.emu->base_url() + "/v1");
  const std::string app(kaizala::emulator::demo_application_id), mobile = "+911099999999";
  if (auto p = kaizala::call<kaizala::ops::GeneratePin>(http, ctx, {mobile, app}); !p)
    setup_failed("GeneratePin", p.error());
  auto rt = kaizala::call<kaizala::ops::GetRefreshToken>(http, ctx, {mobile, app, 4821});
  if (!rt) setup_failed("GetRefreshToken", rt.error());
  auto at = kaizala::call<kaizala::ops::GenerateAccessToken>(
      http, ctx, {app, std::string(kaizala::emulator::demo_application_secret), rt->refreshToken});
  if (!at) setup_failed("GenerateAccessToken", at.error());
  ctx.set_variable("endpointUrl", at->endpointUrl).set_credential("accessToken", at->accessToken);
  r.token = at->accessToken;
  r.refresh = rt->refreshToken;

  kaizala::CreateGroupRequest g;
  g.name = "Fuzz group";
  g.welcomeMessage = "Welcome";
  g.members = std::vector<std::string>{"+911111111111"};
  auto made = kaizala::call<kaizala::ops::CreateGroup>(http, ctx, g);
  if (!made) setup_failed("CreateGroup", made.error());
  r.group = made->groupId;

  kaizala::SurveyBody body;
  body.title = "Fuzz survey";
  body.questions = {{"Your name?", kaizala::QuestionType::Text, {}, {}}};
  kaizala::SendSurveyRequest s;
  s.groupId = r.group;
  s.actionType = kaizala::ActionType::Survey;
  s.actionBody = kaizala::to_json_value(body);
  auto sent = kaizala::call<kaizala::ops::SendSurvey>(http, ctx, s);
  if (!sent) setup_failed("SendSurvey", sent.error());
  r.survey = sent->actionId.value_or("");
  return r;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != hay.end();
}

}  // namespace

// Only the emulator is reachable: a connect() anywhere else is refused, names other than numeric
// IPv4 and "localhost" do not resolve (no DNS traffic).
extern "C" int connect(int fd, const sockaddr* addr, socklen_t len) {
  using connect_fn = int (*)(int, const sockaddr*, socklen_t);
  static const auto real = reinterpret_cast<connect_fn>(dlsym(RTLD_NEXT, "connect"));
  bool allowed = addr != nullptr && addr->sa_family == AF_UNIX;
  if (addr != nullptr && addr->sa_family == AF_INET &&
      len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
    allowed = in->sin_addr.s_addr == htonl(INADDR_LOOPBACK) &&
              ntohs(in->sin_port) == emulator_port.load();
  }
  if (!allowed) {
    errno = ECONNREFUSED;
    return -1;
  }
  return real(fd, addr, len);
}

extern "C" int getaddrinfo(const char* node, const char* service, const addrinfo* hints,
                           addrinfo** res) {
  using getaddrinfo_fn = int (*)(const char*, const char*, const addrinfo*, addrinfo**);
  static const auto real = reinterpret_cast<getaddrinfo_fn>(dlsym(RTLD_NEXT, "getaddrinfo"));
  in_addr ignored{};
  if (node != nullptr && std::string_view(node) != "localhost" &&
      inet_pton(AF_INET, node, &ignored) != 1)
    return EAI_NONAME;
  return real(node, service, hints, res);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static running_emulator emu = start_emulator();
  static std::size_t runs = 0;
  if (++runs % 2000 == 0) {
    emu.emu.reset();
    emu = start_emulator();
  }

  std::string input(reinterpret_cast<const char*>(data), size);
  // A fault delay (X-Emulator-Fault: delay=N) sleeps on purpose; it is bounded by the emulator
  // and not what this harness looks for.
  if (contains_ci(input, "delay")) return 0;
  fuzz::replace_all(input, "@TOKEN@", emu.token);
  fuzz::replace_all(input, "@REFRESH@", emu.refresh);
  fuzz::replace_all(input, "@GROUP@", emu.group);
  fuzz::replace_all(input, "@SURVEY@", emu.survey);
  fuzz::fill_content_length(input);

  const std::string answer = fuzz::exchange(emulator_port, input, 8);
  if (answer.find("\"InternalError\"") != std::string::npos)
    finding("a handler threw (500 InternalError)", input, answer);
  const std::string_view secret = kaizala::emulator::demo_application_secret;
  if (input.find(secret) == std::string::npos && answer.find(secret) != std::string::npos)
    finding("the connector secret is in an answer", input, answer);
  return 0;
}
