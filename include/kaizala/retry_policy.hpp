// kaizala/retry_policy.hpp: when a failed call is tried again, and how long to wait.
//
// Plain values, replaceable as a whole or in part (google-cloud-cpp's retry,
// backoff and idempotency policies are the model):
//
//   kaizala::session_options opt;
//   opt.retry.max_attempts = 6;
//   opt.backoff.initial = std::chrono::milliseconds(50);
//   opt.idempotency = [](std::string_view op, bool spec_says) { return spec_says || op ==
//   "SendMessage"; };
#pragma once

#include <kaizala/result.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <iomanip>
#include <locale>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace kaizala {

// Which failures are transient, and how many attempts a call gets.
struct retry_policy {
  // Attempts per call, the first included. Token renewal on a 401 and following a 308 are not
  // counted: they are not failures of the call.
  int max_attempts = 4;
  // Throttled (429) attempts per call: the call gives up with the 429 error at the next 429 after
  // this many, whatever Retry-After says, so a server answering "Retry-After: 0" cannot loop it.
  int max_throttled_attempts = 8;
  // The most a call waits in total on 429 Retry-After before giving up with the 429 error.
  std::chrono::milliseconds max_throttle_wait{120'000};
  // The least a call waits after a 429, when Retry-After is 0, in the past, or missing.
  std::chrono::milliseconds min_throttle_wait{500};
  // Transient: no response (transport, timeout) and 500, 502, 503, 504. Whether a transient
  // failure is retried also depends on the op being idempotent (see session_options::idempotency).
  std::function<bool(const error&)> is_transient = [](const error& e) {
    if (e.kind == error_kind::transport || e.kind == error_kind::timeout) return true;
    return e.kind == error_kind::http_status && (e.http_status == 500 || e.http_status == 502 ||
                                                 e.http_status == 503 || e.http_status == 504);
  };
};

// Exponential backoff with full jitter: before retry n (1-based) wait a uniformly random time in
// [minimum, max(minimum, min(maximum, initial * multiplier^(n-1)))]. The floor keeps a retry from
// following its failure with no pause at all.
struct backoff_policy {
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds maximum{10'000};
  std::chrono::milliseconds minimum{10};
  double multiplier = 2.0;

  template <class Rng>
  std::chrono::milliseconds delay(int retry, Rng& rng) const {
    // In double, then clamped: a huge `maximum` or `multiplier` cannot overflow the conversion.
    constexpr double longest = 365.0 * 24 * 3600 * 1000;  // a year, in ms
    double floor = std::clamp(static_cast<double>(minimum.count()), 0.0, longest);
    double cap =
        static_cast<double>(initial.count()) * std::pow(multiplier, std::clamp(retry - 1, 0, 64));
    cap = std::min(cap, static_cast<double>(maximum.count()));
    if (!(cap >= floor)) cap = floor;  // also a NaN cap
    cap = std::min(cap, longest);
    std::uniform_real_distribution<double> pick(floor, cap);
    return std::chrono::milliseconds(static_cast<std::int64_t>(floor == cap ? floor : pick(rng)));
  }
};

// Parses a Retry-After value: delay-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT"), relative to `now`. Nothing for anything else. A date in the
// past is 0; any value is clamped to a year, so no date (year 9999 included) can overflow.
inline std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value,
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) {
  constexpr std::int64_t year_s = 365LL * 24 * 3600;
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::seconds(year_s);
    std::int64_t s = 0;
    for (char c : value) s = s * 10 + (c - '0');
    return std::chrono::seconds(std::min(s, year_s));
  }
  std::tm tm{};
  std::istringstream in{std::string(value)};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
  if (in.fail()) return std::nullopt;
  // Seconds on both sides, clamped before any conversion to a finer duration.
  std::int64_t at_s = static_cast<std::int64_t>(timegm(&tm));
  std::int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::int64_t now_s = now_ms / 1000;
  if (at_s <= now_s) return std::chrono::milliseconds(0);
  std::int64_t wait_s = at_s - now_s;  // both within +-2^62: no overflow
  if (wait_s > year_s) return std::chrono::seconds(year_s);
  return std::chrono::milliseconds(std::max<std::int64_t>(wait_s * 1000 - now_ms % 1000, 0));
}

}  // namespace kaizala
