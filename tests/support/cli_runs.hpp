// Runs the motcua command line in-process for tests and captures its exit code and output.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"

namespace test_support {

struct Outcome {
  int code;
  std::string out, err;
};

/// `motcua args...` without a new process: exit code, standard output and standard error.
inline Outcome motcua(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = sim::cli::run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace test_support
