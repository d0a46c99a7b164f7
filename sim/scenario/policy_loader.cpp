// Reads the [policies] table of a center-form scenario and applies each policy to the center.
#include "sim/scenario/policy_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/scenario/center_form_loader.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sim::scenario {
namespace {

using engine::Distribution;
using model::CenterParams;

const std::array<std::string, 7> weekday_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/// A number in [lo, hi] (hi may be infinity); `fallback` when absent or out of range.
double number_in(TableReader& t, const std::string& key, double lo, double hi, double fallback,
                 bool required = false) {
  const auto v = t.number(key, required);
  if (!v) return fallback;
  const bool ok = *v >= lo && *v <= hi && std::isfinite(*v);
  t.check(ok, key,
          "must be between " + std::to_string(lo) + " and " +
              (std::isinf(hi) ? std::string("infinity") : std::to_string(hi)));
  return ok ? *v : fallback;
}

/// Domain ids as a mask by domain index; unknown ids are reported.
std::vector<bool> domain_mask(TableReader& t, const std::string& key, bool required,
                              const CenterParams& c) {
  std::vector<bool> mask(c.domains.size(), false);
  for (const auto& id : t.strings(key, required).value_or(std::vector<std::string>{})) {
    const auto it =
        std::find_if(c.domains.begin(), c.domains.end(), [&](const auto& d) { return d.id == id; });
    t.check(it != c.domains.end(), key, "unknown domain '" + id + "' (not in the catalogue)");
    if (it != c.domains.end()) mask[it - c.domains.begin()] = true;
  }
  return mask;
}

std::array<bool, 7> weekdays(TableReader& t, const std::string& key) {
  std::array<bool, 7> out{};
  for (const auto& d : t.strings(key, true).value_or(std::vector<std::string>{})) {
    const auto it = std::find(weekday_names.begin(), weekday_names.end(), d);
    t.check(it != weekday_names.end(), key, "unknown weekday '" + d + "' (use mon ... sun)");
    if (it != weekday_names.end()) out[it - weekday_names.begin()] = true;
  }
  return out;
}

std::optional<Distribution> distribution(TableReader& t, const std::string& key, bool required) {
  auto table = t.table(key, required);
  return table ? read_distribution(*table) : std::nullopt;
}

void read_robot(TableReader& t, CenterParams& c) {
  model::RobotParams r;
  if (auto v = t.integer("capacity", false)) {
    t.check(*v >= 1 && *v <= 100, "capacity", "must be between 1 and 100");
    r.capacity = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 1, 100));
  }
  if (auto d = distribution(t, "service_time", true)) r.service_time = *d;
  r.accuracy = number_in(t, "accuracy", 0, 1, r.accuracy);
  r.answers = domain_mask(t, "answers", false, c);
  r.answer_share = number_in(t, "answer_share", 0, 1, 0.0);
  r.qr_domains = domain_mask(t, "qr_domains", false, c);
  r.qr_service_factor = number_in(t, "qr_service_factor", 0.01, 10, 1.0);
  const auto failure = distribution(t, "time_to_failure", false);
  const auto repair = distribution(t, "repair_time", failure.has_value());
  t.check(failure.has_value() || !t.has("repair_time"), "repair_time", "needs time_to_failure");
  if (failure && repair) {
    // The robot's breakdowns run on the software-system machinery (own keyed streams, added
    // last so every other system keeps its index and streams); no procedure needs it.
    model::SystemParams robot;
    robot.id = "reception_robot";
    robot.name = "AI reception robot";
    robot.time_to_failure = *failure;
    robot.repair_time = *repair;
    t.check(c.systems.size() < 64, "time_to_failure", "no room for the robot: 64 systems at most");
    r.system = static_cast<std::uint32_t>(c.systems.size());
    c.systems.push_back(robot);
  }
  t.finish();
  c.reception.robot = r;
}

void read_no_writing(TableReader& t, CenterParams& c) {
  model::NoWritingParams n;
  n.weekdays = weekdays(t, "weekdays");
  n.uptake = number_in(t, "uptake", 0, 1, n.uptake);
  n.staff_form_factor = number_in(t, "staff_form_factor", 0, 10, n.staff_form_factor);
  n.incomplete_factor = number_in(t, "incomplete_factor", 0, 1, n.incomplete_factor);
  t.finish();
  c.no_writing = n;
}

