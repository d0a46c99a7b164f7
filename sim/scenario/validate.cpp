// The one validation of a scenario, after its last transform: ranges and bounded work.
#include "sim/scenario/validate.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <optional>
#include <sstream>

#include "sim/model/work_calendar.hpp"
#include "sim/scenario/policy_transforms.hpp"
#include "sim/scenario/value_checker.hpp"

namespace sim::scenario {
namespace {

using engine::Distribution;

/// Upper limits of durations, in minutes (docs/scenario-format.md).
constexpr double day_min = 1440.0;
constexpr double work_day_min = 480.0;
constexpr double week_min = 7 * 1440.0;
constexpr double run_limit_min = 3660 * 1440.0;

void check_run(ValueChecker& c) {
  const RunSettings& run = c.scenario().run;
  if (c.scenario().form != ScenarioForm::station) {
    // The center form counts days; at least one of them must be reported.
    const auto& cal = c.scenario().center.calendar;
    if (cal) c.range("run.warmup_days", run.warmup_days, 0.0, cal->days - 1.0);
    return;
  }
  c.range("run.warmup_min", run.warmup_min, 0.0, 366 * day_min);
  c.range("run.horizon_min", run.horizon_min, 1.0, run_limit_min);
}

void check_station(ValueChecker& c) {
  const Scenario& s = c.scenario();
  if (s.form != ScenarioForm::station) return;
  const auto& p = s.center;
  const double rate = 1.0 / p.interarrival.mean();
  if (c.range("arrivals.rate_per_min", rate, 1e-6, max_arrivals_per_day / day_min)) {
    const double expected = rate * s.run.horizon_min;
    if (expected > max_arrivals_per_replication) {
      c.fail("arrivals.rate_per_min",
             "expects " + shown_number(expected) + " arrivals a replication (rate_per_min x " +
                 "run.horizon_min); at most " + shown_number(max_arrivals_per_replication) +
                 " can be simulated");
    }
  }
  c.duration("service", p.procedures.front().service, 0.0, work_day_min);
  if (p.patience) c.duration("patience", *p.patience, 0.0, week_min);
  c.range("arrivals.priority_share", p.priority_share, 0.0, 1.0);
}

void check_demand(ValueChecker& c) {
  const Scenario& s = c.scenario();
  if (s.form != ScenarioForm::center) return;
  const auto& d = s.center.demand;
  // Daily demand is written as daily_visits or as population x visits_per_1000_per_day.
  const std::string daily_key = s.sources && s.sources->find("demand.population")
                                    ? "demand.population"
                                    : "demand.daily_visits";
  const bool daily_ok =
      c.range(daily_key, d.daily_visits, 1e-3, max_arrivals_per_day, {"national"});
  for (double f : d.weekday_factor) {
    if (!c.range("demand.weekday_factors", f, 0.0, 100.0, {"saturday"})) break;
  }
  for (double w : d.hourly_profile) {
    if (!c.range("demand.hourly_profile", w, 0.0, 1e6, {"extended_hours"})) break;
  }
  const bool surge_ok = c.range("demand.surge_factor", d.surge_factor, 0.01, 10.0);
  c.range("demand.online_share", d.online_share, 0.0, 1.0, {"online_shift"});
  if (s.form == ScenarioForm::center && d.online_share > 0.0) {
    // The share moves only walk-ins whose procedure may be filed online (channels).
    const double eligible = model::online_eligible_share(s.center);
    if (d.online_share > eligible + 1e-9) {
      c.fail("demand.online_share",
             "is " + shown_number(d.online_share) + " but only " + shown_number(eligible) +
                 " of the in-person mix may be filed online (procedures whose channels are not "
                 "\"in_person\"); at most that share can move online",
             {"online_shift", "national"});
    }
  }
  c.range("demand.priority_share", s.center.priority_share, 0.0, 1.0);
  for (double f : d.domain_visit_factor) {
    if (!c.range("demand", f, 0.0, 1.0, {"saturday", "online_qa"})) break;
  }
  if (s.center.patience) c.duration("demand.patience", *s.center.patience, 0.0, week_min);
  const auto& b = s.center.behaviour;
  c.range("demand.abandon_share", b.abandon_share, 0.0, 1.0);
  c.range("demand.gave_up_return_share", b.gave_up_return_share, 0.0, 1.0);
  c.range("demand.no_show_share", b.no_show_share, 0.0, 1.0);
  c.range("demand.no_show_min", b.no_show_min, 0.0, 60.0);
  if (b.balk_start > 0 || b.balk_full > 0) {
    c.range("demand.balking.start", b.balk_start, 1.0, 100000.0);
    c.range("demand.balking.full", b.balk_full, std::max(1.0, double(b.balk_start)), 100000.0);
    c.range("demand.balking.late_factor", b.balk_late_factor, 0.01, 1.0);
  }
  if (!daily_ok || !surge_ok) return;
  // Expected arrivals (walk-ins and online) on the busiest day, and over the run.
  const double busiest = *std::max_element(d.weekday_factor.begin(), d.weekday_factor.end());
  const double online = *std::max_element(s.center.online.weekday_factor.begin(),
                                          s.center.online.weekday_factor.end());
  const double peak = d.daily_visits * std::max(busiest * d.surge_factor, online);
  const double days = s.center.calendar ? s.center.calendar->days : 1.0;
  if (peak > max_arrivals_per_day) {
    c.fail(daily_key,
           "expects up to " + shown_number(peak) +
               " arrivals on the busiest day (daily visits x the largest weekday factor x "
               "surge_factor); at most " +
               shown_number(max_arrivals_per_day) + " a day can be simulated",
           {"saturday", "national"});
  } else if (peak * days > max_arrivals_per_replication) {
    c.fail(daily_key,
           "expects up to " + shown_number(peak * days) + " arrivals in " + shown_number(days) +
               " days; at most " + shown_number(max_arrivals_per_replication) +
               " a replication can be simulated",
           {"national"});
  }
}

/// A distribution of working days: a mean between 0 and a working year (250 days), bounded spread.
void working_days(ValueChecker& c, const std::string& key, const Distribution& d) {
  const double mean = d.mean(), sd = std::sqrt(std::max(d.variance(), 0.0));
  if (!c.range(key + " (mean, working days)", mean, 0.0, 250.0)) return;
  if (mean > 0) c.range(key + " (coefficient of variation)", sd / mean, 0.0, max_cv);
}

void check_route(ValueChecker& c, const std::string& key, const model::RouteParams& r) {
  c.range(key + "missing_papers_share", r.missing_papers_share, 0.0, 1.0);
  c.range(key + "missing_papers_rework", r.missing_papers_rework, 0.0, 1.0);
  working_days(c, key + "missing_papers_days", r.missing_papers_days);
  if (!r.handoff) return;
  c.range(key + "handoff.share", r.handoff->share, 0.0, 1.0);
  c.range(key + "handoff.deadline_share", r.handoff->deadline_share, 1e-9, 1.0);
  working_days(c, key + "handoff.working_days", r.handoff->working_days);
}

void check_procedures(ValueChecker& c) {
  const Scenario& s = c.scenario();
  if (s.form != ScenarioForm::center) return;
  for (std::size_t i = 0; i < s.center.procedures.size(); ++i) {
    const auto& p = s.center.procedures[i];
    const std::string key = "procedures[" + std::to_string(i) + "].";
    c.range(key + "share", p.share, 0.0, 1.0);
    c.duration(key + "service", p.service, 0.0, work_day_min);
    c.duration(key + "form_min", p.form, 0.0, work_day_min);
    c.duration(key + "fix_on_spot_min", p.fix_on_spot, 0.0, work_day_min);
    c.range(key + "incomplete_share", p.incomplete_share, 0.0, 1.0, {"online_qa"});
    c.range(key + "fix_on_spot_share", p.fix_on_spot_share, 0.0, 1.0);
    c.duration(key + "back_office_min", p.back_office, 0.0, 10 * work_day_min, {"national"});
    c.range(key + "online_weight", p.online_weight, 0.0, 1e6);
    check_route(c, key + "route.", p.route);
  }
}

void check_reception(ValueChecker& c) {
  const Scenario& s = c.scenario();
  if (s.form != ScenarioForm::center) return;
  const auto& r = s.center.reception;
  c.range("reception.wrong_pick_share", r.wrong_pick_share, 0.0, 1.0);
  c.duration("reception.reception_time", r.reception_time, 0.0, work_day_min);
  c.duration("reception.misroute_time", r.misroute_time, 0.0, work_day_min);
  c.duration("reception.manual_ticket_time", r.manual_ticket_time, 0.0, work_day_min);
  if (!r.robot) return;
  c.duration("policies.robot.service_time", r.robot->service_time, 0.0, work_day_min);
  c.range("policies.robot.accuracy", r.robot->accuracy, 0.0, 1.0);
  c.range("policies.robot.answer_share", r.robot->answer_share, 0.0, 1.0);
  c.range("policies.robot.qr_service_factor", r.robot->qr_service_factor, 0.01, 10.0);
}

void check_staff(ValueChecker& c) {
  const Scenario& s = c.scenario();
  if (s.form != ScenarioForm::center) return;
  for (std::size_t i = 0; i < s.center.staff.size(); ++i) {
    const auto& staff = s.center.staff[i];
    const std::string key = "staff[" + std::to_string(i) + "].";
    for (std::size_t d = 0; d < staff.speed.size(); ++d) {
      // 0 = cannot do that domain.
      if (!c.range(key + "skills." + s.center.domains[d].id, staff.speed[d], 0.0, 10.0,
                   {"secondment", "extra_counters", "digital_training"}))
        break;
    }
    c.range(key + "absence_prob", staff.absence_prob, 0.0, 1.0, {"secondment", "extra_counters"});
  }
}

void check_back_office_and_online(ValueChecker& c) {
  const Scenario& s = c.scenario();
  if (s.form != ScenarioForm::center) return;
  const auto& b = s.center.back_office;
  c.range("back_office.slice_min", b.slice_min, 0.1, work_day_min);
  c.range("back_office.workers", b.workers, 0.0, 10000.0, {"national"});
  if (b.overtime_until_min >= 0) {
    c.range("back_office.overtime_until", b.overtime_until_min, 0.0, 1440.0);
    c.range("back_office.overtime_backlog", b.overtime_backlog, 1.0, 1e6);
  }
  c.range("back_office.signature.away_share", b.signature_away_share, 0.0, 1.0);
  for (int m : b.signature_batches) {
    if (!c.range("back_office.signature.batches", m, 0.0, 1439.0)) break;
  }
  const auto& o = s.center.online;
  c.range("online.payment_share", o.payment_share, 0.0, 1.0);
  c.range("online.reception_min", o.reception_min, 0.0, 480.0);
  c.range("online.reception_due_hours", o.reception_due_hours, 0.5, 1000.0);
  if (c.range("online.reception_miss_share", o.reception_miss_share, 0.0, 1.0, {"national"}) &&
      o.reception_miss_share > 0.0 && o.reception_min <= 0.0) {
    c.fail("online.reception_miss_share",
           "is " + shown_number(o.reception_miss_share) +
               " but there is no reception step to miss (online.reception_min is 0)",
           {"national"});
  }
  c.range("online.reception_miss_days", o.reception_miss_days, 1.0, 250.0);
  for (double w : o.hourly_profile) {
    if (!c.range("online.hourly_profile", w, 0.0, 1e6)) break;
  }
  for (double f : o.weekday_factor) {
    if (!c.range("online.weekday_factors", f, 0.0, 100.0)) break;
  }
}

void check_systems(ValueChecker& c) {
  const Scenario& s = c.scenario();
  const double horizon = s.run.warmup_min + s.run.horizon_min;  // the whole run, warm-up too
  double changes = 0.0;  // expected up/down and degraded/up changes over the run
  for (std::size_t i = 0; i < s.center.systems.size(); ++i) {
    const auto& sys = s.center.systems[i];
    const bool robot = s.center.reception.robot && s.center.reception.robot->system == i;
    const std::string key = robot ? "policies.robot." : "systems[" + std::to_string(i) + "].";
    if (sys.time_to_failure) {
      c.duration(key + "time_to_failure", *sys.time_to_failure, 1.0, run_limit_min);
      c.duration(key + "repair_time", sys.repair_time, 0.01, run_limit_min, {"it_support"});
      changes += 2 * horizon / (sys.time_to_failure->mean() + sys.repair_time.mean());
    }
    if (sys.time_to_degrade) {
      c.duration(key + "time_to_degrade", *sys.time_to_degrade, 1.0, run_limit_min);
      c.duration(key + "degraded_time", sys.degraded_time, 0.01, run_limit_min);
      changes += 2 * horizon / (sys.time_to_degrade->mean() + sys.degraded_time.mean());
    }
    if (robot) continue;
    c.duration(key + "paper_entry", sys.paper_entry, 0.0, work_day_min);
    c.range(key + "sync_failure_share", sys.sync_failure_share, 0.0, 1.0, {"digital_training"});
    c.duration(key + "sync_delay", sys.sync_delay, 0.0, week_min);
    c.range(key + "rework_share", sys.rework_share, 0.0, 1.0);
  }
  if (changes > max_system_changes_per_replication) {
    c.fail(s.systems_path.empty() ? "policies.robot" : "scenario.systems",
           "the systems' failures and repairs would change state about " + shown_number(changes) +
               " times a replication; at most " + shown_number(max_system_changes_per_replication) +
               " can be simulated");
  }
}

void check_policy_settings(ValueChecker& c) {
  const PolicySet& p = c.scenario().policies;
  if (p.no_writing_day) {
    c.range("policies.no_writing_day.uptake", p.no_writing_day->uptake, 0.0, 1.0);
    c.range("policies.no_writing_day.staff_form_factor", p.no_writing_day->staff_form_factor, 0.0,
            10.0);
    c.range("policies.no_writing_day.incomplete_factor", p.no_writing_day->incomplete_factor, 0.0,
            1.0);
  }
  if (p.saturday) {
    c.range("policies.saturday.shift_share", p.saturday->shift_share, 0.0, 1.0);
    c.range("policies.saturday.induced_share", p.saturday->induced_share, 0.0, 10.0);
  }
  for (const auto& [name, counters] :
       {std::pair{"secondment", &p.secondment}, std::pair{"extra_counters", &p.extra_counters}}) {
    if (!*counters) continue;
    const std::string key = std::string("policies.") + name + ".";
    c.range(key + "speed", (*counters)->speed, 0.01, 10.0);
    c.range(key + "absence_prob", (*counters)->absence_prob, 0.0, 1.0);
  }
  if (p.secondment && p.secondment->it > 0)
    c.range("policies.secondment.it_repair_factor", p.secondment->it_repair_factor, 0.1, 1.0);
  if (p.volunteers) {
    c.range("policies.volunteers.form_factor", p.volunteers->form_factor, 0.0, 1.0);
    c.range("policies.volunteers.wrong_pick_factor", p.volunteers->wrong_pick_factor, 0.0, 1.0);
    c.range("policies.volunteers.incomplete_factor", p.volunteers->incomplete_factor, 0.0, 1.0);
  }
  if (p.extended_hours)
    c.range("policies.extended_hours.evening_weight", p.extended_hours->evening_weight, 0.0, 100.0);
  if (p.digital_training) {
    c.range("policies.digital_training.speed_factor", p.digital_training->speed_factor, 0.1, 10.0);
    c.range("policies.digital_training.error_factor", p.digital_training->error_factor, 0.0, 1.0);
  }
  if (p.online_shift) c.range("policies.online_shift.share", p.online_shift->share, 0.0, 1.0);
  if (p.online_qa) {
    c.range("policies.online_qa.visit_factor", p.online_qa->visit_factor, 0.0, 1.0);
    c.range("policies.online_qa.incomplete_factor", p.online_qa->incomplete_factor, 0.0, 1.0);
  }
  if (p.it_support)
    c.range("policies.it_support.repair_factor", p.it_support->repair_factor, 0.01, 10.0);
}

void check_calendar(ValueChecker& c) {
  const auto& cal = c.scenario().center.calendar;
  if (!cal) return;
  try {
    model::WorkCalendar check(*cal);  // sessions and ticket stops, after every transform
  } catch (const std::exception& e) {
    c.fail("hours", e.what(), {"saturday", "extended_hours"});
  }
}

/// The value checks validate() runs, in this order.
constexpr void (*checks[])(ValueChecker&) = {
    check_run,
    check_station,
    check_demand,
    check_procedures,
    check_reception,
    check_staff,
    check_back_office_and_online,
    check_systems,
    check_policy_settings,
    check_calendar,
};

/// Checks of the whole scenario that live in their own files (declared in their own headers),
/// run once every value is in range: add them here.
const std::vector<ScenarioCheck>& whole_scenario_checks() {
  static const std::vector<ScenarioCheck> all = {};
  return all;
}

}  // namespace

std::vector<Problem> validate(const Scenario& s) {
  std::vector<Problem> problems;
  ValueChecker checker(s, problems);
  for (auto check : checks) check(checker);
  if (!problems.empty()) return problems;  // a whole-scenario check may assume sane values
  for (auto check : whole_scenario_checks()) check(s, problems);
  return problems;
}

void require_valid(const Scenario& s) {
  auto problems = validate(s);
  if (!problems.empty()) throw InputError(std::move(problems));
}

}  // namespace sim::scenario
