// Paths to the source tree and the built motcua binary, for tests.
#pragma once

#include <string>

namespace test_support {

/// Absolute path of a file in the repository, e.g. repo_path("scenarios/templates/urban_ward.toml").
inline std::string repo_path(const std::string& relative) {
  return std::string(MOTCUA_SOURCE_DIR) + "/" + relative;
}

}  // namespace test_support
