// Reads the [policies] table of a center-form scenario into settings; transforms apply them.
#include "sim/scenario/policy_reader.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {
namespace {

using model::CenterParams;

double number_or(TableReader& t, const std::string& key, double fallback, bool required = false) {
  return t.number(key, required).value_or(fallback);
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

RobotPolicy read_robot(TableReader& t, const CenterParams& c) {
  RobotPolicy p;
  model::RobotParams& r = p.robot;
  if (auto v = t.integer("capacity", false)) {
    t.check(*v >= 1 && *v <= 100, "capacity", "must be between 1 and 100");
    r.capacity = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 1, 100));
  }
  if (auto d = read_distribution(t, "service_time", true)) r.service_time = *d;
  r.accuracy = number_or(t, "accuracy", r.accuracy);
  r.answers = domain_mask(t, "answers", false, c);
  r.answer_share = number_or(t, "answer_share", 0.0);
  r.qr_domains = domain_mask(t, "qr_domains", false, c);
  r.qr_service_factor = number_or(t, "qr_service_factor", 1.0);
  p.time_to_failure = read_distribution(t, "time_to_failure", false);
  p.repair_time = read_distribution(t, "repair_time", p.time_to_failure.has_value());
  t.check(p.time_to_failure.has_value() || !t.has("repair_time"), "repair_time",
          "needs time_to_failure");
  t.finish();
  return p;
}

model::NoWritingParams read_no_writing(TableReader& t) {
  model::NoWritingParams n;
  n.weekdays = read_weekdays(t, "weekdays", true);
  n.uptake = number_or(t, "uptake", n.uptake);
  n.staff_form_factor = number_or(t, "staff_form_factor", n.staff_form_factor);
  n.incomplete_factor = number_or(t, "incomplete_factor", n.incomplete_factor);
  t.finish();
  return n;
}

SaturdayPolicy read_saturday(TableReader& t, const CenterParams& c) {
  SaturdayPolicy s;
  s.sessions = read_sessions(t, "sessions");
  t.check(!s.sessions.empty(), "sessions",
          "give at least one Saturday session, e.g. [\"07:30-11:30\"]");
  s.ticket_stop_min = read_clock(t, "ticket_stop", false).value_or(-1);
  s.domains = domain_mask(t, "domains", true, c);
  s.shift_share = number_or(t, "shift_share", 0.0, true);
  s.induced_share = number_or(t, "induced_share", 0.0);
  t.finish();
  return s;
}

/// A count of people between 0 and 100 (0 when absent and not required).
std::int64_t people(TableReader& t, const char* key, bool required) {
  const auto count = t.integer(key, required);
  t.check(!count || (*count >= 0 && *count <= 100), key,
          "must be between 0 and 100, got " + std::to_string(count.value_or(0)));
  return count ? std::clamp<std::int64_t>(*count, 0, 100) : 0;
}

CountersPolicy read_counters(TableReader& t, const CenterParams& c, const char* count_key,
                             bool secondment) {
  CountersPolicy p;
  // A secondment may send no counter officers at all (only back-office or IT staff).
  p.count = people(t, count_key, !secondment);
  p.domains = domain_mask(t, "domains", p.count > 0, c);
  if (secondment) {
    p.back_office = people(t, "back_office", false);
    p.it = people(t, "it", false);
    p.it_repair_factor = number_or(t, "it_repair_factor", 1.0, p.it > 0);
    p.accountants = people(t, "accountants", false);
  }
  p.speed = number_or(t, "speed", 1.0);
  p.absence_prob = number_or(t, "absence_prob", 0.0);
  const auto date = [&](const char* key) -> std::optional<model::Date> {
    const auto d = t.date(key, false);
    if (!d) return std::nullopt;
    return model::Date{std::chrono::year{d->year}, std::chrono::month{d->month},
                       std::chrono::day{d->day}};
  };
  p.from = date("from");
  p.until = date("until");
  t.check(!p.from || !p.until || *p.from <= *p.until, "until", "must not be before from");
  t.finish();
  return p;
}

ExtendedHoursPolicy read_extended_hours(TableReader& t) {
  ExtendedHoursPolicy p;
  p.weekdays = read_weekdays(t, "weekdays", true);
  p.close_min = read_clock(t, "close", true).value_or(0);
  p.ticket_stop_min = read_clock(t, "ticket_stop", false);
  p.evening_weight = number_or(t, "evening_weight", 0.5);
  t.finish();
  return p;
}

OnlineQaPolicy read_online_qa(TableReader& t, const CenterParams& c) {
  OnlineQaPolicy p;
  p.domains = domain_mask(t, "domains", false, c);
  if (!t.has("domains")) {
    for (std::size_t d = 0; d < c.domains.size(); ++d)
      p.domains[d] = c.domains[d].id == "information";
  }
  p.visit_factor = number_or(t, "visit_factor", 1.0);
  p.incomplete_factor = number_or(t, "incomplete_factor", 1.0);
  t.finish();
  return p;
}

}  // namespace

PolicySet read_policies(TableReader& p, const CenterParams& c) {
  PolicySet set;
  if (auto t = p.table("robot", false)) set.robot = read_robot(*t, c);
  if (auto t = p.table("no_writing_day", false)) set.no_writing_day = read_no_writing(*t);
  if (auto t = p.table("saturday", false)) set.saturday = read_saturday(*t, c);
  if (auto t = p.table("secondment", false)) set.secondment = read_counters(*t, c, "staff", true);
  if (auto t = p.table("extra_counters", false))
    set.extra_counters = read_counters(*t, c, "counters", false);
  if (auto t = p.table("extended_hours", false)) set.extended_hours = read_extended_hours(*t);
  if (auto t = p.table("digital_training", false)) {
    set.digital_training = DigitalTrainingPolicy{number_or(*t, "speed_factor", 1.0),
                                                 number_or(*t, "error_factor", 1.0)};
    t->finish();
  }
  if (auto t = p.table("online_shift", false)) {
    set.online_shift = OnlineShiftPolicy{number_or(*t, "share", 0.0, true)};
    t->finish();
  }
  if (auto t = p.table("online_qa", false)) set.online_qa = read_online_qa(*t, c);
  if (auto t = p.table("volunteers", false)) {
    VolunteersPolicy v;
    v.count = people(*t, "count", true);
    v.from_min = read_clock(*t, "from", false);
    v.until_min = read_clock(*t, "until", false);
    t->check(!v.from_min || !v.until_min || *v.from_min < *v.until_min, "until",
             "must be after from");
    v.form_factor = number_or(*t, "form_factor", 1.0);
    v.wrong_pick_factor = number_or(*t, "wrong_pick_factor", 1.0);
    v.incomplete_factor = number_or(*t, "incomplete_factor", 1.0);
    set.volunteers = v;
    t->finish();
  }
  if (auto t = p.table("it_support", false)) {
    set.it_support = ItSupportPolicy{number_or(*t, "repair_factor", 1.0, true)};
    t->finish();
  }
  p.finish();
  return set;
}

}  // namespace sim::scenario
