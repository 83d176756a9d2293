#include "secret_input.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <istream>

namespace kaizala::cli {
namespace {

void trim_line(std::string& s) {
  if (std::size_t nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
}

// One line typed on the controlling terminal with echo off; false when there is no terminal.
bool prompt_without_echo(const char* prompt, std::string& out) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  termios saved{};
  bool restore = ::tcgetattr(fd, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  (void)!::write(fd, prompt, std::strlen(prompt));
  out.clear();
  char c = 0;
  while (out.size() < 4096) {
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || c == '\n') break;
    out += c;
  }
  if (restore) ::tcsetattr(fd, TCSAFLUSH, &saved);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  trim_line(out);
  return true;
}

}  // namespace

bool read_secret(const secret_source& from, std::string& out, std::string& problem) {
  if (from.env != nullptr)
    if (const char* v = std::getenv(from.env); v != nullptr && *v != '\0') {
      out = v;
      return true;
    }
  if (from.file != nullptr) {
    std::ifstream f(*from.file, std::ios::binary);
    if (!f) {
      problem = *from.file + ": " + std::strerror(errno);
      return false;
    }
    std::getline(f, out);
    trim_line(out);
    if (out.empty()) {
      problem = *from.file + ": empty";
      return false;
    }
    return true;
  }
  if (from.interactive && from.prompt != nullptr && ::isatty(STDIN_FILENO) &&
      prompt_without_echo(from.prompt, out))
    return !out.empty() || (problem = "nothing typed", false);
  if (from.in != nullptr && !(from.interactive && ::isatty(STDIN_FILENO))) {
    if (std::getline(*from.in, out)) {
      trim_line(out);
      if (!out.empty()) return true;
    }
    problem = "nothing on standard input";
    return false;
  }
  problem = "not given";
  return false;
}

}  // namespace kaizala::cli
