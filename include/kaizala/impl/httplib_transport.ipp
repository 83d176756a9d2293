// Definitions of kaizala/httplib_transport.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/httplib_transport.hpp>
#include <kaizala/url.hpp>

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fstream>

#if !defined(_WIN32)
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace kaizala {

namespace detail {

// The words for a failed connect's errno. A fixed table: strerror is not thread-safe.
inline std::string connect_errno_text(int err) {
#if !defined(_WIN32)
  switch (err) {
    case ECONNREFUSED:
      return "connection refused";
    case ENETUNREACH:
      return "network unreachable";
    case EHOSTUNREACH:
      return "host unreachable";
    case ETIMEDOUT:
      return "no connection in time";
    case ECONNRESET:
      return "connection reset";
    case EADDRNOTAVAIL:
      return "address not available";
    case EACCES:
    case EPERM:
      return "connection not permitted (firewall?)";
    default:
      break;
  }
#endif
  return "connection failed (errno " + std::to_string(err) + ")";
}

// httplib reports a failed name lookup and a refused or unreachable connection alike
// (Error::Connection). Says which, by doing the lookup again and then one connect per address,
// each bounded by `timeout`. Both answer at once in the cases Error::Connection stands for.
inline std::string connection_failure(const std::string& host, int port,
                                      std::chrono::milliseconds timeout) {
#if defined(_WIN32)
  (void)host, (void)port, (void)timeout;
  return "connection failed";
#else
  std::string name = host;
  if (name.size() > 1 && name.front() == '[' && name.back() == ']')
    name = name.substr(1, name.size() - 2);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(name.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) {
    if (rc == EAI_NONAME) return "name lookup failed (no such host)";
    if (rc == EAI_AGAIN) return "name lookup failed (temporary failure in name resolution)";
    return std::string("name lookup failed (") + ::gai_strerror(rc) + ")";
  }
  int last = 0;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) {
      last = errno;
      continue;
    }
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
    int err = 0;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      err = errno;
      if (err == EINPROGRESS) {
        pollfd p{fd, POLLOUT, 0};
        const auto ms = std::min<std::chrono::milliseconds::rep>(timeout.count(), 60'000);
        if (::poll(&p, 1, static_cast<int>(ms)) == 1) {
          socklen_t len = sizeof err;
          if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        } else {
          err = ETIMEDOUT;
        }
      }
    }
    ::close(fd);
    if (err == 0) {
      ::freeaddrinfo(found);
      return "connection failed (it succeeded when tried again)";
    }
    last = err;
  }
  ::freeaddrinfo(found);
  return connect_errno_text(last);
#endif
}

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
// OpenSSL's certificate verification result in words. A table of the X509_V_ERR_ macros, not
// X509_verify_cert_error_string: that would make every program link libcrypto itself.
inline std::string tls_verify_text(long verify) {
  switch (verify) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
      return "issued by a CA that is not trusted here";
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return "self-signed";
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "a self-signed CA in the chain that is not trusted here";
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "expired";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "not yet valid";
    case X509_V_ERR_CERT_REVOKED:
      return "revoked";
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
      return "bad signature";
    case X509_V_ERR_INVALID_CA:
      return "a chain through a certificate that is no CA";
    case X509_V_ERR_HOSTNAME_MISMATCH:
      return "issued for another host name";
    default:
      return "OpenSSL verify error " + std::to_string(verify);
  }
}
#endif

// What failed, for an httplib error without a response.
inline std::string transport_failure(httplib::Client& cli, httplib::Error err,
                                     const origin_parts& where,
                                     std::chrono::milliseconds connect_timeout) {
  (void)cli;
  switch (err) {
    case httplib::Error::Connection:
      return connection_failure(where.host, where.port, connect_timeout);
    case httplib::Error::ConnectionTimeout:
      return "no connection within " + std::to_string(connect_timeout.count()) +
             " ms (connect timeout)";
    case httplib::Error::Read:
      return "connection closed or timed out while reading the response";
    case httplib::Error::Write:
      return "connection closed while sending the request";
    case httplib::Error::BindIPAddress:
      return "could not bind the local address";
    case httplib::Error::Compression:
      return "response body could not be decompressed";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLServerVerification: {
      // httplib checks the chain after the handshake, then the host name.
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
      const long verify = cli.get_openssl_verify_result();
      if (verify != X509_V_OK)
        return "TLS certificate not trusted (" + tls_verify_text(verify) +
               "; http.ca_file, http.ca_dir)";
#endif
      return "TLS certificate does not name this host";
    }
    default:
      break;
  }
  return "transport error (httplib: " + httplib::to_string(err) + ")";
}

}  // namespace detail

