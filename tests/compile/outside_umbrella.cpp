// Compile-only: the public headers that <kaizala/kaizala.hpp> leaves out (its comment lists them),
// together in a TU, warning-free as C++17 and C++20 (header_check_cxx17/20; .ci/run builds them
// with g++ and clang++), with the server side's templates instantiated on one op.
#include <kaizala/generated/messages.hpp>
#include <kaizala/generated/service.hpp>
#include <kaizala/media_types.hpp>
#include <kaizala/param_text.hpp>
#include <kaizala/reflect.hpp>
#include <kaizala/server.hpp>
#include <kaizala/webhook.hpp>

kaizala::http_response outside_umbrella_compiles(const kaizala::http_request& in) {
  using Op = kaizala::ops::SendMessage;
  if (auto req = kaizala::read_request<Op>(in)) {
    kaizala::SendMessageResponse answer;
    answer.referenceId = req->groupId;
    return kaizala::write_response<Op>(answer);
  }
  return kaizala::write_error_response(400, kaizala::no_content{});
}