void read_saturday(TableReader& t, CenterParams& c, model::CalendarSpec& cal) {
  model::SaturdayParams s;
  cal.sessions[5] = read_sessions(t, "sessions");
  t.check(!cal.sessions[5].empty(), "sessions",
          "give at least one Saturday session, e.g. [\"07:30-11:30\"]");
  cal.ticket_stop_min[5] = -1;
  if (auto v = t.string("ticket_stop", false)) {
    const auto m = model::parse_clock(*v);
    t.check(m.has_value(), "ticket_stop", "expected a time of day \"HH:MM\", got \"" + *v + "\"");
    cal.ticket_stop_min[5] = m.value_or(-1);
  }
  s.domains = domain_mask(t, "domains", true, c);
  s.shift_share = number_in(t, "shift_share", 0, 1, 0.0, true);
  const double induced = number_in(t, "induced_share", 0, 10, 0.0);
  t.finish();
  // Saturday's visits: the moved share of a week's weekday visits to these domains, plus the
  // induced ones; its procedure mix is the catalogue's restricted to these domains.
  double domain_share = 0.0;
  for (const auto& p : c.procedures) {
    s.saturday_shares.push_back(s.domains[p.domain] ? p.share : 0.0);
    domain_share += s.saturday_shares.back();
  }
  t.check(domain_share > 0, "domains", "no procedure of the catalogue falls in these domains");
  if (domain_share <= 0) return;
  double week = 0.0;
  for (int d = 0; d < 5; ++d) week += c.demand.weekday_factor[d];
  c.demand.weekday_factor[5] = s.shift_share * (1.0 + induced) * domain_share * week;
  auto& weekday = c.demand.domain_visit_factor;
  if (weekday.empty()) weekday.assign(c.domains.size(), 1.0);
  c.demand.saturday_visit_factor = weekday;
  for (std::size_t d = 0; d < weekday.size(); ++d) {
    if (s.domains[d]) weekday[d] *= 1.0 - s.shift_share;
  }
  c.saturday = s;
}

/// Secondment and extra counters: `count` new counters for `domains`, one staff member each.
void add_counters(TableReader& t, CenterParams& c, const char* count_key, const std::string& label,
                  const model::CalendarSpec& cal) {
  const auto count = t.integer(count_key, true);
  t.check(!count || (*count >= 0 && *count <= 100), count_key, "must be between 0 and 100");
  const auto domains = domain_mask(t, "domains", true, c);
  const double speed = number_in(t, "speed", 0.01, 10, 1.0);
  const double absence = number_in(t, "absence_prob", 0, 1, 0.0);
  // Dates before the run's start are allowed (an overlay combines with scenarios of any
  // dates): a secondment that began earlier is there from day 0, one that ended earlier never.
  const auto day_of = [&](const char* key) -> std::optional<long> {
    const auto d = t.date(key, false);
    if (!d) return std::nullopt;
    const model::Date date{std::chrono::year{d->year}, std::chrono::month{d->month},
                           std::chrono::day{d->day}};
    return (std::chrono::sys_days{date} - std::chrono::sys_days{cal.start}).count();
  };
  const auto from = day_of("from"), until = day_of("until");
  t.check(!from || !until || *from <= *until, "until", "must not be before from");
  const std::uint32_t first =
      from ? static_cast<std::uint32_t>(std::clamp<long>(*from, 0, UINT32_MAX - 1)) : 0;
  const bool ended = until && *until < 0;
  const std::uint32_t last =
      !until ? UINT32_MAX : static_cast<std::uint32_t>(std::clamp<long>(*until, 0, UINT32_MAX - 1));
  t.finish();
  if (!count || *count < 0 || *count > 100) return;
  model::CounterParams counter;
  for (std::uint32_t d = 0; d < domains.size(); ++d) {
    if (domains[d]) counter.domains.push_back(d);
  }
  for (std::int64_t n = 1; n <= *count; ++n) {
    counter.id = label + "-" + std::to_string(n);
    model::StaffParams staff;
    staff.name = label + " officer " + std::to_string(n);
    staff.counter = static_cast<std::uint32_t>(c.counters.size());
    staff.speed.assign(c.domains.size(), speed);
    staff.absence_prob = absence;
    staff.first_day = ended ? UINT32_MAX : first;
    staff.last_day = last;
    c.counters.push_back(counter);
    c.staff.push_back(staff);
  }
}

