#include "json_text.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>

namespace kaizala::cli {
namespace {

void write(std::string& out, const boost::json::value& v, std::size_t depth) {
  auto newline = [&](std::size_t d) {
    out += '\n';
    out.append(2 * d, ' ');
  };
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      out += boost::json::serialize(boost::json::value(kv.key()));
      out += ": ";
      write(out, kv.value(), depth + 1);
    }
    newline(depth);
    out += '}';
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i != 0) out += ',';
      newline(depth + 1);
      write(out, a[i], depth + 1);
    }
    newline(depth);
    out += ']';
  } else if (v.is_double()) {
    // The shortest text that reads back the same, as the binding's encoder writes numbers
    // (Boost.JSON's serialize would print 2.5 as 2.5E0).
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
    out.append(buf, r.ptr);
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string pretty_json(const boost::json::value& v) {
  std::string out;
  write(out, v, 0);
  out += '\n';
  return out;
}

}  // namespace kaizala::cli
