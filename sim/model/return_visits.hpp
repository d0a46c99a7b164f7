// Citizens sent home who come back on a later working day.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/visit_router.hpp"

namespace sim::model {

/// Decides who comes back after leaving unserved, and when: a citizen whose reason
/// returns_later() (or who gave up, with chance gave_up_return_share drawn on arrival) comes
/// back return_after_working_days working days later (a weekday if the
/// day is a Friendly Saturday that does not serve the domain), at a moment drawn from that
/// day's arrival profile, unless this was visit max_visits. The returning citizen keeps their
/// id and first arrival and comes back knowing where to queue, with complete papers. Its slice
/// of the parameters: PolicyParams' return_after_working_days and max_visits, demand (to place
/// the visit) and the Saturday domains. It owns the "citizen.return" stream of each day.
class ReturnVisits {
 public:
  ReturnVisits(engine::Simulation& sim, const CenterParams& params, const DayCycle& days,
               CitizenPool& pool, VisitRouter& router);

  /// Called when citizen i leaves unserved for `reason`: true if a return visit is scheduled
  /// (the citizen keeps the pool slot), false otherwise. Sets citizen.returning when the
  /// citizen means to come back, also when that day falls after the run (pending at the end).
  bool schedule(CitizenIndex i, LeaveReason reason);
  /// Citizens away who will come back.
  std::size_t away() const { return away_; }

 private:
  void on_return(std::uint64_t citizen);
  bool comes_back(const Citizen& c, LeaveReason reason) const;
  std::optional<std::uint32_t> return_day(const Citizen& c) const;
  /// Uniform [0, 1) placing a return visit within its day, from the current day's stream.
  double position();

  engine::Simulation& sim_;
  const CenterParams& params_;
  const DayCycle& days_;
  CitizenPool& pool_;
  VisitRouter& router_;
  engine::HandlerId return_;
  ArrivalProfile profile_;  ///< the intensity of profile_day_, where returns are placed
  std::uint32_t profile_day_ = UINT32_MAX;
  std::optional<engine::RngStream> stream_;  ///< "citizen.return" of stream_day_
  std::uint32_t stream_day_ = UINT32_MAX;
  std::size_t away_ = 0;
};

}  // namespace sim::model
