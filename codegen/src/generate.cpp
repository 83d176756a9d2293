#include "generate.hpp"

#include "generate_spec.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

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

namespace {

// The override takes the spec's place, so validate() checks it and the model uses it; a spec
// without api.namespace is then fine too. True when it was applied.
bool apply_namespace_override(boost::json::value& root, std::string_view namespace_override) {
  if (namespace_override.empty() || !root.is_object()) return false;
  auto* api = root.get_object().if_contains("api");
  if (!api || !api->is_object()) return false;
  api->get_object()["namespace"] = namespace_override;
  return true;
}

// Stages 2 to 4 on a description the reader built.
void finish(generation& out, described& d, bool namespace_overridden, std::string_view file_name,
            std::uint64_t hash) {
  out.diagnostics.insert(out.diagnostics.end(), d.diagnostics.begin(), d.diagnostics.end());
  auto found = validate(d.spec);
  if (namespace_overridden)  // its diagnostics point at the spec's api.namespace; say where the
                             // text came from
    for (auto& x : found)
      if (x.message.rfind("namespace \"", 0) == 0) x.message += " (given by --namespace)";
  out.diagnostics.insert(out.diagnostics.end(), found.begin(), found.end());
  if (has_errors(out.diagnostics)) return;
  std::string_view base = file_name.substr(file_name.find_last_of("/\\") + 1);  // npos + 1 == 0
  out.files = emit(build_model(d.spec), base, hash);
}

}  // namespace

generation generate(std::string_view text, std::string_view file_name,
                    std::string_view namespace_override) {
  generation out;
  spec_document doc = read_spec(text, file_name);
  out.diagnostics = doc.diagnostics;
  if (doc.root.is_null() && has_errors(out.diagnostics))
    return out;  // not JSON: nothing more to check
  bool overridden = apply_namespace_override(doc.root, namespace_override);
  described d = describe(doc);
  finish(out, d, overridden, file_name, fnv1a64(text));
  return out;
}

generation generate_from_spec(const boost::json::value& spec, std::string_view spec_name,
                              const origin_locator& locate, std::string_view namespace_override) {
  generation out;
  boost::json::value root = spec;
  bool overridden = apply_namespace_override(root, namespace_override);
  described d = describe(root, spec_name, locate);
  finish(out, d, overridden, spec_name, fnv1a64(boost::json::serialize(spec)));
  return out;
}

}  // namespace kaizala::codegen
