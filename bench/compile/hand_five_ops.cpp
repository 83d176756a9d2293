// Compile/size baseline: the five ops of kaizala_five_ops.cpp written by hand with httplib and
// Boost.JSON, decoding the same fields into plain structs.
#include <httplib.h>
#include <boost/json.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace {

std::string encode_segment(const std::string& s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      (out += '%', out += hex[c >> 4], out += hex[c & 15]);
  }
  return out;
}

struct member {
  std::string id, role, mobile_number;
  std::optional<bool> is_provisioned;
};
struct action {
  std::string reference_id, action_type, sender, sent_at;
  std::optional<std::int64_t> creation_time;
  boost::json::value body;
};

std::string text(const boost::json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// Sends one request; returns the parsed 2xx body or prints the error.
std::optional<boost::json::value> exchange(httplib::Client& cli, const char* method,
                                           const std::string& path, const std::string& token,
                                           const std::string& body) {
  httplib::Headers h{{"accessToken", token}};
  httplib::Result res = std::string(method) == "GET" ? cli.Get(path, h)
                        : std::string(method) == "DELETE"
                            ? cli.Delete(path, h)
                            : cli.Post(path, h, body, "application/json");
  if (!res)
    return std::fprintf(stderr, "%s\n", httplib::to_string(res.error()).c_str()), std::nullopt;
  if (res->status < 200 || res->status >= 300)
    return std::fprintf(stderr, "HTTP %d\n", res->status), std::nullopt;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(res->body, ec);
  if (ec || !v.is_object()) return std::fprintf(stderr, "bad JSON\n"), std::nullopt;
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  httplib::Client cli(argc > 1 ? argv[1] : "http://127.0.0.1:9");
  cli.set_keep_alive(true);
  cli.set_tcp_nodelay(true);
  cli.set_follow_location(false);
  const std::string g = "/v1/groups/" + encode_segment("group@1");
  int bad = 0;
  if (auto v = exchange(cli, "POST", g + "/messages", "tok",
                        boost::json::serialize(boost::json::object{{"message", "Hello"}})))
    std::printf("%s\n", text(v->as_object(), "referenceId").c_str());
  else
    ++bad;
  if (auto v = exchange(cli, "GET", g + "/members", "tok", "")) {
    std::vector<member> members;
    if (const auto* a = v->as_object().if_contains("members"); a && a->is_array())
      for (const auto& x : a->get_array()) {
        if (!x.is_object()) continue;
        const auto& o = x.get_object();
        member m{text(o, "id"), text(o, "role"), text(o, "mobileNumber"), std::nullopt};
        if (const auto* p = o.if_contains("isProvisioned"); p && p->is_bool())
          m.is_provisioned = p->get_bool();
        members.push_back(std::move(m));
      }
    std::printf("%zu members\n", members.size());
  } else {
    ++bad;
  }
  boost::json::object add{{"members", boost::json::array{"+919652000001"}}};
  if (auto v = exchange(cli, "POST", g + "/members", "tok", boost::json::serialize(add)); !v) ++bad;
  if (auto v = exchange(cli, "DELETE", g + "/members/" + encode_segment("m1"), "tok", ""); !v)
    ++bad;
  if (auto v = exchange(cli, "GET", g + "/actions?actionType=Job", "tok", "")) {
    std::vector<action> actions;
    if (const auto* a = v->as_object().if_contains("actions"); a && a->is_array())
      for (const auto& x : a->get_array()) {
        if (!x.is_object()) continue;
        const auto& o = x.get_object();
        action it{text(o, "referenceId"), text(o, "actionType"), text(o, "sender"),
                  text(o, "sentAt"),      std::nullopt,          {}};
        if (const auto* p = o.if_contains("creationTime"); p && p->is_int64())
          it.creation_time = p->get_int64();
        if (const auto* p = o.if_contains("actionBody")) it.body = *p;
        actions.push_back(std::move(it));
      }
    std::printf("%zu actions\n", actions.size());
  } else {
    ++bad;
  }
  return bad;
}
