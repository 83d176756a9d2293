// The OpenAPI importer on arbitrary documents: bytes -> read_document (JSON or YAML) ->
// import_openapi -> generate_from_spec, as `kaizala-codegen <openapi.yaml> -o <dir>` runs it.
//
// Input: byte 0 picks the reader path, the rest is the document:
//   even: the text as is (JSON when it starts with '{' or '[', YAML otherwise);
//   odd:  "---\n" + the text, so that JSON-looking text goes through yaml-cpp (flow style) too.
// Seeds use 'j' (even) and 'y' (odd) so that they stay readable.
//
// Oracles, beyond "no crash, no leak, no UB, no hang, no unbounded memory":
// - every diagnostic has a message of printable bytes (one line, no terminal escapes), and one that
// names the document points inside its text
//   (line 1..lines+1, col 1..longest line+2); one that names another file at least has line, col >=
//   1;
// - an import without errors gives a spec; the generator
// emits files exactly when it reports no error;
// - the whole pipeline is deterministic: a second
// run gives the same diagnostics and the same files.
//
// The document is named under a folder that does not exist, so relative $refs to other files fail
// without touching the disk.
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "document_reader.hpp"
#include "generate_spec.hpp"
#include "openapi_import.hpp"

namespace {

namespace cg = kaizala::codegen;

constexpr const char* kFile = "/nonexistent-kaizala-fuzz/api.yaml";

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_openapi: %s\n  %.2000s\n", what, detail.c_str());
  std::abort();
}

struct outcome {
  std::vector<std::string> diagnostics;  // formatted, reader + importer + generator
  std::map<std::string, std::string> files;
  bool imported = false;   // the importer produced a spec
  bool generated = false;  // the generator ran and reported no error
};

outcome run(std::string_view text, long lines, long widest) {
  outcome out;
  auto check = [&](const std::vector<cg::diagnostic>& ds) {
    for (const auto& d : ds) {
      if (d.message.empty()) finding("a diagnostic without a message", format(d));
      std::string_view shown = d.message;
      if (std::any_of(shown.begin(), shown.end(),
                      [](char c) { return (c >= 0 && c < 0x20) || c == 0x7f; }))
        finding(
            "a diagnostic message with a control character (more than one line, or a terminal "
            "escape)",
            format(d));
      if (d.line < 1 || d.col < 1) finding("a diagnostic without a position", format(d));
      if (d.file == kFile && (d.line > lines + 1 || d.col > widest + 2))
        finding("a diagnostic points outside the text", format(d));
      out.diagnostics.push_back(format(d));
    }
  };
  cg::document doc = cg::read_document(text, kFile);
  check(doc.diagnostics);
  if (!doc.ok()) {
    if (!doc.root.is_null()) finding("the reader failed but kept a value", "");
    return out;
  }
  if (!cg::is_openapi(doc.root)) return out;
  cg::import_result imported = cg::import_openapi(doc);
  // Reader diagnostics of the main document are copied into the import result; check them all.
  check(imported.diagnostics);
  const bool errors = cg::has_errors(imported.diagnostics);
  if (errors != imported.spec.is_null())
    finding("a spec despite import errors, or none and no error", "");
  if (errors) return out;
  out.imported = true;
  cg::generation g =
      cg::generate_from_spec(imported.spec, kFile, cg::locate_origins(doc, imported));
  check(g.diagnostics);
  const bool gen_errors = cg::has_errors(g.diagnostics);
  if (gen_errors != g.files.empty())
    finding("files emitted despite errors, or no files and no error",
            std::to_string(g.files.size()));
  out.generated = !gen_errors;
  out.files = std::move(g.files);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string text;
  if (data[0] & 1) text = "---\n";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);

  long lines = 1, widest = 0, width = 0;
  for (char c : text) {
    if (c == '\n') {
      ++lines;
      width = 0;
    } else {
      widest = std::max(widest, ++width);
    }
  }

  outcome first = run(text, lines, widest);
  outcome second = run(text, lines, widest);
  if (first.diagnostics != second.diagnostics)
    finding("two runs on the same text reported differently", "");
  if (first.files != second.files) finding("two runs on the same text emitted different files", "");
  return 0;
}
