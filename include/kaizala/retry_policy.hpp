// kaizala/retry_policy.hpp: when a failed call is tried again, and how long to wait.
//
// Plain values, replaceable as a whole or in part (google-cloud-cpp's retry,
// backoff and idempotency policies are the model):
//
//   kaizala::session_options opt;
//   opt.retry.max_attempts = 6;
//   opt.backoff.initial = std::chrono::milliseconds(50);
//   opt.idempotency = [](std::string_view op, bool spec_says) { return spec_says || op == "SendMessage"; };
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
  // The most a call waits in total on 429 Retry-After before giving up with the 429 error.
  std::chrono::milliseconds max_throttle_wait{120'000};
  // Transient: no response (transport, timeout) and 500, 502, 503, 504. Whether a transient
  // failure is retried also depends on the op being idempotent (see session_options::idempotency).
  std::function<bool(const error&)> is_transient = [](const error& e) {
    if (e.kind == error_kind::transport || e.kind == error_kind::timeout) return true;
    return e.kind == error_kind::http_status &&
           (e.http_status == 500 || e.http_status == 502 || e.http_status == 503 || e.http_status == 504);
  };
};

// Exponential backoff with full jitter: before retry n (1-based) wait a uniformly random time in
// [0, min(maximum, initial * multiplier^(n-1))].
struct backoff_policy {
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds maximum{10'000};
  double multiplier = 2.0;

  template <class Rng>
  std::chrono::milliseconds delay(int retry, Rng& rng) const {
    double cap = static_cast<double>(initial.count()) * std::pow(multiplier, std::max(0, retry - 1));
    cap = std::min(cap, static_cast<double>(maximum.count()));
    std::uniform_real_distribution<double> pick(0.0, cap);
    return std::chrono::milliseconds(static_cast<std::int64_t>(pick(rng)));
  }
};

// Parses a Retry-After value: delay-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT"), relative to `now`. Nothing for anything else.
inline std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::milliseconds(std::chrono::hours(24 * 365));
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  std::tm tm{};
  std::istringstream in{std::string(value)};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S GMT");
  if (in.fail()) return std::nullopt;
  auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(at - now);
  return std::max(wait, std::chrono::milliseconds(0));
}

}  // namespace kaizala
