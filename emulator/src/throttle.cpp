// Throttling (docs/kaizala-api.md §11): sliding one-minute windows per connector and per tenant.
#include "service.hpp"

#include <algorithm>

namespace kaizala::emulator {

int throttle::admit(const throttle_options& t, const std::string& app, const std::string& tenant,
                    std::int64_t now) {
  if (!t.enabled) return 0;
  constexpr std::int64_t window = 60'000;
  auto& a = windows_["connector:" + app];
  auto& b = windows_["tenant:" + tenant];
  for (auto* w : {&a, &b})
    while (!w->empty() && w->front() <= now - window) w->pop_front();
  auto wait = [&](const std::deque<std::int64_t>& w) {
    std::int64_t ms = w.front() + window - now;
    return static_cast<int>(std::max<std::int64_t>(1, (ms + 999) / 1000));
  };
  if (static_cast<int>(a.size()) >= t.per_connector_per_minute) return a.empty() ? 60 : wait(a);
  if (static_cast<int>(b.size()) >= t.per_tenant_per_minute) return b.empty() ? 60 : wait(b);
  a.push_back(now);
  b.push_back(now);
  return 0;
}

}  // namespace kaizala::emulator
