// Who sits at which counter in each session: assignments, working days, secondments, absences.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// Decides who staffs a free counter when a session opens: the first of the staff assigned to
/// it (in staff order) who works that weekday, is at the center that day (secondments have a
/// first and a last day), and is not absent. Absence is a keyed draw per (staff, day,
/// session): adding a staff member or a session elsewhere never changes who is absent here.
/// On a Friendly Saturday only counters serving a Saturday domain open. Its slice of the
/// parameters: StaffParams, and the counters' domains on Saturdays. It holds no state that
/// changes during a run.
///
/// An absent officer covered by a colleague with the skill would be a change here: a second
/// pass over the staff left without a counter.
class StaffRoster {
 public:
  StaffRoster(const engine::Simulation& sim, const CenterParams& params);

  /// The staff member who sits at counter k in this session, or no_index if none does.
  /// `plan` is nullptr in the station form (every day is a Monday with one session).
  std::uint32_t staff_for(std::uint32_t counter, std::uint32_t day, const DayPlan* plan,
                          std::uint32_t session) const;

 private:
  bool counter_opens(std::uint32_t counter, const DayPlan* plan) const;

  const engine::Simulation& sim_;
  const CenterParams& params_;
  std::vector<std::vector<std::uint32_t>> by_counter_;  ///< staff assigned to each counter
};

}  // namespace sim::model
