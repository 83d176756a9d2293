// Compile/size baseline: SendMessage written by hand with httplib and Boost.JSON, doing what the
// binding does for it (percent-encoded path, auth header, JSON body, status and body checks).
#include <httplib.h>
#include <boost/json.hpp>

#include <cstdio>
#include <string>

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

struct sent {
  bool ok = false;
  std::string reference_id;
  std::string error;
};

sent send_message(httplib::Client& cli, const std::string& token, const std::string& group,
                  const std::string& text) {
  sent out;
  std::string body = boost::json::serialize(boost::json::object{{"message", text}});
  auto res = cli.Post("/v1/groups/" + encode_segment(group) + "/messages",
                      httplib::Headers{{"accessToken", token}}, body, "application/json");
  if (!res) return out.error = httplib::to_string(res.error()), out;
  if (res->status < 200 || res->status >= 300)
    return out.error = "HTTP " + std::to_string(res->status), out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(res->body, ec);
  const boost::json::value* id =
      !ec && v.is_object() ? v.as_object().if_contains("referenceId") : nullptr;
  if (id == nullptr || !id->is_string())
    return out.error = "referenceId: missing or not a string", out;
  out.reference_id = std::string(id->get_string());
  out.ok = true;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  httplib::Client cli(argc > 1 ? argv[1] : "http://127.0.0.1:9");
  cli.set_keep_alive(true);
  cli.set_tcp_nodelay(true);
  cli.set_follow_location(false);
  auto r = send_message(cli, "tok", "group@1", "Hello");
  if (!r.ok) return std::fprintf(stderr, "%s\n", r.error.c_str()), 1;
  std::printf("%s\n", r.reference_id.c_str());
}
