// The spec pipeline (reader, validator, model, emitter) on arbitrary spec text: what a hostile or
// careless spec author can hand kaizala-codegen.
//
// Input: the spec text, as kaizala-codegen reads it from a file.
//
// Oracles, beyond "no crash, no leak, no UB, no hang":
// - headers are emitted exactly when there is no error diagnostic;
// - every diagnostic has a message and points inside the text (line 1..lines+1, col >= 1);
// - generation is deterministic: the same text gives the same files.
//
// The OpenAPI importer has a harness of its own: fuzz_openapi.cpp.
#include "generate.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_codegen: %s\n  %.2000s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto lines = static_cast<long>(std::count(text.begin(), text.end(), '\n')) + 1;

  auto g = kaizala::codegen::generate(text, "fuzz/spec.json");
  const bool errors = kaizala::codegen::has_errors(g.diagnostics);
  if (errors != g.files.empty())
    finding("files emitted despite errors, or no files and no error",
            std::to_string(g.files.size()));
  for (const auto& d : g.diagnostics) {
    if (d.message.empty()) finding("a diagnostic without a message", format(d));
    if (d.line < 1 || d.line > lines + 1 || d.col < 1)
      finding("a diagnostic points outside the text", format(d));
  }
  if (errors) return 0;

  auto again = kaizala::codegen::generate(text, "fuzz/spec.json");
  if (again.files != g.files) finding("two runs on the same text emitted different files", "");
  return 0;
}
