// The output of run and compare on this process: the HDF5 file on rank 0, a spill everywhere.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "sim/io/hdf5_writer.hpp"
#include "sim/io/spill_file.hpp"
#include "sim/run/cluster.hpp"
#include "sim/run/parallel_runner.hpp"

namespace sim::cli {

/// Under mpirun only rank 0 writes; the other ranks end inside the run (cluster::WorkerDone).
/// Rank 0 opens the file now (an unwritable path fails before anything runs) and spills its
/// per-day tables beside it; another rank spills into its machine's temporary folder. Sets
/// options.spill to the spill, which lives as long as this object (never moved).
class RankOutput {
 public:
  RankOutput(const std::string& path, run::RunOptions& options) {
    if (run::cluster::is_root()) {
      file.emplace(path);
      options.spill = &spill_.emplace(file->partial_path());
    } else {
      options.spill = &spill_.emplace((std::filesystem::temp_directory_path() / "motcua").string());
    }
  }
  RankOutput(const RankOutput&) = delete;
  RankOutput& operator=(const RankOutput&) = delete;

  std::optional<io::ResultFile> file;  ///< rank 0 only

 private:
  std::optional<io::SpillFile> spill_;
};

}  // namespace sim::cli
