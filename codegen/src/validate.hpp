// validate.hpp: stage 2, every check on a parsed spec. Collects all diagnostics and keeps going.
#pragma once

#include <vector>

#include "diagnostic.hpp"
#include "spec_reader.hpp"

namespace kaizala::codegen {

// Errors and warnings for a parsed spec (doc.root must be the parsed JSON). When the result has no
// errors, build_model() can rely on the spec's shape and on every name resolving.
std::vector<diagnostic> validate(const spec_document& doc);

}  // namespace kaizala::codegen
