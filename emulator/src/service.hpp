// The emulator's insides: server::impl holds the model, the switches and one typed handler per op
// (the generated kaizala::service interface).
// server.cpp routes and speaks HTTP; the handlers live in auth.cpp, oauth.cpp, groups.cpp,
// actions.cpp, reactions.cpp and webhooks.cpp; faults.cpp and throttle.cpp hold the switches.
#pragma once

#include "state.hpp"

#include <kaizala/emulator/server.hpp>
#include <kaizala/generated/all.hpp>
#include <kaizala/generated/service.hpp>
#include <kaizala/result.hpp>

#include <boost/json/value.hpp>

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace kaizala::emulator {

// An answer of the emulator's own making (errors, 308, 429) as a kaizala::error: http_status,
// message, service_code (errorCode) and service_category (errorCategoryKey).
kaizala::error api_error(int status, std::string code, std::string message);
// An id or name safe to quote in an error message: printable ASCII, at most 80 characters.
std::string quote_id(std::string_view s);

// Who is calling, and what the call did (filled by the dispatcher and the handlers).
struct call_context {
  std::string app;     // connector id
  std::string mobile;  // the signed-in user
  std::int64_t now = 0;
  bool changed = false;  // the model changed: persist it
  std::unique_lock<std::mutex>* lock =
      nullptr;  // held while a handler runs; a handler may release it briefly
};

// Sliding one-minute windows per connector and per tenant (docs/kaizala-api.md §11).
class throttle {
 public:
  // 0 when the call may go ahead (and is counted), else the seconds to wait.
  int admit(const throttle_options& t, const std::string& app, const std::string& tenant,
            std::int64_t now);

 private:
  std::map<std::string, std::deque<std::int64_t>> windows_;
};

// Parses an X-Emulator-Fault header value: "status=503;retry-after=2", "drop-before",
// "drop-after", "delay=2000", "truncate", "malformed".
kaizala::result<fault> parse_fault_header(std::string_view text);
// A fault in the X-Emulator-Fault syntax (what parse_fault_header reads back; op and times aside).
std::string fault_header_text(const fault& f);

// One pending webhook delivery.
struct delivery {
  std::string webhook_id;
  std::string body;
  int attempt = 0;       // attempts made so far
  std::int64_t due = 0;  // epoch ms on the emulator's clock (options::clock_ms)
};

struct server::impl final : kaizala::service<call_context> {
  explicit impl(options o);

  options opt;
  server* self = nullptr;  // the public face: the admin API calls its operator switches
  std::atomic<std::int64_t> clock_offset{0};  // ms added by server::advance_clock
  std::unique_ptr<httplib::Server> http;
  std::thread serve_thread;
  int port = 0;
  std::string base;  // "http://127.0.0.1:PORT"
  bool running = false;

  mutable std::mutex mu;  // guards everything below
  model::state st;
  struct pin_entry {
    std::string pin;
    std::int64_t issued = 0;
    bool used = false;
    int failures = 0;               // wrong PINs since the last lockout
    std::int64_t locked_until = 0;  // epoch ms; 0 = not locked
  };
  std::map<std::pair<std::string, std::string>, pin_entry> pins;  // (mobile, applicationId)
  // Drops PINs that are used or expired and not holding a lockout (auth.cpp).
  void purge_pins(std::int64_t now);
  struct oauth_code {
    std::string app, mobile, redirect_uri;
    std::int64_t expiry = 0;  // epoch ms; a code is also removed once used
  };
  std::map<std::string, oauth_code> oauth_codes;                // by code (oauth.cpp)
  std::deque<std::pair<std::string, std::size_t>> media_order;  // (id, bytes), oldest upload first
  std::size_t media_bytes = 0;                                  // decoded bytes in st.media_files
  std::string moved_to;
  std::vector<fault_stats::entry> fault_list;
  std::vector<int> fault_left;
  int header_faults = 0;
  std::map<std::string, int> calls;
  std::size_t grants = 0;
  throttle limiter;

  // Delay faults: how many requests sleep now, and the flag stop() raises to wake them (under hmu).
  std::mutex hmu;
  std::condition_variable halt_cv;
  int delayed = 0;
  bool halting = false;
  // Waits `d` (cut short by stop()). False, without
  // waiting, when max_delayed_requests already wait.
  bool delay(std::chrono::milliseconds d);

  // Webhook delivery worker.
  mutable std::mutex dmu;
  std::condition_variable dcv;
  std::deque<delivery> queue;
  bool stopping = false;
  std::thread worker;
  std::size_t attempts = 0, delivered = 0;                       // under dmu
  std::deque<webhook_delivery> delivery_log;                     // under dmu; the newest 1000
  void record_delivery(const delivery& d, int status, bool ok);  // call under dmu

  std::int64_t now_ms() const;
  std::string new_guid();            // random (CSPRNG); not a secret
  std::string new_token();           // 43 URL-safe base64 characters (258 bits) from the CSPRNG
  std::string new_pin();             // 4 digits from the CSPRNG, never a leading 0
  std::string endpoint_url() const;  // what GenerateAccessToken hands out
  const connector* find_connector(std::string_view app) const;
  void log_line(std::string_view line) const;

  // Persistence (state.cpp).
  kaizala::result<bool> load();
  // Writes the model to the state file (FILE.tmp, then renamed over FILE); start() calls it once so
  // an unwritable path is an error then, not a log line on every change.
  kaizala::maybe_error write_state();
  void save();  // write_state(), logging a failure

  // Model helpers (groups.cpp).
  model::user& user_for(const std::string& mobile);
  model::group* find_group(const std::string& id);
  const model::member* membership(const model::group& g, const std::string& mobile) const;
  kaizala::maybe_error need_member(const model::group& g, const call_context& c) const;
  kaizala::maybe_error need_admin(const model::group& g, const call_context& c) const;
  kaizala::Group render_group(const model::group& g, const call_context& c, bool details) const;
  std::string media_url(const std::string& media_resource) const;  // "" when not ours

  // Events (webhooks.cpp): queue deliveries for the webhooks that watch this event.
  void emit(kaizala::EventType type, const std::string& group_id, const std::string& action_id,
            const std::string& package_id, boost::json::value data, const call_context& c);
  void start_worker();
  void stop_worker();
  void run_worker();
  bool validate_callback(const std::string& url, std::string& why);
  // What SubscribeToAllEvents and UpdateWebhook check: the object exists and the caller is a member
  // of its group, the event types are known (at least one), the URL is http(s) on an allowed host.
  kaizala::maybe_error check_object(ObjectType type, const std::string& id, const call_context& c);
  kaizala::maybe_error check_event_types(const std::vector<open_enum<EventType>>& types) const;
  kaizala::maybe_error check_callback_url(const std::string& url) const;

  // One handler per op, overriding the generated interface (kaizala/generated/service.hpp): a
  // missing one leaves impl abstract and a misspelled one names no op: both are compile errors.
  kaizala::result<ops::GeneratePin::response> handle(ops::GeneratePin,
                                                     const ops::GeneratePin::request& req,
                                                     call_context& c) override;
  kaizala::result<ops::GetRefreshToken::response> handle(ops::GetRefreshToken,
                                                         const ops::GetRefreshToken::request& req,
                                                         call_context& c) override;
  kaizala::result<ops::GenerateAccessToken::response> handle(
      ops::GenerateAccessToken, const ops::GenerateAccessToken::request& req,
      call_context& c) override;
  kaizala::result<ops::CreateGroup::response> handle(ops::CreateGroup,
                                                     const ops::CreateGroup::request& req,
                                                     call_context& c) override;
  kaizala::result<ops::CreateSubgroup::response> handle(ops::CreateSubgroup,
                                                        const ops::CreateSubgroup::request& req,
                                                        call_context& c) override;
  kaizala::result<ops::AddSubgroup::response> handle(ops::AddSubgroup,
                                                     const ops::AddSubgroup::request& req,
                                                     call_context& c) override;
  kaizala::result<ops::FetchGroupDetails::response> handle(
      ops::FetchGroupDetails, const ops::FetchGroupDetails::request& req, call_context& c) override;
  kaizala::result<ops::FetchSubgroup::response> handle(ops::FetchSubgroup,
                                                       const ops::FetchSubgroup::request& req,
                                                       call_context& c) override;
  kaizala::result<ops::RemoveGroupAsSubgroup::response> handle(
      ops::RemoveGroupAsSubgroup, const ops::RemoveGroupAsSubgroup::request& req,
      call_context& c) override;
  kaizala::result<ops::FetchDirectGroups::response> handle(
      ops::FetchDirectGroups, const ops::FetchDirectGroups::request& req, call_context& c) override;
  kaizala::result<ops::AddMembers::response> handle(ops::AddMembers,
                                                    const ops::AddMembers::request& req,
                                                    call_context& c) override;
  kaizala::result<ops::FetchMembers::response> handle(ops::FetchMembers,
                                                      const ops::FetchMembers::request& req,
                                                      call_context& c) override;
  kaizala::result<ops::RemoveMembers::response> handle(ops::RemoveMembers,
                                                       const ops::RemoveMembers::request& req,
                                                       call_context& c) override;
  kaizala::result<ops::AddSubscribers::response> handle(ops::AddSubscribers,
                                                        const ops::AddSubscribers::request& req,
                                                        call_context& c) override;
  kaizala::result<ops::GetSubscribers::response> handle(ops::GetSubscribers,
                                                        const ops::GetSubscribers::request& req,
                                                        call_context& c) override;
  kaizala::result<ops::RemoveSubscribers::response> handle(
      ops::RemoveSubscribers, const ops::RemoveSubscribers::request& req, call_context& c) override;
  kaizala::result<ops::SendMessage::response> handle(ops::SendMessage,
                                                     const ops::SendMessage::request& req,
                                                     call_context& c) override;
  kaizala::result<ops::SendMessageToSubscriber::response> handle(
      ops::SendMessageToSubscriber, const ops::SendMessageToSubscriber::request& req,
      call_context& c) override;
  kaizala::result<ops::UploadMedia::response> handle(ops::UploadMedia,
                                                     const ops::UploadMedia::request& req,
                                                     call_context& c) override;
  kaizala::result<ops::SendSurvey::response> handle(ops::SendSurvey,
                                                    const ops::SendSurvey::request& req,
                                                    call_context& c) override;
  kaizala::result<ops::PostCustomActionSubscriber::response> handle(
      ops::PostCustomActionSubscriber, const ops::PostCustomActionSubscriber::request& req,
      call_context& c) override;
  kaizala::result<ops::PostingActionResponse::response> handle(
      ops::PostingActionResponse, const ops::PostingActionResponse::request& req,
      call_context& c) override;
  kaizala::result<ops::PostingSurveyResponse::response> handle(
      ops::PostingSurveyResponse, const ops::PostingSurveyResponse::request& req,
      call_context& c) override;
  kaizala::result<ops::FetchJobs::response> handle(ops::FetchJobs,
                                                   const ops::FetchJobs::request& req,
                                                   call_context& c) override;
  kaizala::result<ops::FetchingSurveyResponses::response> handle(
      ops::FetchingSurveyResponses, const ops::FetchingSurveyResponses::request& req,
      call_context& c) override;
  kaizala::result<ops::GetAllWebhooks::response> handle(ops::GetAllWebhooks,
                                                        const ops::GetAllWebhooks::request& req,
                                                        call_context& c) override;
  kaizala::result<ops::SubscribeToAllEvents::response> handle(
      ops::SubscribeToAllEvents, const ops::SubscribeToAllEvents::request& req,
      call_context& c) override;
  kaizala::result<ops::UnsubscribingAWebhook::response> handle(
      ops::UnsubscribingAWebhook, const ops::UnsubscribingAWebhook::request& req,
      call_context& c) override;
  kaizala::result<ops::UpdateWebhook::response> handle(ops::UpdateWebhook,
                                                       const ops::UpdateWebhook::request& req,
                                                       call_context& c) override;
  kaizala::result<ops::SetMemberRole::response> handle(ops::SetMemberRole,
                                                       const ops::SetMemberRole::request& req,
                                                       call_context& c) override;
  kaizala::result<ops::PostReaction::response> handle(ops::PostReaction,
                                                      const ops::PostReaction::request& req,
                                                      call_context& c) override;
  kaizala::result<ops::GetGroupReactionSummary::response> handle(
      ops::GetGroupReactionSummary, const ops::GetGroupReactionSummary::request& req,
      call_context& c) override;
  kaizala::result<ops::GetActionReactionSummary::response> handle(
      ops::GetActionReactionSummary, const ops::GetActionReactionSummary::request& req,
      call_context& c) override;
  kaizala::result<ops::GetReactionDetails::response> handle(
      ops::GetReactionDetails, const ops::GetReactionDetails::request& req,
      call_context& c) override;
  kaizala::result<ops::OAuthAuthorize::response> handle(ops::OAuthAuthorize,
                                                        const ops::OAuthAuthorize::request& req,
                                                        call_context& c) override;
  kaizala::result<ops::OAuthToken::response> handle(ops::OAuthToken,
                                                    const ops::OAuthToken::request& req,
                                                    call_context& c) override;

  // Shared by the action ops (actions.cpp).
  kaizala::result<std::string> create_action(const std::string& group_id, std::string type,
                                             std::string package_id, const boost::json::value& body,
                                             std::vector<std::string> targets, call_context& c);
  kaizala::result<std::string> add_response(const std::string& group_id,
                                            const std::string& action_id,
                                            const std::optional<std::string>& response_id,
                                            const boost::json::value& body, bool survey,
                                            call_context& c);
};

// Answers a request under admin_prefix (admin_api.cpp): access rule, routing, JSON in and out.
parsed_response answer_admin(server::impl& s, const parsed_request& req, std::string_view path);

// ISO-8601 UTC ("2017-12-20T08:33:51Z") of an epoch-ms time.
std::string iso8601(std::int64_t ms);
// Standard base64 (media bytes in the state file; mediaResource).
std::string base64_encode(std::string_view in);
std::optional<std::string> base64_decode(std::string_view in);
// "+" then 6 to 15 digits: what the emulator takes for a mobile number with country code.
bool is_mobile_number(std::string_view s);

}  // namespace kaizala::emulator