KAIZALA_DECL httplib_transport::httplib_transport() : httplib_transport(options{}) {}
KAIZALA_DECL httplib_transport::httplib_transport(options opt) : opt_(std::move(opt)) {}
// Out of line: httplib::Client is complete only here.
KAIZALA_DECL httplib_transport::~httplib_transport() = default;
KAIZALA_DECL httplib_transport::httplib_transport(httplib_transport&&) noexcept = default;
KAIZALA_DECL httplib_transport& httplib_transport::operator=(httplib_transport&&) noexcept =
    default;

namespace detail {

// What the body receiver keeps: one object, so that each std::function below captures one pointer
// and stays within its small-object buffer (three captures would cost a heap allocation).
struct response_reading {
  std::size_t limit = 0;
  bool too_large = false;
  std::string body;
};

// Sends `r`, the request built from `req` (whose origin and timeout it reads), through `cli`.
inline result<http_response> send_built(httplib::Client& cli, const httplib_transport::options& opt,
                                        const http_request& req, httplib::Request& r) {
  using clock = std::chrono::steady_clock;
  // A per-request budget caps every phase; the progress check below also stops a server that
  // trickles bytes, since httplib's read timeout restarts with each byte received.
  auto cap = [&](std::chrono::milliseconds t) {
    return req.timeout.count() > 0 && req.timeout < t ? req.timeout : t;
  };
  cli.set_connection_timeout(cap(opt.connect_timeout));
  cli.set_read_timeout(cap(opt.read_timeout));
  cli.set_write_timeout(cap(opt.write_timeout));
  const auto started = clock::now();
  struct budget {
    clock::time_point deadline;
    bool over = false;
  } spent{started + (req.timeout.count() > 0 ? req.timeout : std::chrono::hours(24))};
  r.progress = [b = &spent](std::uint64_t, std::uint64_t) {
    b->over = clock::now() > b->deadline;
    return !b->over;
  };
  // httplib 0.11 reads any body whole, chunked ones without a bound: count the bytes here.
  response_reading reading;
  reading.limit = opt.max_response_bytes;
  r.response_handler = [rd = &reading](const httplib::Response& head) {
    std::string_view length;  // the first Content-Length, as get_header_value would answer
    for (const auto& h : head.headers)
      if (iequals(h.first, "Content-Length")) {
        length = h.second;
        break;
      }
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
    rd->too_large = !length.empty() &&
                    (ec != std::errc() || end != length.data() + length.size() || n > rd->limit);
    // One allocation for the body as announced, but never a large one on a server's word alone.
    if (!rd->too_large && ec == std::errc())
      rd->body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(n, 64u << 10)));
    return !rd->too_large;
  };
  r.content_receiver = [rd = &reading](const char* data, std::size_t n, std::uint64_t,
                                       std::uint64_t) {
    rd->too_large = n > rd->limit - rd->body.size();
    if (!rd->too_large) rd->body.append(data, n);
    return !rd->too_large;
  };
  if (!opt.ca_file.empty() && opt.verify_tls && req.origin.compare(0, 8, "https://") == 0 &&
      !std::ifstream(opt.ca_file).is_open()) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = req.origin + ": TLS configuration: cannot read the CA file \"" + opt.ca_file +
                "\" (http.ca_file)";
    return e;
  }
  // send(Request&, Response&, Error&), not send(const Request&): that one copies the request
  // whole (headers, body, handlers) before sending it.
  httplib::Response res;
  httplib::Error err = httplib::Error::Success;
  const bool answered = cli.send(r, res, err);
  const std::size_t limit = reading.limit;
  if (!answered && reading.too_large) {
    error e;
    e.kind = error_kind::refused;
    e.message = req.origin + ": response body over " + std::to_string(limit) +
                " bytes (http.max_response_bytes); not read further";
    return e;
  }
  if (!answered && err == httplib::Error::SSLLoadingCerts) {
    error e;
    e.kind = error_kind::invalid_request;  // configuration: sending again cannot help
    e.message = req.origin +
                ": TLS configuration: cannot load the CA certificates (http.ca_file, http.ca_dir)";
    return e;
  }
  if (!answered) {
    const bool over_budget = spent.over;
    error e;
    bool timed_out =
        over_budget || err == httplib::Error::ConnectionTimeout ||
        (err == httplib::Error::Read && clock::now() - started >= cap(opt.read_timeout));
    e.kind = timed_out ? error_kind::timeout : error_kind::transport;
    // Only a failed connect proves the server never saw the request.
    e.not_sent = err == httplib::Error::Connection || err == httplib::Error::ConnectionTimeout ||
                 err == httplib::Error::SSLConnection ||
                 err == httplib::Error::SSLServerVerification;
    // "host:port: what failed"; the origin holds no credential (split_base_url refuses user info).
    result<origin_parts> where = parse_origin(req.origin);
    std::string at = where ? where->host + ":" + std::to_string(where->port) : req.origin;
    if (over_budget)
      e.message = at + ": call budget of " + std::to_string(req.timeout.count()) + " ms exhausted";
    else if (timed_out && err == httplib::Error::Read)
      e.message = at + ": no response within " + std::to_string(cap(opt.read_timeout).count()) +
                  " ms (read timeout)";
    else if (where)
      e.message = at + ": " + detail::transport_failure(cli, err, *where, cap(opt.connect_timeout));
    else
      e.message = at + ": transport error (httplib: " + httplib::to_string(err) + ")";
    return e;
  }
  http_response out;
  out.status = res.status;
  out.body = std::move(reading.body);
  // The nodes taken out of httplib's map: names and values are moved, not copied.
  out.headers.reserve(res.headers.size());
  while (!res.headers.empty()) {
    auto node = res.headers.extract(res.headers.begin());
    out.headers.emplace_back(std::move(node.key()), std::move(node.mapped()));
  }
  return out;
}

}  // namespace detail

