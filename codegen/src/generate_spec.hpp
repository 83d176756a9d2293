// generate_spec.hpp: the pipeline for a spec built in memory, as an importer (OpenAPI) makes it.
// Kept apart from generate.hpp so that header stays light (<functional> there would let
// std::generate compete with generate() for std::string arguments).
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "generate.hpp"
#include "spec_reader.hpp"

namespace kaizala::codegen {

// Reads, validates, models and emits a spec given as a JSON value in the spec format. Diagnostics
// point into the imported document through the spec objects' "x-origin" texts and `locate` (see
// describe() in spec_reader.hpp); `spec_name` names the spec in the banner. The banner's hash is
// of the serialized spec.
generation generate_from_spec(const boost::json::value& spec, std::string_view spec_name,
                              const origin_locator& locate = {},
                              std::string_view namespace_override = {});

}  // namespace kaizala::codegen
