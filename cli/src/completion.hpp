// `kaizala-cli completion bash|zsh`: shell completion written from the generated op table.
#pragma once

#include <iosfwd>
#include <string_view>
#include <vector>

namespace kaizala::cli {

// The shells write_completion knows: "bash", "zsh".
const std::vector<std::string_view>& completion_shells();

// Writes the completion script for `shell` (ops, their options, enum and bool values, paths after
// --file and --data @); false, writing nothing, for a shell not in completion_shells().
bool write_completion(std::string_view shell, std::ostream& out);

}  // namespace kaizala::cli
