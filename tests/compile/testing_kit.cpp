// Compile-only: <kaizala/testing/scripted_transport.hpp> alone in a TU, warning-free as C++17 and
// C++20 (header_check_cxx17/20; .ci/run builds them with g++ and clang++), with an expectation
// instantiated so that its templates are checked too.
#include <kaizala/generated/messages.hpp>
#include <kaizala/testing/scripted_transport.hpp>

void testing_kit_compiles() {
  kaizala::testing::scripted_transport http(kaizala::testing::order::any);
  http.expect<kaizala::ops::SendMessage>(kaizala::SendMessageRequest{})
      .respond(kaizala::SendMessageResponse{});
}
