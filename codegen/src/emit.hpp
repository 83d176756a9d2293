// emit.hpp: stage 4, the model as C++ headers. Pure: the same model and inputs give the same bytes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "model.hpp"

namespace kaizala::codegen {

// File name relative to the output folder (types/<Name>.hpp, types.hpp, <group>.hpp, all.hpp) ->
// content, as docs/generated-code.md describes.
// `spec_file_name` (no folders) and `spec_hash` (FNV-1a 64 of the spec's bytes) go into the banner.
std::map<std::string, std::string> emit(const model& m, std::string_view spec_file_name,
                                        std::uint64_t spec_hash);

}  // namespace kaizala::codegen
