#include "generate.hpp"

#include "emit.hpp"
#include "model.hpp"
#include "spec_reader.hpp"
#include "validate.hpp"

namespace kaizala::codegen {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

generation generate(std::string_view text, std::string_view file_name) {
  generation out;
  spec_document doc = read_spec(text, file_name);
  out.diagnostics = doc.diagnostics;
  if (doc.root.is_null() && has_errors(out.diagnostics))
    return out;  // not JSON: nothing more to check

  auto found = validate(doc);
  out.diagnostics.insert(out.diagnostics.end(), found.begin(), found.end());
  if (has_errors(out.diagnostics)) return out;

  std::string_view base = file_name.substr(file_name.find_last_of("/\\") + 1);  // npos + 1 == 0
  out.files = emit(build_model(doc), base, fnv1a64(text));
  return out;
}

}  // namespace kaizala::codegen
