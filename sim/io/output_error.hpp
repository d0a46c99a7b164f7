// Error raised when an output file cannot be created or written.
#pragma once

#include <stdexcept>

namespace sim::io {

/// Raised when an output file cannot be created or written (maps to exit code 2).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sim::io
