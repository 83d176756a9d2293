// The auth ops (docs/kaizala-api.md §9): GeneratePin, GetRefreshToken, GenerateAccessToken.
#include "service.hpp"

#include <algorithm>
#include <string>

namespace kaizala::emulator {

namespace {
kaizala::error unauthorized(std::string message) {
  return api_error(401, "InvalidToken", std::move(message));
}

kaizala::error locked_out(std::int64_t until, std::int64_t now) {
  auto e = api_error(429, "TooManyPinAttempts",
                     "pin: too many wrong PINs for this number and connector; try again later");
  e.retry_after = std::to_string(std::max<std::int64_t>(1, (until - now + 999) / 1000));  // seconds
  return e;
}
}  // namespace

void server::impl::purge_pins(std::int64_t now) {
  for (auto it = pins.begin(); it != pins.end();) {
    const pin_entry& p = it->second;
    bool locked = p.locked_until > now;
    bool spent = p.used || now - p.issued > opt.pin_lifetime.count();
    it = spent && !locked ? pins.erase(it) : std::next(it);
  }
}

kaizala::result<GeneratePinResponse> server::impl::handle(ops::GeneratePin,
                                                          const GeneratePinRequest& req,
                                                          call_context& c) {
  if (!is_mobile_number(req.mobileNumber))
    return api_error(
        400, "InvalidMobileNumber",
        "mobileNumber: expected a mobile number with country code, like +911099999999");
  if (find_connector(req.applicationId) == nullptr)
    return unauthorized("applicationId: unknown connector");
  purge_pins(c.now);
  auto key = std::make_pair(req.mobileNumber, req.applicationId);
  auto it = pins.find(key);
  if (it != pins.end() && it->second.locked_until > c.now)
    return locked_out(it->second.locked_until, c.now);
  if (it == pins.end() && pins.size() >= opt.max_pending_pins)
    return api_error(429, "TooManyRequests",
                     "too many PINs are waiting to be used; try again later");
  std::string pin = opt.fixed_pin ? *opt.fixed_pin : new_pin();
  pin_entry& entry = pins[key];
  int failures =
      entry.locked_until != 0 ? 0 : entry.failures;  // a lockout that ended starts afresh
  entry = {pin, c.now, false, failures, 0};
  // The emulator cannot send SMS: the operator reads the PIN here or through server::last_pin.
  log_line("PIN for " + req.mobileNumber + " is " + pin);
  return GeneratePinResponse{};
}

kaizala::result<GetRefreshTokenResponse> server::impl::handle(ops::GetRefreshToken,
                                                              const GetRefreshTokenRequest& req,
                                                              call_context& c) {
  if (find_connector(req.applicationId) == nullptr)
    return unauthorized("applicationId: unknown connector");
  auto it = pins.find({req.mobileNumber, req.applicationId});
  if (it != pins.end() && it->second.locked_until > c.now)
    return locked_out(it->second.locked_until, c.now);
  auto wrong =
      api_error(401, "InvalidPin", "pin: wrong, used or expired PIN; call GeneratePin again");
  if (it == pins.end()) return wrong;
  pin_entry& p = it->second;
  if (p.locked_until != 0) p.locked_until = 0, p.failures = 0;  // the lockout ended
  if (p.used || c.now - p.issued > opt.pin_lifetime.count()) return wrong;
  if (std::to_string(req.pin) != p.pin) {
    // Each wrong guess counts; at the limit the PIN dies and the pair is locked out.
    if (++p.failures >= opt.max_pin_attempts) {
      p.used = true;
      p.locked_until = c.now + opt.pin_lockout.count();
      log_line("PIN attempts for " + req.mobileNumber + " locked out after " +
               std::to_string(p.failures) + " wrong PINs");
    }
    return wrong;
  }
  p.used = true;  // one use
  p.failures = 0;
  // A new login for the same connector and user replaces that pair's earlier refresh tokens.
  // Tokens replaced by an earlier login (revoked twice over) and expired ones are dropped, so
  // repeated logins do not grow the state; the ones revoked now still answer "replaced".
  for (auto it = st.refresh_tokens.begin(); it != st.refresh_tokens.end();) {
    model::refresh_token& rt = it->second;
    bool same_pair = rt.app == req.applicationId && rt.mobile == req.mobileNumber;
    if ((same_pair && rt.revoked) || rt.expiry <= c.now) {
      it = st.refresh_tokens.erase(it);
      continue;
    }
    if (same_pair) rt.revoked = true;
    ++it;
  }
  model::user& u = user_for(req.mobileNumber);
  u.provisioned = true;
  std::string token = new_token();
  model::refresh_token rt;
  rt.app = req.applicationId;
  rt.mobile = req.mobileNumber;
  rt.issued = c.now;
  rt.expiry = c.now + opt.refresh_token_lifetime.count();
  st.refresh_tokens[token] = rt;
  c.changed = true;
  GetRefreshTokenResponse out;
  out.refreshToken = token;
  out.grantedScope =
      "groupinfo.read,groupinfo.write,groupinfo.remove,groupinfo.update,groupmember.read,"
      "groupmember.write,"
      "groupmember.remove,textmessage.read,action.read,action.write,action.update,profile.write,"
      "media.read,"
      "webhook.read,webhook.write,webhook.remove,webhook.update";
  out.refreshTokenExpiry = rt.expiry;
  return out;
}

kaizala::result<GenerateAccessTokenResponse> server::impl::handle(
    ops::GenerateAccessToken, const GenerateAccessTokenRequest& req, call_context& c) {
  const connector* conn = find_connector(req.applicationId);
  if (conn == nullptr || conn->application_secret != req.applicationSecret)
    return unauthorized("applicationId or applicationSecret is wrong");
  auto it = st.refresh_tokens.find(req.refreshToken);
  if (it == st.refresh_tokens.end() || it->second.app != req.applicationId)
    return unauthorized("refreshToken: unknown token");
  model::refresh_token& rt = it->second;
  if (rt.revoked) return unauthorized("refreshToken: replaced by a newer refresh token");
  if (c.now >= rt.expiry) return unauthorized("refreshToken: expired");

  // First use of a rotated token retires its predecessor (see emulator/README.md). Generations
  // retired before that are dropped, so rotating forever does not grow the state.
  for (auto o = st.refresh_tokens.begin(); o != st.refresh_tokens.end();) {
    model::refresh_token& other = o->second;
    if (other.successor == req.refreshToken) {
      other.revoked = true;
      ++o;
    } else if (other.revoked && other.app == rt.app && other.mobile == rt.mobile) {
      o = st.refresh_tokens.erase(o);
    } else {
      ++o;
    }
  }

  GenerateAccessTokenResponse out;
  bool due = opt.rotate_refresh_tokens || (c.now - rt.issued) * 10 >= (rt.expiry - rt.issued) * 9;
  if (due) {
    std::string next = new_token();
    model::refresh_token rotated;
    rotated.app = rt.app;
    rotated.mobile = rt.mobile;
    rotated.issued = c.now;
    rotated.expiry = c.now + opt.refresh_token_lifetime.count();
    // The same successor is handed out until it is used, so a client that missed it can retry.
    if (!rt.successor.empty() && st.refresh_tokens.count(rt.successor) != 0 &&
        !st.refresh_tokens[rt.successor].revoked) {
      next = rt.successor;
    } else {
      st.refresh_tokens[next] = rotated;
      rt.successor = next;
    }
    out.refreshToken = next;
  } else {
    out.refreshToken = "";  // the documented "no rotation yet"
  }
  std::string token = new_token();
  model::access_token at;
  at.app = rt.app;
  at.mobile = rt.mobile;
  at.expiry = c.now + opt.access_token_lifetime.count();
  st.access_tokens[token] = at;
  // Expired access tokens are dropped here so the state does not grow without bound.
  for (auto a = st.access_tokens.begin(); a != st.access_tokens.end();)
    a = a->second.expiry <= c.now ? st.access_tokens.erase(a) : std::next(a);
  c.changed = true;
  ++grants;
  out.accessToken = token;
  out.accessTokenExpiry = at.expiry;
  out.endpointUrl = endpoint_url();
  out.scope = "token.write";
  return out;
}

}  // namespace kaizala::emulator
