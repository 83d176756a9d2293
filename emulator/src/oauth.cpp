// OAuth 2.0 sign-in (docs/kaizala-api.md §17.3): OAuthAuthorize approves the configured user at
// once and redirects with a code; OAuthToken trades the code (single-use, short-lived on the
// emulator's clock) for the tokens GenerateAccessToken gives.
#include "service.hpp"

#include <kaizala/url.hpp>

namespace kaizala::emulator {

namespace {

// A redirect the handler answers with: server.cpp sends error.location as the Location header.
kaizala::error redirect_to(std::string location) {
  kaizala::error e = api_error(302, "Redirect", "signed in: continue at the redirect_uri");
  e.location = std::move(location);
  return e;
}

}  // namespace

kaizala::result<no_content> server::impl::handle(ops::OAuthAuthorize,
                                                 const OAuthAuthorizeRequest& req,
                                                 call_context& c) {
  const connector* conn = find_connector(req.clientId);
  if (conn == nullptr) return api_error(400, "InvalidClient", "client_id: unknown connector");
  if (std::find(opt.oauth.redirect_uris.begin(), opt.oauth.redirect_uris.end(), req.redirectUri) ==
      opt.oauth.redirect_uris.end())
    return api_error(400, "InvalidRedirectUri",
                     "redirect_uri: not a redirect URL registered for this connector");
  if (opt.oauth.user.empty())
    return api_error(403, "AccessDenied",
                     "no user signs in here: start the emulator with an OAuth user "
                     "(options::oauth.user, --oauth-user)");
  for (auto it = oauth_codes.begin(); it != oauth_codes.end();)
    it = it->second.expiry <= c.now ? oauth_codes.erase(it) : std::next(it);
  if (oauth_codes.size() >= opt.oauth.max_pending_codes)
    return api_error(429, "TooManyRequests", "too many OAuth codes wait to be used; try later");
  std::string code = new_token();
  oauth_codes[code] = {conn->application_id, opt.oauth.user, req.redirectUri,
                       c.now + opt.oauth.code_lifetime.count()};
  user_for(opt.oauth.user);
  c.changed = true;  // the user may be new
  bool has_query = req.redirectUri.find('?') != std::string::npos;
  return redirect_to(req.redirectUri + (has_query ? "&" : "?") + "code=" + code);
}

kaizala::result<OAuthTokenResponse> server::impl::handle(ops::OAuthToken,
                                                         const OAuthTokenRequest& req,
                                                         call_context& c) {
  const connector* conn = find_connector(req.clientId);
  if (conn == nullptr || conn->application_secret != req.clientSecret)
    return api_error(401, "InvalidClient", "client_id or client_secret is wrong");
  auto it = oauth_codes.find(req.code);
  if (it == oauth_codes.end() || it->second.app != conn->application_id ||
      it->second.expiry <= c.now) {
    if (it != oauth_codes.end() && it->second.expiry <= c.now) oauth_codes.erase(it);
    return api_error(400, "InvalidGrant", "code: unknown, used or expired code");
  }
  std::string mobile = it->second.mobile;
  oauth_codes.erase(it);  // single use

  // A refresh token as the PIN login would issue it, then an access token from it.
  std::string refresh = new_token();
  model::refresh_token rt;
  rt.app = conn->application_id;
  rt.mobile = mobile;
  rt.issued = c.now;
  rt.expiry = c.now + opt.refresh_token_lifetime.count();
  st.refresh_tokens[refresh] = rt;
  user_for(mobile).provisioned = true;
  c.changed = true;
  auto granted = handle(
      ops::GenerateAccessToken{},
      GenerateAccessTokenRequest{conn->application_id, conn->application_secret, refresh}, c);
  if (!granted) return std::move(granted).error();
  OAuthTokenResponse out;
  out.accessToken = granted->accessToken;
  out.endpointUrl = granted->endpointUrl;
  out.accessTokenExpiry = granted->accessTokenExpiry;
  out.refreshToken = granted->refreshToken.value_or("").empty() ? refresh : *granted->refreshToken;
  out.scope = granted->scope;
  return out;
}

}  // namespace kaizala::emulator
