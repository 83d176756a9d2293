// validate.hpp: stage 2, every check of the typed description that needs more than one element:
// references, names (C++ names and their collisions), duplicates, limits, defaults, containment.
// Collects all diagnostics and keeps going.
#pragma once

#include <vector>

#include "description.hpp"
#include "diagnostic.hpp"

namespace kaizala::codegen {

// Errors and warnings for a description the reader built. When the reader and this report no
// errors, build_model() can rely on every name resolving and every value being in range.
std::vector<diagnostic> validate(const description& spec);

}  // namespace kaizala::codegen
