// generate.hpp: the whole pipeline on a text buffer, parse -> validate -> model -> emit, so tools
// and tests can run it without files.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace kaizala::codegen {

struct generation {
  std::vector<diagnostic> diagnostics;       // errors and warnings, in the order found
  std::map<std::string, std::string> files;  // file name -> content; empty when there are errors
};

// `file_name` is how diagnostics name the spec; its last path component goes into the banner.
// A non-empty `namespace_override` replaces the spec's api.namespace (kaizala-codegen --namespace)
// and is checked by the same rules.
generation generate(std::string_view text, std::string_view file_name,
                    std::string_view namespace_override = {});

// FNV-1a 64 of the bytes, as stamped into the banner.
std::uint64_t fnv1a64(std::string_view bytes);

}  // namespace kaizala::codegen
