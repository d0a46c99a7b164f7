// Seconded back-office officers (biệt phái) of a national run: each province's pool, sent where
// a planner expects the back office to be shortest of hands.
#pragma once

#include <cstdint>

#include "sim/model/center_params.hpp"

namespace sim::scenario {

struct NationalScenario;

/// What a planner expects of a center's back office on an ordinary working day (Monday's
/// sessions), from the means of its distributions — no simulation: the minutes of back-office
/// work its demand brings (walk-in dossiers and online ones, at the launch's time factor) and
/// the minutes its staff have for it (dedicated and seconded workers' hours, and the counter
/// staff's open minutes not spent serving walk-ins, when counter staff take back-office work).
struct BackOfficePlan {
  double work_min = 0.0;
  double staff_min = 0.0;
  double worker_min = 0.0;  ///< one more dedicated worker's minutes
  /// Work per staff minute with `extra` more workers (infinite when there are no staff minutes).
  double load(std::uint32_t extra) const;
};

BackOfficePlan plan_back_office(const model::CenterParams& center);

/// The named transform's planning step ("national secondment"): each province of the run gets
/// round(secondment_per_unit x its centers in the run) officers, handed out one at a time to
/// the center whose expected load (BackOfficePlan::load) is highest with what it already has
/// (ties: the first center in dataset order). Sets NationalCenter::seconded_workers.
void allocate_secondment(NationalScenario& n);

}  // namespace sim::scenario
