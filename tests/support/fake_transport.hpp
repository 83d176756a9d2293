// fake_transport.hpp: a transport for unit tests of call<Op>: it keeps every request it is given
// and answers each with `answer` (a test sets it per case). No socket, no thread.
#pragma once

#include <kaizala/http.hpp>
#include <kaizala/result.hpp>

#include <string>
#include <utility>
#include <vector>

namespace test_support {

struct fake_transport {
  explicit fake_transport(std::string body = "{}")
      : answer(kaizala::http_response{200, {}, std::move(body)}) {}

  std::vector<kaizala::http_request> sent;
  kaizala::result<kaizala::http_response> answer;

  kaizala::result<kaizala::http_response> send(const kaizala::http_request& r) {
    sent.push_back(r);
    return answer;
  }
};

}  // namespace test_support
