// Citizens who filed online coming to the counter to collect their result.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/visit_router.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// When the back office finishes an online dossier whose procedure's result is collected at the
/// counter (channels = "online_partly", or delivery = "counter"), the result is ready and the
/// citizen (told by the portal) comes for it as a walk-in of the catalogue's pick-up procedure
/// (result_pickup = true): on the day it is ready, at a moment drawn from that day's arrival
/// profile (the citizen's usual hour); if that moment is before the result was ready (or the day
/// is not a working day serving the pick-up domain), on the next working day at the same place
/// in its profile. Visits after the run's last day are not made. The actual finish, not the due
/// date, fixes the visit: a late dossier's citizen comes when it is done. So the back office's
/// staffing moves pick-up visits (the draws stay keyed by the dossier: common random numbers
/// hold for everything else). The citizen is drawn from streams keyed by the dossier
/// ("pickup.time", "pickup.citizen"), so pick-ups never move a walk-in's draws. It listens to
/// the back office as an observer (on_dossier_done).
class PickUps final : public CenterObserver {
 public:
  PickUps(engine::Simulation& sim, const CenterParams& params, const WorkCalendar& calendar,
          CitizenPool& pool, VisitRouter& router);

  void on_dossier_done(engine::SimTime t, const Dossier& d) override;

  /// Pick-up citizens' ids start here (walk-ins count from 0), plus the online dossier's id.
  static constexpr std::uint64_t id_base = std::uint64_t{1} << 62;

 private:
  void on_visit(std::uint64_t dossier_id);
  /// The pick-up moment on day `day` or later, not before t, at place u of a day's profile;
  /// < 0: none.
  double visit_time(std::uint32_t day, engine::SimTime t, double u);

  engine::Simulation& sim_;
  const CenterParams& params_;
  const WorkCalendar& calendar_;
  CitizenPool& pool_;
  VisitRouter& router_;
  engine::HandlerId visit_;
  std::optional<std::uint32_t> procedure_;  ///< the pick-up procedure; none: no pick-ups
  ArrivalProfile profile_;                  ///< of profile_day_
  std::uint32_t profile_day_ = UINT32_MAX;
};

}  // namespace sim::model
