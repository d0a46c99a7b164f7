// Writes traced visits as CSV: the layout `motcua fit` reads (docs/output-schema.md#trace).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "sim/model/center_params.hpp"
#include "sim/stats/trace_collector.hpp"

namespace sim::stats {

/// What the trace's index columns are written as: the scenario's ids and names, and the date
/// of simulated minute 0 (the station form has no calendar: it counts from Monday 03/01/2000).
struct TraceLabels {
  std::vector<std::string> procedures;
  std::vector<std::string> domains;
  std::vector<std::string> counters;
  std::vector<std::string> staff;
  model::Date start{std::chrono::year{2000}, std::chrono::month{1}, std::chrono::day{3}};

  static TraceLabels of(const model::CenterParams& center);
};

/// The header line of a trace file.
void write_trace_header(std::ostream& out);

/// One line per row, replication first.
void write_trace_rows(std::ostream& out, std::uint64_t replication,
                      const std::vector<TraceRow>& rows, const TraceLabels& labels);

/// "YYYY-MM-DD HH:MM:SS" of a time in minutes since `start`, to the nearest second; "" for NaN.
std::string format_trace_time(double minutes, model::Date start);

}  // namespace sim::stats
