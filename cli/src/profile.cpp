#include "profile.hpp"

#include <kaizala/json.hpp>

#include <boost/json/serialize.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

namespace kaizala::cli {
namespace {

std::string config_folder() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/')
    return std::string(xdg) + "/kaizala";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::string(home) + "/.config/kaizala";
  return {};
}

bool make_folder(const std::string& path) {
  return ::mkdir(path.c_str(), 0700) == 0 || errno == EEXIST;
}

}  // namespace

std::string profile_name(const std::string* given) {
  if (given != nullptr) return *given;
  if (const char* env = std::getenv("KAIZALA_PROFILE"); env != nullptr && *env != '\0') return env;
  return "default";
}

std::string profile_path(const std::string& name, std::string& problem) {
  bool ok = !name.empty() && name.size() <= 64 && name[0] != '.';
  for (char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-');
  if (!ok) {
    problem = "profile name \"" + name +
              "\": use letters, digits, '.', '_' and '-' (at most 64, not starting with '.')";
    return {};
  }
  std::string folder = config_folder();
  if (folder.empty()) {
    problem = "no folder for profiles: set XDG_CONFIG_HOME or HOME";
    return {};
  }
  return folder + "/" + name + ".json";
}

bool load_profile(const std::string& path, profile& p, bool& missing, std::string& problem) {
  missing = false;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    missing = errno == ENOENT;
    problem = path + ": " + std::strerror(errno);
    return false;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto v = parse_json(text);
  if (!v || !v->is_object()) {
    problem = path + ": not a profile (expected a JSON object)";
    return false;
  }
  const auto& o = v->get_object();
  auto text_of = [&](const char* key, std::string& out) {
    if (const auto* x = o.if_contains(key); x != nullptr && x->is_string()) out = x->get_string();
  };
  text_of("endpoint", p.endpoint);
  text_of("authBase", p.auth_base);
  text_of("applicationId", p.application_id);
  text_of("mobileNumber", p.mobile_number);
  text_of("refreshToken", p.refresh_token);
  text_of("accessToken", p.access_token);
  if (const auto* x = o.if_contains("accessTokenExpiry"); x != nullptr && x->is_int64())
    p.access_token_expiry = x->get_int64();
  if (p.endpoint.empty() || p.application_id.empty() || p.refresh_token.empty()) {
    problem = path + ": not a profile (endpoint, applicationId or refreshToken missing)";
    return false;
  }
  return true;
}

bool save_profile(const std::string& path, const profile& p, std::string& problem) {
  std::string folder = path.substr(0, path.rfind('/'));
  std::string parent = folder.substr(0, folder.rfind('/'));
  if (!make_folder(parent) || !make_folder(folder)) {
    problem = folder + ": " + std::strerror(errno);
    return false;
  }
  boost::json::object o;
  o["endpoint"] = p.endpoint;
  o["authBase"] = p.auth_base;
  o["applicationId"] = p.application_id;
  o["mobileNumber"] = p.mobile_number;
  o["refreshToken"] = p.refresh_token;
  o["accessToken"] = p.access_token;
  o["accessTokenExpiry"] = p.access_token_expiry;
  std::string text = boost::json::serialize(o) + "\n";

  std::string temp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    problem = temp + ": " + std::strerror(errno);
    return false;
  }
  bool ok = ::fchmod(fd, 0600) == 0;  // whatever the umask
  for (std::size_t at = 0; ok && at < text.size();) {
    ssize_t n = ::write(fd, text.data() + at, text.size() - at);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) at += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  int saved = errno;
  ok = ::close(fd) == 0 && ok;
  if (ok && ::rename(temp.c_str(), path.c_str()) == 0) return true;
  if (saved == 0) saved = errno;
  ::unlink(temp.c_str());
  problem = path + ": " + std::strerror(saved);
  return false;
}

}  // namespace kaizala::cli
