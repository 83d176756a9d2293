// Raw HTTP bytes to a server on 127.0.0.1 and its raw answer, for the harnesses that fuzz a server
// from the wire (fuzz_emulator, fuzz_webhook): the bytes go out as they are, the write side is then
// shut, and everything the server sends until it closes is the answer.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace fuzz {

// Sends `bytes` to 127.0.0.1:port and returns what came back before the server closed. A server
// that does not answer within `seconds` is a finding (a hang), reported by the caller's abort.
inline std::string exchange(int port, std::string_view bytes, int seconds = 20) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    std::perror("fuzz: socket");
    std::abort();
  }
  timeval tv{seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    // libFuzzer's timers interrupt system calls: an interrupted connect goes on in the background.
    int err = errno;
    if (err == EINTR) {
      pollfd p{fd, POLLOUT, 0};
      while (::poll(&p, 1, seconds * 1000) < 0 && errno == EINTR) {
      }
      socklen_t len = sizeof err;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    }
    if (err != 0) {
      std::fprintf(stderr, "fuzz: connect to the server under test: %s\n", std::strerror(err));
      std::abort();
    }
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the server may close early (a bad request line); its answer still counts
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buf[16384];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        std::fprintf(stderr, "fuzz: the server neither answered nor closed within %d s\n", seconds);
        std::abort();
      }
      break;  // reset by the server: what arrived is the answer
    }
    answer.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

// Replaces every `from` in `s` with `to`.
inline void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// "@LEN@" becomes the length of what follows the first blank line, so a mutated body keeps a
// matching Content-Length and reaches the handler instead of stalling the read.
inline void fill_content_length(std::string& s) {
  std::size_t head_end = s.find("\r\n\r\n");
  if (head_end == std::string::npos) return;
  std::size_t body = s.size() - head_end - 4;
  std::size_t at = s.find("@LEN@");
  if (at == std::string::npos || at > head_end) return;
  s.replace(at, 5, std::to_string(body));  // only the first request of a connection is sized
}

}  // namespace fuzz
