// Finds demand that no counter, no staff member, no session can ever serve, after every policy.
#include "sim/scenario/servability.hpp"

#include <sstream>

namespace sim::scenario {
namespace {

using model::CenterParams;

/// The problem placed at the k-th [[key]] block's header, else at the
/// [policies] table for entries a policy added, else at the array, else the scenario file.
Problem at(const Scenario& s, const char* key, std::size_t k, std::string message) {
  const std::string element = std::string(key) + "[" + std::to_string(k) + "]";
  for (const std::string& probe : {element, std::string("policies"), std::string(key)}) {
    const Origin* o = s.sources ? s.sources->find(probe) : nullptr;
    if (o) return Problem{o->file, o->line, key, std::move(message)};
  }
  return Problem{s.source_path, 0, key, std::move(message)};
}

bool has_demand(const CenterParams& c, std::uint32_t d) {
  if (c.demand.daily_visits <= 0 || c.demand.online_share >= 1.0) return false;
  const auto factor = [&](const std::vector<double>& f) { return f.empty() || f[d] > 0; };
  if (!factor(c.demand.domain_visit_factor) &&
      !(!c.demand.saturday_visit_factor.empty() && factor(c.demand.saturday_visit_factor)))
    return false;
  for (const auto& p : c.procedures) {
    if (p.domain == d && p.share > 0) return true;
  }
  return false;
}

bool calls(const model::CounterParams& k, std::uint32_t d) {
  for (auto x : k.domains)
    if (x == d) return true;
  for (auto x : k.overflow)
    if (x == d) return true;
  for (auto x : k.cover)
    if (x == d) return true;
  return false;
}

/// Whether the staff member ever sits at a counter on a day the center opens within the run.
bool ever_present(const model::StaffParams& s, const model::CalendarSpec& cal) {
  if (s.absence_prob >= 1.0 || s.first_day >= cal.days || s.first_day > s.last_day) return false;
  for (int w = 0; w < 7; ++w) {
    if (s.works[w] && !cal.sessions[w].empty()) return true;
  }
  return false;
}

std::string procedures_of(const CenterParams& c, std::uint32_t d) {
  std::string list;
  for (const auto& p : c.procedures) {
    if (p.domain == d && p.share > 0) list += (list.empty() ? "" : ", ") + p.id;
  }
  return list;
}

const char* const remedy =
    "; add a counter or staff for it, or set [policy] unserved = \"turn_away\" to turn these "
    "citizens away on purpose (counted as turned_away)";

/// Records why domain d cannot be served, at the place in the layout to look at; false when
/// some staff member can serve it.
bool diagnose(const Scenario& s, const model::CalendarSpec& cal, std::uint32_t d,
              std::vector<Problem>& problems) {
  const CenterParams& c = s.center;
  std::vector<std::size_t> counters;
  for (std::size_t k = 0; k < c.counters.size(); ++k) {
    if (calls(c.counters[k], d)) counters.push_back(k);
  }
  std::vector<std::size_t> seated;
  for (std::size_t s = 0; s < c.staff.size(); ++s) {
    for (auto k : counters) {
      if (c.staff[s].counter == k) seated.push_back(s);
    }
  }
  for (auto s : seated) {
    if (c.staff[s].speed[d] > 0 && ever_present(c.staff[s], cal)) return false;
  }
  const auto& domain = c.domains[d];
  const std::string what = "domain '" + domain.id + "' (" + domain.name + "; procedures " +
                           procedures_of(c, d) + ") has demand but ";
  if (counters.empty()) {
    problems.push_back(
        at(s, "counters", 0, what + "no counter serves it (in domains or overflow)" + remedy));
  } else if (seated.empty()) {
    for (auto k : counters) {
      problems.push_back(at(s, "counters", k,
                            what + "its counter '" + c.counters[k].id + "' has no staff" + remedy));
    }
  } else {
    for (auto m : seated) {
      const auto& staff = c.staff[m];
      const std::string why = staff.speed[d] <= 0 ? "has skill " + domain.id + " = 0"
                                                  : "never works on a day the center opens";
      problems.push_back(at(s, "staff", m,
                            what + "no one can do it: '" + staff.name + "' at counter '" +
                                c.counters[staff.counter].id + "' " + why + remedy));
    }
  }
  return true;
}

}  // namespace

void check_servability(Scenario& s, std::vector<Problem>& problems) {
  if (s.form != ScenarioForm::center || !s.center.calendar) return;
  CenterParams& center = s.center;
  const bool turn_away = center.policy.unserved == model::PolicyParams::Unserved::turn_away;
  std::vector<Problem> found;
  std::vector<bool> unservable(center.domains.size(), false);
  bool any = false;
  for (std::uint32_t d = 0; d < center.domains.size(); ++d) {
    if (!has_demand(center, d)) continue;
    if (diagnose(s, *center.calendar, d, found)) unservable[d] = any = true;
  }
  if (turn_away) {
    center.policy.turn_away = any ? unservable : std::vector<bool>{};
  } else {
    problems.insert(problems.end(), found.begin(), found.end());
  }
}

}  // namespace sim::scenario