void read_extended_hours(TableReader& t, CenterParams& c, model::CalendarSpec& cal) {
  const auto days = weekdays(t, "weekdays");
  std::optional<int> close, stop;
  if (auto v = t.string("close", true)) close = model::parse_clock(*v);
  t.check(!t.has("close") || close.has_value(), "close", "expected a time of day \"HH:MM\"");
  if (auto v = t.string("ticket_stop", false)) {
    stop = model::parse_clock(*v);
    t.check(stop.has_value(), "ticket_stop", "expected a time of day \"HH:MM\"");
  }
  const double evening = number_in(t, "evening_weight", 0, 100, 0.5);
  t.finish();
  if (!close) return;
  for (int d = 0; d < 7; ++d) {
    if (!days[d]) continue;
    t.check(!cal.sessions[d].empty(), "weekdays", "the center is closed on " + weekday_names[d]);
    if (cal.sessions[d].empty()) continue;
    auto& last = cal.sessions[d].back();
    t.check(*close > last.close_min, "close",
            "must be later than the last session's close on " + weekday_names[d]);
    // Without a new ticket stop the old gap between ticket stop and closing is kept.
    const int old_stop = cal.ticket_stop_min[d] > 0 ? cal.ticket_stop_min[d] : last.close_min;
    cal.ticket_stop_min[d] = stop.value_or(*close - (last.close_min - old_stop));
    for (int h = last.close_min / 60; h * 60 < *close; ++h) {
      if (c.demand.hourly_profile[h] <= 0) c.demand.hourly_profile[h] = evening;
    }
    last.close_min = std::max(last.close_min, *close);
  }
}

void read_digital_training(TableReader& t, CenterParams& c) {
  const double speed = number_in(t, "speed_factor", 0.1, 10, 1.0);
  const double errors = number_in(t, "error_factor", 0, 1, 1.0);
  t.finish();
  for (auto& s : c.staff) {
    for (auto& v : s.speed) v *= speed;  // 0 (cannot do) stays 0
  }
  for (auto& sys : c.systems) sys.sync_failure_share *= errors;
}

void read_online_shift(TableReader& t, CenterParams& c) {
  const double share = number_in(t, "share", 0, 1, 0.0, true);
  t.finish();
  bool weighted = false;
  for (const auto& p : c.procedures) weighted = weighted || p.online_weight > 0;
  t.check(share == 0 || weighted, "share", "no procedure of the catalogue has online_weight > 0");
  c.demand.online_share += share * (1.0 - c.demand.online_share);
}

void read_online_qa(TableReader& t, CenterParams& c) {
  auto domains = domain_mask(t, "domains", false, c);
  if (!t.has("domains")) {
    for (std::size_t d = 0; d < c.domains.size(); ++d)
      domains[d] = c.domains[d].id == "information";
  }
  const double visits = number_in(t, "visit_factor", 0, 1, 1.0);
  const double incomplete = number_in(t, "incomplete_factor", 0, 1, 1.0);
  t.finish();
  auto& factor = c.demand.domain_visit_factor;
  if (factor.empty()) factor.assign(c.domains.size(), 1.0);
  for (std::size_t d = 0; d < domains.size(); ++d) {
    if (domains[d]) factor[d] *= visits;
  }
  if (!c.demand.saturday_visit_factor.empty()) {
    for (std::size_t d = 0; d < domains.size(); ++d) {
      if (domains[d]) c.demand.saturday_visit_factor[d] *= visits;
    }
  }
  for (auto& p : c.procedures) p.incomplete_share *= incomplete;
}

void read_it_support(TableReader& t, CenterParams& c) {
  const double repair = number_in(t, "repair_factor", 0.01, 10, 1.0, true);
  t.finish();
  for (auto& sys : c.systems) sys.repair_time = sys.repair_time.scaled(repair);
}

}  // namespace

void apply_policies(TableReader& p, CenterParams& c, model::CalendarSpec& cal) {
  // A fixed order, whatever the order of the tables in the files: the robot before IT support
  // (whose faster repairs then apply to it too), Friendly Saturday before the online Q&A groups
  // (whose fewer visits then apply on Saturdays too).
  if (auto t = p.table("robot", false)) read_robot(*t, c);
  if (auto t = p.table("no_writing_day", false)) read_no_writing(*t, c);
  if (auto t = p.table("saturday", false)) read_saturday(*t, c, cal);
  if (auto t = p.table("secondment", false)) add_counters(*t, c, "staff", "seconded", cal);
  if (auto t = p.table("extra_counters", false)) add_counters(*t, c, "counters", "extra", cal);
  if (auto t = p.table("extended_hours", false)) read_extended_hours(*t, c, cal);
  if (auto t = p.table("digital_training", false)) read_digital_training(*t, c);
  if (auto t = p.table("online_shift", false)) read_online_shift(*t, c);
  if (auto t = p.table("online_qa", false)) read_online_qa(*t, c);
  if (auto t = p.table("it_support", false)) read_it_support(*t, c);
  p.finish();
}

}  // namespace sim::scenario
