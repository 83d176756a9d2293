// kaizala::webhook_receiver from raw HTTP bytes: what anyone who can reach its port can send.
//
// Input: the bytes of one connection, sent as they are to a receiver on 127.0.0.1 whose callback
// token is "fuzz-callback-token"; the first "@LEN@" becomes the length of what follows the first
// blank line. Each event handed to the application is read as the data type its eventType names.
//
// Oracles, beyond "no crash, no leak, no UB":
// - no event reaches the application unless the input carried the callback token;
// - the receiver answers or closes within 8 s.
#include "raw_http.hpp"

#include <kaizala/webhook.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view callback_token = "fuzz-callback-token";
std::atomic<long> events{0};

// What an application does with an event: read its data as the documented type.
void use(const kaizala::Event& e) {
  using kaizala::EventType;
  if (e.eventType == EventType::TextMessageCreated)
    (void)kaizala::event_data<kaizala::TextMessageCreatedData>(e);
  else if (e.eventType == EventType::AttachmentCreated)
    (void)kaizala::event_data<kaizala::AttachmentCreatedData>(e);
  else if (e.eventType == EventType::Announcement)
    (void)kaizala::event_data<kaizala::AnnouncementData>(e);
  else if (e.eventType == EventType::JobCreated)
    (void)kaizala::event_data<kaizala::JobCreatedData>(e);
  else if (e.eventType == EventType::JobResponse)
    (void)kaizala::event_data<kaizala::JobResponseData>(e);
  else if (e.eventType == EventType::SurveyResponse)
    (void)kaizala::event_data<kaizala::SurveyResponseData>(e);
  else if (e.eventType == EventType::ActionCreated)
    (void)kaizala::event_data<kaizala::ActionCreatedData>(e);
  else if (e.eventType == EventType::MemberAdded || e.eventType == EventType::MemberRemoved)
    (void)kaizala::event_data<kaizala::MemberEventData>(e);
  else
    (void)kaizala::event_data<kaizala::GroupEventData>(e);
}

kaizala::webhook_receiver& receiver() {
  static kaizala::webhook_receiver* r = [] {
    kaizala::webhook_receiver::options opt;
    opt.callback_token = std::string(callback_token);
    opt.remembered_events = 64;
    auto* made = new kaizala::webhook_receiver(opt, [](const kaizala::Event& e) {
      ++events;
      use(e);
    });
    if (auto port = made->start(); !port) {
      std::fprintf(stderr, "fuzz_webhook: %s\n", port.error().to_string().c_str());
      std::abort();
    }
    return made;
  }();
  return *r;
}

int port_of(const kaizala::webhook_receiver& r) {
  const std::string url = r.url();  // http://127.0.0.1:PORT/path
  return std::atoi(url.c_str() + url.find(':', 5) + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const int port = port_of(receiver());
  std::string input(reinterpret_cast<const char*>(data), size);
  fuzz::fill_content_length(input);
  const long before = events.load();
  const std::string answer = fuzz::exchange(port, input, 8);
  if (input.find(callback_token) == std::string::npos && events.load() != before) {
    std::fprintf(stderr,
                 "fuzz_webhook: an event without the callback token reached the application\n  "
                 "sent: %.2000s\n",
                 input.c_str());
    std::abort();
  }
  return 0;
}
