// kaizala/result.hpp: errors are values.
//
// Every call returns `result<T>`: the response, or an `error` saying what went
// wrong and where. A check or a step that yields no value returns `maybe_error`:
// an error, or none. Nothing in the binding core throws, so it works the same in
// builds with -fno-exceptions. Error text never holds a token or a secret.
#pragma once

#include <kaizala/config.hpp>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kaizala {

// What kind of failure an error is.
enum class error_kind : unsigned char {
  invalid_request,  // the request was refused before sending (bad argument, limit, missing
                    // credential)
  transport,        // no HTTP response: connection refused or dropped, TLS failure
  timeout,          // no HTTP response in time
  http_status,      // the service answered with a non-2xx status
  decode,           // the service answered 2xx, but the body does not fit the response type
  refused,          // the client would not go on, for safety: a redirect to an origin not allowed,
                    // a response body over the size limit, a remote emulator host without opt-in
};

constexpr std::string_view to_string(error_kind k) noexcept {
  switch (k) {
    case error_kind::invalid_request:
      return "invalid_request";
    case error_kind::transport:
      return "transport";
    case error_kind::timeout:
      return "timeout";
    case error_kind::http_status:
      return "http_status";
    case error_kind::decode:
      return "decode";
    case error_kind::refused:
      return "refused";
  }
  return "unknown";
}

// One failure, with everything a caller or a log line needs. The calls of this library remove
// every secret of the request (credential, secret members) from every string member, in raw,
// JSON-escaped, percent-encoded and base64 forms.
struct error {
  error_kind kind = error_kind::transport;
  // What happened, in words. For decode and invalid_request errors it starts
  // with the JSON path, e.g. "members[3].mobileNumber: expected string, got number".
  std::string message;
  // decode / invalid_request: the JSON path of the offending value ("" = the whole document).
  std::string path;
  // The HTTP status, when there was a response (0 otherwise).
  int http_status = 0;
  // From the service's error body ({"message", "errorCode", "errorCategoryKey"}), when it sent one.
  std::string service_code;
  std::string service_category;
  // Raw response body of a failed call (cut to 4 KiB), for diagnostics.
  std::string body;
  // Response headers that decide what to do next: Retry-After (429) and Location (308).
  std::string retry_after;
  std::string location;
  // transport/timeout: true when the request provably never reached the server (the connection
  // could not be made), so even a non-idempotent call may be sent again.
  bool not_sent = false;

  // One line for logs: "http_status 404: Group not found (errorCode GroupNotFound)".
  KAIZALA_DECL std::string to_string() const;
};

// An error, or none: what a check or a step without a value returns (validate(), reading a
// response's headers, the steps of a call). Used like std::optional<error>: true when it holds
// an error. One pointer, so the common case, no error, costs a null test and no zero-filled
// error object (docs/decisions/0018-one-maybe-error-type.md).
class [[nodiscard]] maybe_error {
 public:
  maybe_error() noexcept = default;        // no error
  maybe_error(std::nullopt_t) noexcept {}  // NOLINT: no error, as for std::optional
  maybe_error(kaizala::error e)
      : p_(new kaizala::error(std::move(e))) {}  // NOLINT: implicit on purpose
  maybe_error(std::optional<kaizala::error> e)   // NOLINT: accepts what older code returns
      : p_(e ? new kaizala::error(std::move(*e)) : nullptr) {}

  bool has_value() const noexcept { return p_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  // The error; reading it when there is none is a programming error and aborts.
  kaizala::error& value() & { return *check(p_.get()); }
  const kaizala::error& value() const& { return *check(p_.get()); }
  kaizala::error&& value() && { return std::move(*check(p_.get())); }
  kaizala::error& operator*() & { return value(); }
  const kaizala::error& operator*() const& { return value(); }
  kaizala::error&& operator*() && { return std::move(*this).value(); }
  kaizala::error* operator->() { return &value(); }
  const kaizala::error* operator->() const { return &value(); }

  // Holds a fresh error (replacing any) and returns it.
  kaizala::error& emplace() {
    p_.reset(new kaizala::error);
    return *p_;
  }
  // Holds no error.
  void reset() noexcept { p_.reset(); }

 private:
  static kaizala::error* check(kaizala::error* p) {
    if (p == nullptr) std::abort();
    return p;
  }
  std::unique_ptr<kaizala::error> p_;
};

// Either a T or an error. Reading the wrong side is a programming error and
// aborts (there is no exception to throw in -fno-exceptions builds).
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
  result(kaizala::error e)
      : v_(std::in_place_index<1>, std::move(e)) {}  // NOLINT: implicit on purpose

  bool has_value() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return *check(std::get_if<0>(&v_)); }
  const T& value() const& { return *check(std::get_if<0>(&v_)); }
  T&& value() && { return std::move(*check(std::get_if<0>(&v_))); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const kaizala::error& error() const& { return *check(std::get_if<1>(&v_)); }
  kaizala::error&& error() && { return std::move(*check(std::get_if<1>(&v_))); }

 private:
  template <class P>
  static P check(P p) {
    if (p == nullptr) std::abort();
    return p;
  }
  std::variant<T, kaizala::error> v_;
};

}  // namespace kaizala

#if !defined(KAIZALA_SEPARATE_COMPILATION)
#include <kaizala/impl/result.ipp>
#endif
