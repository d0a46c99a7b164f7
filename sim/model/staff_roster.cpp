// Who sits at which counter in each session: assignments, working days, secondments, absences.
#include "sim/model/staff_roster.hpp"

namespace sim::model {

StaffRoster::StaffRoster(const engine::Simulation& sim, const CenterParams& params)
    : sim_(sim), params_(params), by_counter_(params.counters.size()) {
  for (std::uint32_t s = 0; s < params.staff.size(); ++s) {
    by_counter_[params.staff[s].counter].push_back(s);
  }
}

bool StaffRoster::counter_opens(std::uint32_t counter, const DayPlan* plan) const {
  // Friendly Saturday: only counters serving one of the Saturday domains open that day.
  if (!params_.saturday || !plan || plan->schedule != 5) return true;
  for (auto d : params_.counters[counter].domains) {
    if (params_.saturday->domains[d]) return true;
  }
  return false;
}

std::uint32_t StaffRoster::staff_for(std::uint32_t counter, std::uint32_t day, const DayPlan* plan,
                                     std::uint32_t session) const {
  if (!counter_opens(counter, plan)) return no_index;
  const unsigned weekday = plan ? plan->schedule : 0;
  for (const std::uint32_t s : by_counter_[counter]) {
    const StaffParams& staff = params_.staff[s];
    if (!staff.works[weekday]) continue;
    if (day < staff.first_day || day > staff.last_day) continue;  // seconded for a period
    const std::uint64_t key = (std::uint64_t{day} << 24) | (std::uint64_t{session} << 16) | s;
    if (engine::keyed_uniform(sim_.stream_seed(), {"staff.absence", key}) < staff.absence_prob)
      continue;
    return s;
  }
  return no_index;
}

}  // namespace sim::model
