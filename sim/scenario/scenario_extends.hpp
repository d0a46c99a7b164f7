// `[scenario] extends`: a scenario file merged over the file it extends, to any depth.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "sim/scenario/input_error.hpp"

namespace sim::scenario {

/// Follows `[scenario] extends = "base.toml"` from `root` (read from `path`): the base is read,
/// may itself extend another file, and so on to any depth; then each file is merged over the
/// one it extends, as an overlay is (see merge_overlay), and `root` becomes the result with
/// every `extends` key removed. A base path is relative to the file that names it. A file met
/// twice in the chain (the same file on disk, however it is named) is a cycle. Problems (a
/// cycle, naming the whole chain; a missing or malformed base; a non-string `extends`) are
/// appended to `problems` and `root` is left as it was; returns false then. With `chain`, the
/// files extended (nearest first) are stored there.
bool merge_extends(toml::table& root, const std::string& path, std::vector<Problem>& problems,
                   std::vector<std::string>* chain = nullptr);

}  // namespace sim::scenario
