// kaizala/httplib_transport.hpp: the default transport, over cpp-httplib.
//
// Keeps one keep-alive connection per origin, with TCP_NODELAY on (with
// httplib's default, Nagle's algorithm holds each small request on loopback
// for ~40 ms), never follows redirects (a 308 is the caller's to handle),
// never uses httplib's 300 s defaults: every timeout is set from `options`,
// and never reads more than options::max_response_bytes of a body.
// One instance is not safe to use from several threads at once (kaizala::session keeps one per
// concurrent call).
#pragma once

#include <kaizala/config.hpp>
#include <kaizala/http.hpp>
#include <kaizala/result.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace kaizala {

class httplib_transport {
 public:
  struct options {
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds read_timeout{60'000};  // the service suggests waiting up to a minute
    std::chrono::milliseconds write_timeout{60'000};
    bool verify_tls = true;  // https: check the server certificate and host name
    // CA bundle (file) or hashed CA folder to trust instead of the system store. One that cannot
    // be read is an invalid_request error, on the first attempt, never retried.
    std::string ca_file;
    std::string ca_dir;
    // The most body bytes read from one response (after decompression), chunked or not; a longer
    // body is a `refused` error and the connection is dropped.
    std::size_t max_response_bytes = 64u << 20;
  };

  KAIZALA_DECL httplib_transport();
  KAIZALA_DECL explicit httplib_transport(options opt);
  KAIZALA_DECL ~httplib_transport();
  KAIZALA_DECL httplib_transport(httplib_transport&&) noexcept;
  KAIZALA_DECL httplib_transport& operator=(httplib_transport&&) noexcept;

  // Sends `req` once over the keep-alive connection to its origin.
  KAIZALA_DECL result<http_response> send(const http_request& req);
  // The same, taking the target, headers and body over instead of copying them.
  KAIZALA_DECL result<http_response> send(http_request&& req);

 private:
  KAIZALA_DECL httplib::Client& client_for(const std::string& origin);

  options opt_;
  std::map<std::string, std::unique_ptr<httplib::Client>> clients_;
};

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/httplib_transport.ipp>
#endif
