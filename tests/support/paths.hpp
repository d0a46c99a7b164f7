// Paths to the source tree and the built motcua binary, for tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace test_support {

/// Absolute path of a file in the repository, e.g.
/// repo_path("scenarios/templates/urban_ward.toml").
inline std::string repo_path(const std::string& relative) {
  return std::string(MOTCUA_SOURCE_DIR) + "/" + relative;
}

/// A fresh, empty folder for one test's files. The process id is part of the name because
/// CTest runs test cases in parallel processes; two tests must never share a folder.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("motcua_test_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace test_support
