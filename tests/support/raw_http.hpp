// Raw HTTP on 127.0.0.1 for hardening tests: send exactly these bytes and read what comes back,
// and look at the options of a server's accepted socket (same process).
#pragma once

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace test_support {

// A connected TCP socket to 127.0.0.1:port, closed by RAII. Reads give up after `read_limit_s`
// so a test never hangs on a server that does not answer.
class raw_connection {
 public:
  explicit raw_connection(int port, int read_limit_s = 20) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{read_limit_s, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~raw_connection() {
    if (fd_ >= 0) ::close(fd_);
  }
  raw_connection(const raw_connection&) = delete;
  raw_connection& operator=(const raw_connection&) = delete;

  bool ok() const { return fd_ >= 0; }
  // False when the peer stopped taking bytes (it may have answered and closed already).
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // Reads until the head of a response and `Content-Length` bytes of body arrived, the peer
  // closed, or the read limit passed. Returns what arrived.
  std::string read_response() {
    std::string in;
    char buf[4096];
    for (;;) {
      std::size_t head = in.find("\r\n\r\n");
      if (head != std::string::npos) {
        std::size_t cl = in.find("Content-Length: ");
        std::size_t want = cl != std::string::npos && cl < head
                               ? std::strtoul(in.c_str() + cl + 16, nullptr, 10)
                               : 0;
        if (in.size() >= head + 4 + want) return in;
      }
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return in;
      in.append(buf, static_cast<std::size_t>(n));
    }
  }
  // The local port of this connection (the server sees it as the peer port).
  int local_port() const {
    sockaddr_in a{};
    socklen_t n = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &n);
    return ntohs(a.sin_port);
  }

 private:
  int fd_ = -1;
};

// The status code of a raw response ("HTTP/1.1 413 ..."), or 0.
inline int status_of(std::string_view response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(std::string(response.substr(9, 3)).c_str());
}

// TCP_NODELAY of the socket this process accepted from `client_port` on `server_port`, or
// nullopt when there is no such socket.
inline std::optional<bool> accepted_socket_nodelay(int server_port, int client_port) {
  std::optional<bool> out;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return out;
  while (dirent* e = ::readdir(dir)) {
    int fd = std::atoi(e->d_name);
    sockaddr_in local{}, peer{};
    socklen_t ln = sizeof local, pn = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ln) != 0 ||
        local.sin_family != AF_INET)
      continue;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pn) != 0) continue;
    if (ntohs(local.sin_port) != server_port || ntohs(peer.sin_port) != client_port) continue;
    int on = 0;
    socklen_t len = sizeof on;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &len) == 0) out = on != 0;
  }
  ::closedir(dir);
  return out;
}

}  // namespace test_support