KAIZALA_DECL result<http_response> httplib_transport::send(const http_request& req) {
  httplib::Request r;
  r.method = std::string(method_name(req.method));
  r.path = req.target;
  for (const auto& h : req.headers) r.headers.emplace(h.first, h.second);
  if (!req.content_type.empty()) {
    r.headers.emplace("Content-Type", req.content_type);
    r.body = req.body;
  }
  return detail::send_built(client_for(req.origin), opt_, req, r);
}

KAIZALA_DECL result<http_response> httplib_transport::send(http_request&& req) {
  httplib::Request r;
  r.method = std::string(method_name(req.method));
  r.path = std::move(req.target);
  for (auto& h : req.headers) r.headers.emplace(std::move(h.first), std::move(h.second));
  if (!req.content_type.empty()) {
    r.headers.emplace("Content-Type", std::move(req.content_type));
    r.body = std::move(req.body);
  }
  return detail::send_built(client_for(req.origin), opt_, req, r);
}

KAIZALA_DECL httplib::Client& httplib_transport::client_for(const std::string& origin) {
  auto& slot = clients_[origin];
  if (!slot) {
    slot = std::make_unique<httplib::Client>(origin);
    slot->set_keep_alive(true);
    slot->set_tcp_nodelay(true);
    slot->set_follow_location(false);
    slot->set_url_encode(false);  // targets arrive percent-encoded already
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    slot->enable_server_certificate_verification(opt_.verify_tls);
    if (!opt_.ca_file.empty() || !opt_.ca_dir.empty())
      slot->set_ca_cert_path(opt_.ca_file, opt_.ca_dir);
#endif
  }
  return *slot;
}

}  // namespace kaizala
