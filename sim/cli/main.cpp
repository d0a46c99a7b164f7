// The motcua executable: a thin wrapper around sim::cli::run_cli.
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"
#include "sim/io/partial_files.hpp"
#include "sim/run/cluster.hpp"

int main(int argc, char** argv) {
  sim::io::remove_partial_files_on_signal();
  const sim::run::cluster::Session mpi(argc, argv);  // under mpirun only
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return sim::cli::run_cli(args, std::cout, std::cerr);
  } catch (const sim::run::cluster::WorkerDone& done) {
    // A rank other than 0 has sent its units; rank 0 writes the file and reports.
    return done.failed ? 1 : 0;
  }
}
