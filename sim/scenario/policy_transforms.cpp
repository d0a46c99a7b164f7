// Policies as named transforms: each takes a scenario and returns a new one with its changes.
#include "sim/scenario/policy_transforms.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {
namespace {

using model::CenterParams;

Scenario robot(const Scenario& in, std::vector<Problem>& problems) {
  Scenario s = in;
  const RobotPolicy& p = *in.policies.robot;
  CenterParams& c = s.center;
  model::RobotParams r = p.robot;
  if (p.time_to_failure && p.repair_time) {
    // The robot's breakdowns run on the software-system machinery (own keyed streams, added
    // last so every other system keeps its index and streams); no procedure needs it.
    model::SystemParams system;
    system.id = "reception_robot";
    system.name = "AI reception robot";
    system.time_to_failure = *p.time_to_failure;
    system.repair_time = *p.repair_time;
    if (c.systems.size() >= 64)
      problems.push_back(problem_at(s, "policies.robot.time_to_failure",
                                    "no room for the robot: 64 systems at most"));
    r.system = static_cast<std::uint32_t>(c.systems.size());
    c.systems.push_back(system);
  }
  c.reception.robot = r;
  return s;
}

Scenario no_writing_day(const Scenario& in, std::vector<Problem>&) {
  Scenario s = in;
  s.center.no_writing = *in.policies.no_writing_day;
  return s;
}

Scenario saturday(const Scenario& in, std::vector<Problem>& problems) {
  Scenario s = in;
  const SaturdayPolicy& p = *in.policies.saturday;
  CenterParams& c = s.center;
  model::CalendarSpec& cal = *c.calendar;
  cal.sessions[5] = p.sessions;
  cal.ticket_stop_min[5] = p.ticket_stop_min;
  model::SaturdayParams sat;
  sat.domains = p.domains;
  sat.shift_share = p.shift_share;
  // Saturday's visits: the moved share of a week's weekday visits to these domains, plus the
  // induced ones; its procedure mix is the catalogue's restricted to these domains.
  double domain_share = 0.0;
  for (const auto& procedure : c.procedures) {
    sat.saturday_shares.push_back(sat.domains[procedure.domain] ? procedure.share : 0.0);
    domain_share += sat.saturday_shares.back();
  }
  if (domain_share <= 0) {
    problems.push_back(problem_at(s, "policies.saturday.domains",
                                  "no procedure of the catalogue falls in these domains"));
    return s;
  }
  double week = 0.0;
  for (int d = 0; d < 5; ++d) week += c.demand.weekday_factor[d];
  c.demand.weekday_factor[5] = p.shift_share * (1.0 + p.induced_share) * domain_share * week;
  auto& weekday = c.demand.domain_visit_factor;
  if (weekday.empty()) weekday.assign(c.domains.size(), 1.0);
  c.demand.saturday_visit_factor = weekday;
  for (std::size_t d = 0; d < weekday.size(); ++d) {
    if (sat.domains[d]) weekday[d] *= 1.0 - p.shift_share;
  }
  c.saturday = sat;
  return s;
}

/// Secondment and extra counters: `count` new counters for `domains`, one staff member each.
/// Dates before the run's start are allowed (an overlay combines with scenarios of any dates):
/// a secondment that began earlier is there from day 0, one that ended earlier never.
Scenario add_counters(const Scenario& in, const CountersPolicy& p, const std::string& label) {
  Scenario s = in;
  CenterParams& c = s.center;
  const model::Date start = c.calendar->start;
  const auto day_of = [&](const std::optional<model::Date>& d) -> std::optional<long> {
    if (!d) return std::nullopt;
    return (std::chrono::sys_days{*d} - std::chrono::sys_days{start}).count();
  };
  const auto from = day_of(p.from), until = day_of(p.until);
  const std::uint32_t first =
      from ? static_cast<std::uint32_t>(std::clamp<long>(*from, 0, UINT32_MAX - 1)) : 0;
  const bool ended = until && *until < 0;
  const std::uint32_t last =
      !until ? UINT32_MAX : static_cast<std::uint32_t>(std::clamp<long>(*until, 0, UINT32_MAX - 1));
  model::CounterParams counter;
  for (std::uint32_t d = 0; d < p.domains.size(); ++d) {
    if (p.domains[d]) counter.domains.push_back(d);
  }
  for (std::int64_t n = 1; n <= p.count; ++n) {
    counter.id = label + "-" + std::to_string(n);
    model::StaffParams staff;
    staff.name = label + " officer " + std::to_string(n);
    staff.counter = static_cast<std::uint32_t>(c.counters.size());
    staff.speed.assign(c.domains.size(), p.speed);
    staff.absence_prob = p.absence_prob;
    staff.first_day = ended ? UINT32_MAX : first;
    staff.last_day = last;
    c.counters.push_back(counter);
    c.staff.push_back(staff);
  }
  return s;
}

/// Each seconded specialist where the seeds say they work: cadastral and construction officers
/// at counters of their domains, back-office officers among the dedicated back-office workers,
/// IT officers repairing the software (each multiplies every repair time by it_repair_factor);
/// accountants work in the commune's finance office, outside the center.
Scenario secondment(const Scenario& in, std::vector<Problem>&) {
  const CountersPolicy& p = *in.policies.secondment;
  Scenario s = add_counters(in, p, "seconded");
  s.center.back_office.workers += static_cast<std::uint32_t>(p.back_office);
  const double k = std::pow(p.it_repair_factor, static_cast<double>(p.it));
  if (p.it > 0 && k > 0 && std::isfinite(k)) {  // validate() reports a bad factor
    for (auto& sys : s.center.systems) sys.repair_time = sys.repair_time.scaled(k);
  }
  return s;
}

/// Youth volunteers in the hall: a counted resource at the form stage (model::Reception), so
/// their effect saturates with load; only the citizens one of them helps fill forms faster,
/// pick the right domain more often and bring complete dossiers more often.
Scenario volunteers(const Scenario& in, std::vector<Problem>&) {
  Scenario s = in;
  const VolunteersPolicy& p = *in.policies.volunteers;
  model::VolunteerParams v;
  v.count = static_cast<std::uint32_t>(p.count);
  v.from_min = p.from_min.value_or(-1);
  v.until_min = p.until_min.value_or(-1);
  v.form_factor = p.form_factor;
  v.wrong_pick_factor = p.wrong_pick_factor;
  v.incomplete_factor = p.incomplete_factor;
  s.center.reception.volunteers = v;
  return s;
}

Scenario extra_counters(const Scenario& in, std::vector<Problem>&) {
  return add_counters(in, *in.policies.extra_counters, "extra");
}

Scenario extended_hours(const Scenario& in, std::vector<Problem>& problems) {
  Scenario s = in;
  const ExtendedHoursPolicy& p = *in.policies.extended_hours;
  model::CalendarSpec& cal = *s.center.calendar;
  for (int d = 0; d < 7; ++d) {
    if (!p.weekdays[d]) continue;
    if (cal.sessions[d].empty()) {
      problems.push_back(problem_at(s, "policies.extended_hours.weekdays",
                                    "the center is closed on " + weekday_names[d]));
      continue;
    }
    auto& last = cal.sessions[d].back();
    if (p.close_min <= last.close_min) {
      problems.push_back(
          problem_at(s, "policies.extended_hours.close",
                     "must be later than the last session's close on " + weekday_names[d]));
    }
    // Without a new ticket stop the old gap between ticket stop and closing is kept.
    const int old_stop = cal.ticket_stop_min[d] > 0 ? cal.ticket_stop_min[d] : last.close_min;
    cal.ticket_stop_min[d] = p.ticket_stop_min.value_or(p.close_min - (last.close_min - old_stop));
    for (int h = last.close_min / 60; h * 60 < p.close_min && h < 24; ++h) {
      if (s.center.demand.hourly_profile[h] <= 0)
        s.center.demand.hourly_profile[h] = p.evening_weight;
    }
    last.close_min = std::max(last.close_min, p.close_min);
  }
  return s;
}

Scenario digital_training(const Scenario& in, std::vector<Problem>&) {
  Scenario s = in;
  const DigitalTrainingPolicy& p = *in.policies.digital_training;
  for (auto& staff : s.center.staff) {
    for (auto& v : staff.speed) v *= p.speed_factor;  // 0 (cannot do) stays 0
  }
  for (auto& sys : s.center.systems) sys.sync_failure_share *= p.error_factor;
  return s;
}

Scenario online_shift(const Scenario& in, std::vector<Problem>& problems) {
  Scenario s = in;
  const double share = in.policies.online_shift->share;
  auto& c = s.center;
  const bool weighted = std::any_of(c.procedures.begin(), c.procedures.end(),
                                    [](const auto& p) { return p.online_weight > 0; });
  if (share != 0 && !weighted)
    problems.push_back(problem_at(s, "policies.online_shift.share",
                                  "no procedure of the catalogue has online_weight > 0"));
  // A share of the walk-ins who could file online do so: procedures filed in person only
  // (signatures, contracts) stay at the counter.
  const double eligible = model::online_eligible_share(c);
  c.demand.online_share += share * std::max(0.0, eligible - c.demand.online_share);
  return s;
}

Scenario online_qa(const Scenario& in, std::vector<Problem>&) {
  Scenario s = in;
  const OnlineQaPolicy& p = *in.policies.online_qa;
  auto& c = s.center;
  auto& factor = c.demand.domain_visit_factor;
  if (factor.empty()) factor.assign(c.domains.size(), 1.0);
  for (std::size_t d = 0; d < p.domains.size(); ++d) {
    if (p.domains[d]) factor[d] *= p.visit_factor;
  }
  if (!c.demand.saturday_visit_factor.empty()) {
    for (std::size_t d = 0; d < p.domains.size(); ++d) {
      if (p.domains[d]) c.demand.saturday_visit_factor[d] *= p.visit_factor;
    }
  }
  for (auto& procedure : c.procedures) procedure.incomplete_share *= p.incomplete_factor;
  return s;
}

Scenario it_support(const Scenario& in, std::vector<Problem>&) {
  Scenario s = in;
  const double k = in.policies.it_support->repair_factor;
  if (!(k > 0 && std::isfinite(k))) return s;  // validate() reports the factor
  for (auto& sys : s.center.systems) sys.repair_time = sys.repair_time.scaled(k);
  return s;
}

/// Whether the scenario sets the policy a transform applies.
bool sets(const PolicySet& p, const std::string& name) {
  if (name == "robot") return p.robot.has_value();
  if (name == "no_writing_day") return p.no_writing_day.has_value();
  if (name == "saturday") return p.saturday.has_value();
  if (name == "secondment") return p.secondment.has_value();
  if (name == "extra_counters") return p.extra_counters.has_value();
  if (name == "extended_hours") return p.extended_hours.has_value();
  if (name == "digital_training") return p.digital_training.has_value();
  if (name == "online_shift") return p.online_shift.has_value();
  if (name == "online_qa") return p.online_qa.has_value();
  if (name == "volunteers") return p.volunteers.has_value();
  return name == "it_support" && p.it_support.has_value();
}

}  // namespace

