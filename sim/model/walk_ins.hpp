// Citizens walking in: the day's arrival process and the attributes each one is drawn with.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/citizen_draws.hpp"
#include "sim/model/visit_router.hpp"

namespace sim::model {

/// The walk-in arrival process: in the calendar form a non-homogeneous Poisson process over the
/// day's open hours (ArrivalProfile), in the station form a renewal process until
/// arrivals_end. Each arrival gets a slot in the pool and its attributes from the day's
/// streams (CitizenDraws); online dossiers and citizens a policy keeps at home are thinned
/// here, the others are handed to VisitRouter::arrive. Its slice of the parameters: demand,
/// interarrival and arrivals_end, and everything CitizenDraws reads.
class WalkIns {
 public:
  WalkIns(engine::Simulation& sim, const CenterParams& params, CitizenPool& pool,
          VisitRouter& router);

  /// The day's streams and arrival intensity (plan is nullptr in the station form).
  void start_day(std::uint32_t day, const DayPlan* plan);
  /// Schedules the day's first arrival (after start_day).
  void schedule_first() { schedule_next(); }

 private:
  void on_arrival(std::uint64_t);
  void schedule_next();

  engine::Simulation& sim_;
  const CenterParams& params_;
  CitizenPool& pool_;
  VisitRouter& router_;
  engine::HandlerId arrival_;
  std::optional<CitizenDraws> draws_;  ///< the current day's attribute streams
  ArrivalProfile profile_;             ///< the current day's arrival intensity
  bool calendar_form_ = false;
  std::uint64_t next_citizen_id_ = 0;
};

}  // namespace sim::model
