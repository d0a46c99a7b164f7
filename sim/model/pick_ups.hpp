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

/// When the back office receives an online dossier whose procedure's result is collected at the
/// counter (channels = "online_partly", or delivery = "counter"), the citizen is given the day
/// the result will be ready: its statutory due date (the receipt's appointment, "giấy hẹn trả
/// kết quả"), and comes for it that day as a walk-in of the catalogue's pick-up procedure
/// (result_pickup = true), at a moment drawn from that day's arrival profile (the citizen's
/// usual hour); if that moment is before the filing (or the day is not a working day serving
/// the pick-up domain), on the next working day at the same place in its profile. Visits after
/// the run's last day are not made. The due date, not the back office's actual finish, fixes
/// the visit, so a change of layout or staffing never moves an arrival (common random numbers);
/// a result that is late is still handed over at that visit. The citizen is drawn from streams
/// keyed by the dossier ("pickup.time", "pickup.citizen"), so pick-ups never move a walk-in's
/// draws. It listens to the back office as an observer (on_dossier_received).
class PickUps : public CenterObserver {
 public:
  PickUps(engine::Simulation& sim, const CenterParams& params, const WorkCalendar& calendar,
          CitizenPool& pool, VisitRouter& router);

  void on_dossier_received(engine::SimTime t, const Dossier& d) override;

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
