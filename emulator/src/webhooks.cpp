// Webhooks (docs/kaizala-api.md §16): the three ops, the validation handshake, and event
// delivery on a background worker with bounded retries and auto-disable.
#include "service.hpp"

#include <kaizala/detail/ascii_text.hpp>
#include <kaizala/json.hpp>

#include <httplib.h>

#include <algorithm>
#include <cctype>

namespace kaizala::emulator {

namespace {

struct split_url {
  std::string origin, target;  // "http://127.0.0.1:9000", "/hook?x=1"
};

std::optional<split_url> split_callback(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::string_view s = url.substr(0, scheme);
  if (s != "http" && s != "https") return std::nullopt;
  std::size_t path = url.find_first_of("/?", scheme + 3);
  if (path == scheme + 3) return std::nullopt;
  for (char ch : url)
    if (static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7f) return std::nullopt;
  split_url out;
  out.origin = std::string(url.substr(0, path));
  out.target = path == std::string_view::npos ? "/" : std::string(url.substr(path));
  if (out.target[0] == '?') out.target.insert(0, "/");
  return out;
}

std::unique_ptr<httplib::Client> client_for(const split_url& u, std::chrono::milliseconds timeout) {
  auto cli = std::make_unique<httplib::Client>(u.origin);
  cli->set_connection_timeout(timeout);
  cli->set_read_timeout(timeout);
  cli->set_write_timeout(timeout);
  cli->set_follow_location(false);
  cli->set_tcp_nodelay(true);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  cli->enable_server_certificate_verification(false);  // local receivers use throwaway certificates
#endif
  return cli;
}

// The host of "http://HOST:PORT" or "http://[v6]:PORT", lower-cased.
std::string host_of(std::string_view origin) {
  std::string_view rest = origin.substr(origin.find("://") + 3);
  rest = rest.substr(rest.rfind('@') == std::string_view::npos ? 0 : rest.rfind('@') + 1);
  if (rest.empty()) return {};
  std::string_view host =
      rest[0] == '[' ? rest.substr(0, rest.find(']') + 1) : rest.substr(0, rest.find(':'));
  std::string out(host);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool is_loopback(const std::string& host) {
  if (host == "localhost" || host == "[::1]") return true;
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char ch : host) {
    if (ch == '.')
      ++dots;
    else if (ch < '0' || ch > '9')
      return false;
  }
  return dots == 3;
}

// How long retry `n` (1-based) waits: backoff_base * 2^(n-1), the base derived from retry_window
// when not set, so that the last of `retries` retries falls at the window's end (§16.4).
std::int64_t retry_delay_ms(const webhook_options& w, int n) {
  std::int64_t base = w.backoff_base.count();
  if (base <= 0) {
    int shift = std::clamp(w.retries, 1, 30);
    base = std::max<std::int64_t>(1, w.retry_window.count() / ((std::int64_t{1} << shift) - 1));
  }
  return base * (std::int64_t{1} << std::clamp(n - 1, 0, 30));
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

bool server::impl::validate_callback(const std::string& url, std::string& why) {
  auto u = split_callback(url);
  if (!u) return (why = "not an absolute http(s) URL"), false;
  std::string token;
  {
    std::lock_guard<std::mutex> lk(mu);
    token = new_token();
  }
  auto cli = client_for(*u, opt.webhooks.validation_timeout);
  std::string target = u->target + (u->target.find('?') == std::string::npos ? "?" : "&") +
                       "validationToken=" + token;
  auto res = cli->Get(target);
  if (!res)
    return (why = "no answer to GET ?validationToken= (" + httplib::to_string(res.error()) + ")"),
           false;
  if (res->status < 200 || res->status > 299)
    return (why = "GET ?validationToken= answered HTTP " + std::to_string(res->status)), false;
  if (trim(res->body) != token)
    return (why = "the answer's body is not the validation token"), false;
  return true;
}

void server::impl::emit(EventType type, const std::string& group_id, const std::string& action_id,
                        const std::string& package_id, boost::json::value data,
                        const call_context& c) {
  std::string_view type_name = meta::enum_info<EventType>::names[static_cast<std::size_t>(type)];
  std::vector<delivery> out;
  for (const auto& [id, w] : st.webhooks) {
    if (!w.active || w.validity <= c.now) continue;
    if (std::none_of(w.events.begin(), w.events.end(),
                     [&](const std::string& e) { return detail::iequals(e, type_name); }))
      continue;
    bool match =
        (w.object_type == ObjectType::Group && w.object_id == group_id) ||
        (w.object_type == ObjectType::Action && !action_id.empty() && w.object_id == action_id) ||
        (w.object_type == ObjectType::ActionPackage && !package_id.empty() &&
         w.object_id == package_id);
    if (!match) continue;
    Event e;
    e.objectId = w.object_id;
    if (w.object_type) e.objectType = *w.object_type;
    e.eventType = type;
    e.eventId = new_guid();
    e.data = data;
    if (!w.context.empty()) e.context = w.context;
    const model::user& u = user_for(c.mobile);
    e.fromUser = u.mobile;
    e.fromUserId = u.id;
    e.fromUserName = u.name;
    e.fromUserProfilePic = "";
    out.push_back({id, to_json(e), 0, c.now});
  }
  if (out.empty()) return;
  std::size_t dropped = 0;
  {
    std::lock_guard<std::mutex> lk(dmu);
    for (auto& d : out) {
      for (int copy = opt.webhooks.duplicate_delivery ? 2 : 1; copy > 0; --copy) {
        if (queue.size() >= opt.webhooks.max_queued_deliveries) {
          ++dropped;  // a receiver that never answers must not make the queue grow without bound
          continue;
        }
        queue.push_back(d);
      }
    }
  }
  dcv.notify_one();
  if (dropped > 0)
    log_line("webhook delivery queue full (" + std::to_string(opt.webhooks.max_queued_deliveries) +
             "): " + std::to_string(dropped) + " deliveries dropped");
}

void server::impl::record_delivery(const delivery& d, int status, bool ok) {
  if (delivery_log.size() >= 1000) delivery_log.pop_front();
  delivery_log.push_back({d.webhook_id, d.attempt + 1, status, ok, now_ms()});
}

void server::impl::start_worker() {
  stopping = false;
  worker = std::thread([this] { run_worker(); });
}

void server::impl::stop_worker() {
  {
    std::lock_guard<std::mutex> lk(dmu);
    stopping = true;
    queue.clear();
  }
  dcv.notify_all();
  if (worker.joinable()) worker.join();
}

// Due times are on the emulator's clock, which a test may move on at will: the worker looks again
// at least every 50 ms instead of sleeping until a due time the clock may jump past.
void server::impl::run_worker() {
  constexpr std::int64_t poll_ms = 50;
  std::unique_lock<std::mutex> lk(dmu);
  while (!stopping) {
    if (queue.empty()) {
      dcv.wait(lk);
      continue;
    }
    auto next =
        std::min_element(queue.begin(), queue.end(),
                         [](const delivery& a, const delivery& b) { return a.due < b.due; });
    if (std::int64_t wait = next->due - now_ms(); wait > 0) {
      dcv.wait_for(lk, std::chrono::milliseconds(std::min(wait, poll_ms)));
      continue;
    }
    delivery d = std::move(*next);
    queue.erase(next);
    lk.unlock();

    std::string url, token;
    bool live = false;
    {
      std::lock_guard<std::mutex> g(mu);
      auto it = st.webhooks.find(d.webhook_id);
      live = it != st.webhooks.end() && it->second.active;  // unsubscribed or disabled: drop it
      if (live) url = it->second.url, token = it->second.token;
    }
    bool ok = false;
    int status = 0;
    if (live) {
      if (auto u = split_callback(url)) {
        auto cli = client_for(*u, opt.webhooks.delivery_timeout);
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("kz-callback-token", token);
        auto res = cli->Post(u->target, headers, d.body, "application/json; charset=utf-8");
        ok = res && res->status >= 200 && res->status <= 299;
        if (res) status = res->status;
      }
    }
    lk.lock();
    if (!live) continue;
    ++attempts;
    record_delivery(d, status, ok);
    if (ok) {
      ++delivered;
      continue;
    }
    if (++d.attempt > opt.webhooks.retries) {
      lk.unlock();
      {
        std::lock_guard<std::mutex> g(mu);
        if (auto it = st.webhooks.find(d.webhook_id); it != st.webhooks.end()) {
          // Auto-disabled after the last retry (docs/kaizala-api.md §16.4).
          it->second.active = false;
          save();
        }
      }
      log_line("webhook " + d.webhook_id + " disabled after " + std::to_string(d.attempt) +
               " failed deliveries");
      lk.lock();
      continue;
    }
    d.due = now_ms() + retry_delay_ms(opt.webhooks, d.attempt);
    queue.push_back(std::move(d));
  }
}

kaizala::maybe_error server::impl::check_object(ObjectType type, const std::string& id,
                                                const call_context& c) {
  if (type == ObjectType::Group) {
    model::group* g = find_group(id);
    if (g == nullptr)
      return api_error(404, "GroupNotFound", "group " + quote_id(id) + " not found");
    return need_member(*g, c);
  }
  if (type == ObjectType::Action) {
    auto it = st.actions.find(id);
    if (it == st.actions.end())
      return api_error(404, "ActionNotFound", "action " + quote_id(id) + " not found");
    return need_member(st.groups[it->second.group_id], c);
  }
  return {};
}

kaizala::maybe_error server::impl::check_event_types(
    const std::vector<open_enum<EventType>>& types) const {
  if (types.empty()) return api_error(400, "BadRequest", "eventTypes: at least one event type");
  for (std::size_t i = 0; i < types.size(); ++i)
    if (!types[i].known())
      return api_error(400, "BadRequest",
                       "eventTypes[" + std::to_string(i) + "]: unknown event type");
  return {};
}

kaizala::maybe_error server::impl::check_callback_url(const std::string& url) const {
  auto callback = split_callback(url);
  if (!callback)
    return api_error(400, "BadRequest", "callBackUrl: expected an absolute http(s) URL");
  if (!opt.webhooks.allow_remote_callbacks && !is_loopback(host_of(callback->origin)))
    return api_error(
        400, "BadRequest",
        "callBackUrl: this emulator calls back only loopback hosts (127.0.0.1, localhost, [::1]); "
        "start it with --remote-callbacks to allow others");
  return {};
}

kaizala::result<SubscribeToAllEventsResponse> server::impl::handle(
    ops::SubscribeToAllEvents, const SubscribeToAllEventsRequest& req, call_context& c) {
  if (!req.objectType.known())
    return api_error(400, "BadRequest", "objectType: expected Group, Action or ActionPackage");
  if (auto e = check_object(req.objectType.value(), req.objectId, c)) return std::move(*e);
  if (auto e = check_event_types(req.eventTypes)) return std::move(*e);
  if (auto e = check_callback_url(req.callBackUrl)) return std::move(*e);
  std::int64_t validity = req.validity.value_or(c.now + 2 * 365 * 24 * 3'600'000LL);
  if (validity <= c.now)
    return api_error(400, "BadRequest", "validity: must be in the future (epoch ms)");

  // The handshake calls out: never with the state locked (the receiver may call us back).
  c.lock->unlock();
  std::string why;
  bool valid = validate_callback(req.callBackUrl, why);
  c.lock->lock();
  if (!valid)
    return api_error(400, "CallbackValidationFailed", "callBackUrl: validation failed: " + why);

  model::webhook w;
  w.id = new_guid();
  w.object_id = req.objectId;
  w.object_type = req.objectType.value();  // known: checked above
  w.owner_app = c.app;
  for (const auto& e : req.eventTypes) w.events.emplace_back(to_string(e));
  w.url = req.callBackUrl;
  w.token = req.callBackToken.value_or("");
  w.context = req.callBackContext.value_or("");
  w.ts = c.now;
  w.validity = validity;
  st.webhooks[w.id] = w;
  c.changed = true;
  SubscribeToAllEventsResponse out;
  out.webhookId = w.id;
  return out;
}

kaizala::result<GetAllWebhooksResponse> server::impl::handle(ops::GetAllWebhooks,
                                                             const GetAllWebhooksRequest& req,
                                                             call_context& c) {
  if (req.objectType == ObjectType::Group) {
    model::group* g = find_group(req.objectId);
    if (g == nullptr)
      return api_error(404, "GroupNotFound", "group " + quote_id(req.objectId) + " not found");
    if (auto e = need_member(*g, c)) return std::move(*e);
  }
  GetAllWebhooksResponse out;
  for (const auto& [id, w] : st.webhooks) {
    if (w.object_id != req.objectId || !req.objectType.known() ||
        w.object_type != req.objectType.value() || w.owner_app != c.app)
      continue;
    Webhook item;
    item.id = w.id;
    item.objectId = w.object_id;
    item.objectType = req.objectType;
    std::vector<open_enum<EventType>> events;
    for (const auto& e : w.events) {
      if (auto ev = from_json_value<open_enum<EventType>>(boost::json::value(e)))
        events.push_back(*ev);
    }
    item.events = events;
    item.filters = boost::json::array();
    item.callbackUrl = w.url;
    item.callbackToken = w.token;
    if (!w.context.empty()) item.callBackContext = w.context;
    item.ts = w.ts;
    item.validity = w.validity;
    item.active = w.active;
    out.webhooks.push_back(std::move(item));
  }
  return out;
}

kaizala::result<boost::json::value> server::impl::handle(ops::UnsubscribingAWebhook,
                                                         const UnsubscribingAWebhookRequest& req,
                                                         call_context& c) {
  auto it = st.webhooks.find(req.webhookId);
  if (it == st.webhooks.end() || it->second.owner_app != c.app)
    return api_error(404, "WebhookNotFound", "webhook " + quote_id(req.webhookId) + " not found");
  st.webhooks.erase(it);  // queued deliveries find it gone and are dropped
  c.changed = true;
  return boost::json::value{{"result", true}};
}

// Any subset of the subscription's fields; active true re-enables a webhook the retries disabled
// (docs/kaizala-api.md §17.1).
kaizala::result<boost::json::value> server::impl::handle(ops::UpdateWebhook,
                                                         const UpdateWebhookRequest& req,
                                                         call_context& c) {
  auto it = st.webhooks.find(req.webhookId);
  if (it == st.webhooks.end() || it->second.owner_app != c.app)
    return api_error(404, "WebhookNotFound", "webhook " + quote_id(req.webhookId) + " not found");
  model::webhook w = it->second;
  if (req.objectType && !req.objectType->known())
    return api_error(400, "BadRequest", "objectType: expected Group, Action or ActionPackage");
  if (req.objectType) w.object_type = req.objectType->value();
  if (req.objectId) w.object_id = *req.objectId;
  if ((req.objectType || req.objectId) && w.object_type)
    if (auto e = check_object(*w.object_type, w.object_id, c)) return std::move(*e);
  if (req.eventTypes) {
    if (auto e = check_event_types(*req.eventTypes)) return std::move(*e);
    w.events.clear();
    for (const auto& e : *req.eventTypes) w.events.emplace_back(to_string(e));
  }
  if (req.validity) {
    if (*req.validity <= c.now)
      return api_error(400, "BadRequest", "validity: must be in the future (epoch ms)");
    w.validity = *req.validity;
  }
  if (req.callBackToken) w.token = *req.callBackToken;
  if (req.callBackContext) w.context = *req.callBackContext;
  if (req.active) w.active = *req.active;
  if (req.callBackUrl && *req.callBackUrl != w.url) {
    if (auto e = check_callback_url(*req.callBackUrl)) return std::move(*e);
    c.lock->unlock();  // the handshake calls out (see SubscribeToAllEvents)
    std::string why;
    bool valid = validate_callback(*req.callBackUrl, why);
    c.lock->lock();
    if (!valid)
      return api_error(400, "CallbackValidationFailed", "callBackUrl: validation failed: " + why);
    w.url = *req.callBackUrl;
    it = st.webhooks.find(req.webhookId);  // unlocked meanwhile: it may be gone
    if (it == st.webhooks.end())
      return api_error(404, "WebhookNotFound", "webhook " + quote_id(req.webhookId) + " not found");
  }
  if (!it->second.active && w.active) log_line("webhook " + w.id + " re-enabled");
  it->second = std::move(w);
  c.changed = true;
  return boost::json::value{{"result", true}};
}

}  // namespace kaizala::emulator
