// Definitions of kaizala/httplib_transport.hpp (inline unless KAIZALA_SEPARATE_COMPILATION).
#pragma once

#include <kaizala/httplib_transport.hpp>

#include <httplib.h>

#include <charconv>
#include <cstdint>
#include <fstream>

namespace kaizala {

KAIZALA_DECL httplib_transport::httplib_transport() : httplib_transport(options{}) {}
KAIZALA_DECL httplib_transport::httplib_transport(options opt) : opt_(std::move(opt)) {}
// Out of line: httplib::Client is complete only here.
KAIZALA_DECL httplib_transport::~httplib_transport() = default;
KAIZALA_DECL httplib_transport::httplib_transport(httplib_transport&&) noexcept = default;
KAIZALA_DECL httplib_transport& httplib_transport::operator=(httplib_transport&&) noexcept = default;

KAIZALA_DECL result<http_response> httplib_transport::send(const http_request& req) {
  using clock = std::chrono::steady_clock;
  httplib::Client& cli = client_for(req.origin);
  // A per-request budget caps every phase; the progress check below also stops a server that
  // trickles bytes, since httplib's read timeout restarts with each byte received.
  auto cap = [&](std::chrono::milliseconds t) {
    return req.timeout.count() > 0 && req.timeout < t ? req.timeout : t;
  };
  cli.set_connection_timeout(cap(opt_.connect_timeout));
  cli.set_read_timeout(cap(opt_.read_timeout));
  cli.set_write_timeout(cap(opt_.write_timeout));
  const auto started = clock::now();
  const auto deadline = started + (req.timeout.count() > 0 ? req.timeout : std::chrono::hours(24));
  bool over_budget = false;

  httplib::Request r;
  r.method = std::string(method_name(req.method));
  r.path = req.target;
  for (const auto& h : req.headers) r.headers.emplace(h.first, h.second);
  if (!req.content_type.empty()) {
    r.headers.emplace("Content-Type", req.content_type);
    r.body = req.body;
  }
  r.progress = [&](std::uint64_t, std::uint64_t) {
    over_budget = clock::now() > deadline;
    return !over_budget;
  };
  // httplib 0.11 reads any body whole, chunked ones without a bound: count the bytes here.
  const std::size_t limit = opt_.max_response_bytes;
  bool too_large = false;
  std::string body;
  r.response_handler = [&](const httplib::Response& head) {
    std::string length = head.get_header_value("Content-Length");
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), n);
    too_large = !length.empty() && (ec != std::errc() || end != length.data() + length.size() || n > limit);
    return !too_large;
  };
  r.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
    too_large = n > limit - body.size();
    if (!too_large) body.append(data, n);
    return !too_large;
  };
  if (!opt_.ca_file.empty() && opt_.verify_tls && req.origin.compare(0, 8, "https://") == 0 &&
      !std::ifstream(opt_.ca_file).is_open()) {
    error e;
    e.kind = error_kind::invalid_request;
    e.message = req.origin + ": TLS configuration: cannot read the CA file \"" + opt_.ca_file + "\" (http.ca_file)";
    return e;
  }
  httplib::Result res = cli.send(r);
  if (!res && too_large) {
    error e;
    e.kind = error_kind::refused;
    e.message = req.origin + ": response body over " + std::to_string(limit) +
                " bytes (http.max_response_bytes); not read further";
    return e;
  }
  if (!res && res.error() == httplib::Error::SSLLoadingCerts) {
    error e;
    e.kind = error_kind::invalid_request;  // configuration: sending again cannot help
    e.message = req.origin + ": TLS configuration: cannot load the CA certificates (http.ca_file, http.ca_dir)";
    return e;
  }
  if (!res) {
    httplib::Error err = res.error();
    error e;
    bool timed_out = over_budget || err == httplib::Error::ConnectionTimeout ||
                     (err == httplib::Error::Read && clock::now() - started >= cap(opt_.read_timeout));
    e.kind = timed_out ? error_kind::timeout : error_kind::transport;
    // Only a failed connect proves the server never saw the request.
    e.not_sent = err == httplib::Error::Connection || err == httplib::Error::ConnectionTimeout ||
                 err == httplib::Error::SSLConnection || err == httplib::Error::SSLServerVerification;
    e.message = req.origin + ": " + (over_budget ? std::string("call budget exhausted") : httplib::to_string(err));
    return e;
  }
  http_response out;
  out.status = res->status;
  out.body = std::move(body);
  for (const auto& h : res->headers) out.headers.emplace_back(h.first, h.second);
  return out;
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
    if (!opt_.ca_file.empty() || !opt_.ca_dir.empty()) slot->set_ca_cert_path(opt_.ca_file, opt_.ca_dir);
#endif
  }
  return *slot;
}

}  // namespace kaizala
