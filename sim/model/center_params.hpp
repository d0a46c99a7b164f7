// The parameters a Center is built from: plain, validated data produced by the scenario builder.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "sim/engine/distribution.hpp"
#include "sim/engine/sim_time.hpp"

namespace sim::model {

/// One center as the model sees it. The station form (one ticket queue, identical
/// counters, Poisson arrivals) is the case the queueing-theory validation uses.
struct CenterParams {
  std::uint64_t center_id = 0;
  std::uint32_t counters = 1;
  /// Time between arrivals, minutes. Exponential (a Poisson process) from scenarios;
  /// tests use deterministic gaps to follow a trajectory by hand.
  engine::Distribution interarrival = engine::Distribution::exponential(1.0);
  /// Share of arrivals in the legal priority class (elderly, disabled, pregnant).
  double priority_share = 0.0;
  /// Work a citizen brings to the counter, minutes.
  engine::Distribution service = engine::Distribution::exponential(1.0);
  /// How long a citizen waits for a call before leaving; none = waits forever.
  std::optional<engine::Distribution> patience;
  /// No arrivals at or after this time (minutes); those inside are served to the end.
  engine::SimTime arrivals_end = std::numeric_limits<double>::infinity();
};

}  // namespace sim::model
