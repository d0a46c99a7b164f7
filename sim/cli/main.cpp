// The motcua executable: a thin wrapper around sim::cli::run_cli.
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"
#include "sim/io/partial_files.hpp"

int main(int argc, char** argv) {
  sim::io::remove_partial_files_on_signal();
  const std::vector<std::string> args(argv + 1, argv + argc);
  return sim::cli::run_cli(args, std::cout, std::cerr);
}
