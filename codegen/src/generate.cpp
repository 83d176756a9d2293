#include "generate.hpp"

#include <boost/json/object.hpp>

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

generation generate(std::string_view text, std::string_view file_name,
                    std::string_view namespace_override) {
  generation out;
  spec_document doc = read_spec(text, file_name);
  out.diagnostics = doc.diagnostics;
  if (doc.root.is_null() && has_errors(out.diagnostics))
    return out;  // not JSON: nothing more to check

  // The override takes the spec's place, so validate() checks it and the model uses it; a spec
  // without api.namespace is then fine too.
  boost::json::object* api = nullptr;
  if (!namespace_override.empty() && doc.root.is_object())
    if (auto* a = doc.root.get_object().if_contains("api"); a && a->is_object())
      api = &a->get_object();
  if (api) (*api)["namespace"] = namespace_override;

  auto found = validate(doc);
  if (api)  // its diagnostics point at the spec's api.namespace; say where the text came from
    for (auto& d : found)
      if (d.message.rfind("namespace \"", 0) == 0) d.message += " (given by --namespace)";
  out.diagnostics.insert(out.diagnostics.end(), found.begin(), found.end());
  if (has_errors(out.diagnostics)) return out;

  std::string_view base = file_name.substr(file_name.find_last_of("/\\") + 1);  // npos + 1 == 0
  out.files = emit(build_model(doc), base, fnv1a64(text));
  return out;
}

}  // namespace kaizala::codegen
