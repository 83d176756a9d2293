// Fault switches: names and the X-Emulator-Fault header syntax.
#include "service.hpp"

#include <charconv>

namespace kaizala::emulator {

std::string_view to_string(fault::kind k) noexcept {
  switch (k) {
    case fault::kind::delay:
      return "delay";
    case fault::kind::status:
      return "status";
    case fault::kind::drop_before:
      return "drop-before";
    case fault::kind::drop_after:
      return "drop-after";
    case fault::kind::truncate:
      return "truncate";
    case fault::kind::malformed:
      return "malformed";
  }
  return "unknown";
}

kaizala::result<fault> parse_fault_header(std::string_view text) {
  auto bad = [&](std::string why) {
    return api_error(
        400, "BadFaultHeader",
        "X-Emulator-Fault: " + why +
            " (expected status=CODE[;retry-after=S|;retry-after-date=S], delay=MS, drop-before, "
            "drop-after, truncate or malformed)");
  };
  auto number = [](std::string_view s, int& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  fault f;
  f.op = "*";
  bool first = true;
  while (!text.empty()) {
    std::size_t sep = text.find_first_of(";,");
    std::string_view item = text.substr(0, sep);
    text.remove_prefix(sep == std::string_view::npos ? text.size() : sep + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    std::size_t eq = item.find('=');
    std::string_view key = item.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    int n = 0;
    if (first) {
      if (key == "status") {
        if (!number(value, n) || n < 100 || n > 599)
          return bad("status needs a code from 100 to 599");
        f.what = fault::kind::status, f.status = n;
      } else if (key == "delay") {
        if (!number(value, n) || n < 0 || n > 60'000)
          return bad("delay needs 0 to 60000 milliseconds");
        f.what = fault::kind::delay, f.delay = std::chrono::milliseconds(n);
      } else if (key == "drop-before" || key == "drop") {
        f.what = fault::kind::drop_before;
      } else if (key == "drop-after") {
        f.what = fault::kind::drop_after;
      } else if (key == "truncate") {
        f.what = fault::kind::truncate;
      } else if (key == "malformed") {
        f.what = fault::kind::malformed;
      } else {
        return bad("unknown fault");
      }
      first = false;
    } else if ((key == "retry-after" || key == "retry-after-date") &&
               f.what == fault::kind::status) {
      if (!number(value, n) || n < 0) return bad(std::string(key) + " needs seconds");
      f.retry_after = n;
      f.retry_after_as_date = key == "retry-after-date";
    } else if (!key.empty()) {
      return bad("unknown option");
    }
  }
  if (first) return bad("empty");
  return f;
}

std::string fault_header_text(const fault& f) {
  switch (f.what) {
    case fault::kind::delay:
      return "delay=" + std::to_string(f.delay.count());
    case fault::kind::status: {
      std::string out = "status=" + std::to_string(f.status);
      if (f.retry_after)
        out += (f.retry_after_as_date ? ";retry-after-date=" : ";retry-after=") +
               std::to_string(*f.retry_after);
      return out;
    }
    default:
      return std::string(to_string(f.what));
  }
}

}  // namespace kaizala::emulator
