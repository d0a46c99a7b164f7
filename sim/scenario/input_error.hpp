// Problems found in user input (scenario files, options), reported all at once.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim::scenario {

/// One problem: where it is (file, line, key path) and what was expected.
struct Problem {
  std::string file;
  std::uint32_t line = 0;  ///< 1-based; 0 when the problem has no line (missing file)
  std::string key;         ///< dotted key path, e.g. "service.mean"; empty when none
  std::string message;
  std::string to_string() const;
};

/// Thrown when input is invalid; carries every problem found (table by table, in the order the
/// loader checks them).
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Problem> problems);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace sim::scenario