const std::vector<Transform>& policy_transforms() {
  static const std::vector<Transform> all = {
      {"robot", "reception.robot; a \"reception_robot\" system appended when it can fail", &robot},
      {"no_writing_day", "no_writing (the policy's own parameters)", &no_writing_day},
      {"saturday",
       "hours: Saturday sessions and ticket stop; demand.weekday_factors[sat]; the walk-ins of "
       "its domains on weekdays (domain visit factors) and on Saturdays",
       &saturday},
      {"secondment",
       "counters and staff appended (\"seconded-N\"); back_office.workers; every system's "
       "repair_time (IT officers)",
       &secondment},
      {"extra_counters", "counters and staff appended (\"extra-N\")", &extra_counters},
      {"extended_hours",
       "hours: the last session's close and ticket stop on its weekdays; demand.hourly_profile "
       "weights of the new evening hours that were 0",
       &extended_hours},
      {"digital_training", "every staff skill speed; every system's sync_failure_share",
       &digital_training},
      {"online_shift", "demand.online_share", &online_shift},
      {"online_qa", "domain visit factors (weekdays and Saturdays); every incomplete_share",
       &online_qa},
      {"volunteers", "reception.volunteers (count, hours, factors for a helped citizen)",
       &volunteers},
      {"it_support", "every system's repair_time (the robot's too)", &it_support},
  };
  return all;
}

const Transform* find_transform(const std::string& name) {
  for (const auto& t : policy_transforms()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

Scenario apply_policies(const Scenario& in, std::vector<Problem>& problems) {
  Scenario s = in;
  for (const auto& t : policy_transforms()) {
    if (!sets(s.policies, t.name) ||
        std::find(s.transforms.begin(), s.transforms.end(), t.name) != s.transforms.end())
      continue;
    try {
      s = t.apply(s, problems);
    } catch (const std::invalid_argument& e) {
      // A value the transform cannot use (validate() names the setting); keep the scenario.
      problems.push_back(problem_at(s, std::string("policies.") + t.name, e.what()));
    }
    s.transforms.emplace_back(t.name);
  }
  return s;
}

Problem problem_at(const Scenario& s, const std::string& key, std::string message) {
  if (s.sources) {
    if (const Origin* o = s.sources->find(key)) return Problem{o->file, o->line, key, message};
  }
  return Problem{s.source_path, 0, key, std::move(message)};
}

}  // namespace sim::scenario
