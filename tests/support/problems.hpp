// Matching the problems an InputError carries, for the loader and validation tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"

namespace test_support {

/// Every problem on its own line, for INFO().
inline std::string listing(const std::vector<sim::scenario::Problem>& ps) {
  std::string text;
  for (const auto& p : ps) text += p.to_string() + "\n";
  return text;
}

/// Whether a problem names this file, line and key and its message contains `what`.
inline bool reported(const std::vector<sim::scenario::Problem>& ps, const std::string& file,
                     std::uint32_t line, const std::string& key, const std::string& what) {
  for (const auto& p : ps) {
    if (p.file == file && p.line == line && p.key == key &&
        p.message.find(what) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace test_support
