// Only a group header: it includes the headers of the types its ops name (Tree, which brings Leaf),
// not types.hpp: test_type_headers.cpp.
#include "codegen/golden/cycles/trees.hpp"

#include <kaizala/call.hpp>

#include <string>
#include <type_traits>
#include <vector>

static_assert(std::is_same_v<cycles::ops::ListTrees::response, std::vector<cycles::Tree>>);

namespace {

struct canned_transport {
  std::string body;
  kaizala::result<kaizala::http_response> send(const kaizala::http_request&) {
    return kaizala::http_response{200, {}, body};
  }
};

}  // namespace

std::string list_trees_answer(const std::string& answer) {
  canned_transport t{answer};
  kaizala::context ctx;
  ctx.set_variable("base", "http://127.0.0.1:9");
  auto r = kaizala::call<cycles::ops::ListTrees>(t, ctx, cycles::ListTreesRequest{});
  if (!r) return r.error().to_string();
  const auto& first = r->at(0).children->at(0).leaf;
  return std::to_string(r->size()) + " trees, first leaf " +
         std::to_string(first->size.value_or(0));
}
