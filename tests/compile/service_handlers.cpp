// Compile-only: a server of the generated service interface (tests/codegen/golden/todo/service.hpp)
// builds when it overrides every handler, and does not when one is missing (MISSING_HANDLER: the
// class stays abstract) or names an op the API lacks (MISSPELLED_HANDLER) or takes another request
// (WRONG_REQUEST). tests/compile/expect_compile_errors.cmake runs the four builds.
#include "golden/todo/service.hpp"

#include <memory>

namespace {

struct call {};  // what the server passes its handlers per call

namespace ops = todo::v1::ops;

template <class Op>
kaizala::result<typename Op::response> answer() {
  return typename Op::response{};
}

class todo_server final : public todo::v1::service<call> {
 public:
  kaizala::result<ops::ListItems::response> handle(ops::ListItems, const ops::ListItems::request&,
                                                   call&) override {
    return answer<ops::ListItems>();
  }
  kaizala::result<ops::GetItem::response> handle(ops::GetItem, const ops::GetItem::request&,
                                                 call&) override {
    return answer<ops::GetItem>();
  }
#ifdef WRONG_REQUEST
  kaizala::result<ops::UpdateItem::response> handle(ops::UpdateItem, const ops::GetItem::request&,
                                                    call&) override {
    return answer<ops::UpdateItem>();
  }
#else
  kaizala::result<ops::UpdateItem::response> handle(ops::UpdateItem,
                                                    const ops::UpdateItem::request&,
                                                    call&) override {
    return answer<ops::UpdateItem>();
  }
#endif
  kaizala::result<ops::FindItems::response> handle(ops::FindItems, const ops::FindItems::request&,
                                                   call&) override {
    return answer<ops::FindItems>();
  }
#ifndef MISSING_HANDLER
  kaizala::result<ops::DeleteItem::response> handle(ops::DeleteItem,
                                                    const ops::DeleteItem::request&,
                                                    call&) override {
    return answer<ops::DeleteItem>();
  }
#endif
  kaizala::result<ops::Attach::response> handle(ops::Attach, const ops::Attach::request&,
                                                call&) override {
    return answer<ops::Attach>();
  }
#ifdef MISSPELLED_HANDLER
  kaizala::result<ops::Pong::response> handle(ops::Pong, const ops::Pong::request&,
                                              call&) override {
    return answer<ops::Pong>();
  }
#else
  kaizala::result<ops::Ping::response> handle(ops::Ping, const ops::Ping::request&,
                                              call&) override {
    return answer<ops::Ping>();
  }
#endif
};

}  // namespace

// The server is used through its interface, as a router would.
std::unique_ptr<todo::v1::service<call>> make_todo_server() {
  return std::make_unique<todo_server>();
}
