// "Did you mean ...?" for mistyped op, option and key names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kaizala::cli {

// The candidate closest to `typed` (ASCII case ignored), or "" when none is close enough to be a
// plausible typo: at most a third of the name's letters (and at least 2) edited.
std::string nearest_name(std::string_view typed, const std::vector<std::string_view>& candidates);

// " (did you mean \"X\"?)" for nearest_name's answer, or "".
std::string did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates);

}  // namespace kaizala::cli
