// motcua optimize's outputs: the HDF5 file (docs/output-schema.md) and the one-sentence advice.
#pragma once

#include <string>

#include "sim/io/hdf5_writer.hpp"
#include "sim/optimize/optimizer.hpp"

namespace sim::optimize {

/// The advice a ward leader can act on, in Vietnamese ("vi") or English ("en"): what to change
/// from today's layout, what it costs and how sure it is; or that no layout meets the goal.
std::string advice(const Goal& goal, const Evaluator& ev, const Result& r, const std::string& lang);

/// Root metadata (the base scenario's), the goal, /variables, /candidates (every layout
/// simulated, ranked), /final_metrics (every summary metric of the final layouts, with
/// intervals) and /recommendation.
void write_result(io::ResultFile& file, const Goal& goal, const Evaluator& ev, const Result& r,
                  const std::string& scenario_file);

}  // namespace sim::optimize
