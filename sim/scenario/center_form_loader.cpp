// Reads the center form of a scenario: calendar, systems, demand, reception, policies, layout.
#include "sim/scenario/center_form_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/scenario/back_office_loader.hpp"
#include "sim/scenario/catalogue_loader.hpp"
#include "sim/scenario/layout_loader.hpp"
#include "sim/scenario/policy_reader.hpp"
#include "sim/scenario/systems_loader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {
namespace {

using model::Session;

/// Default hour-of-day profile: a morning peak at 08:00-10:00, a smaller one at 14:00.
/// ASSUMPTION: no measured hourly arrival curve of a Vietnamese one-stop was found
/// (domain-parameters note 2.7); the shape follows the reported pre-opening crowds (B4).
constexpr std::array<double, 24> default_profile = {
    0, 0, 0, 0, 0, 0, 0, 1.2, 1.6, 1.5, 1.2, 0.7, 0.3, 0.6, 1.2, 1.1, 0.8, 0.4, 0, 0, 0, 0, 0, 0};

std::optional<int> clock(TableReader& t, const std::string& key, const std::string& text) {
  const auto minutes = model::parse_clock(text);
  t.check(minutes.has_value(), key, "expected a time of day \"HH:MM\", got \"" + text + "\"");
  return minutes;
}

void read_hours(TableReader& t, model::CalendarSpec& cal, const std::string& path,
                std::vector<Problem>& other_files) {
  const auto weekday = read_sessions(t, "weekday");
  for (int d = 0; d < 5; ++d) cal.sessions[d] = weekday;
  cal.sessions[5] = read_sessions(t, "saturday");
  cal.sessions[6] = read_sessions(t, "sunday");
  t.check(!weekday.empty() || !cal.sessions[5].empty(), "weekday", "the center never opens");
  int stop = -1;
  if (auto v = t.string("ticket_stop", false)) stop = clock(t, "ticket_stop", *v).value_or(-1);
  // A Saturday morning needs its own stop; the weekday one then does not apply on Saturdays
  // (the calendar's check in validate() places it within Saturday's sessions).
  const auto saturday_stop = read_clock(t, "saturday_ticket_stop", false);
  for (int d = 0; d < 7; ++d) cal.ticket_stop_min[d] = cal.sessions[d].empty() ? -1 : stop;
  if (stop >= 0) {
    for (int d = 0; d < 7; ++d) {
      if (d == 5 && saturday_stop) continue;
      const auto& s = cal.sessions[d];
      if (!s.empty() && (stop <= s.front().open_min || stop > s.back().close_min)) {
        t.check(false, "ticket_stop",
                "must fall after the first opening and no later than the last close on " +
                    weekday_names[d]);
        cal.ticket_stop_min.fill(-1);
        break;  // one message is enough; the same stop applies to every open day
      }
    }
  }
  if (saturday_stop) {
    t.check(!cal.sessions[5].empty(), "saturday_ticket_stop",
            "is given but the center has no Saturday session");
    cal.ticket_stop_min[5] = cal.sessions[5].empty() ? -1 : *saturday_stop;
  }
  if (auto file = t.string("holidays", false)) {
    auto facts = read_holidays(resolve_path(path, *file), other_files);
    cal.holidays = std::move(facts.holidays);
    cal.working_days = std::move(facts.working_days);
  }
  for (const auto& d : t.dates("extra_holidays", false).value_or(std::vector<toml::date>{})) {
    cal.holidays.push_back(calendar_date(d));
  }
  t.finish();
}

void read_demand(TableReader& t, model::CenterParams& c) {
  auto& d = c.demand;
  const auto daily = t.number("daily_visits", false);
  const auto population = t.number("population", false);
  const auto per_1000 = t.number("visits_per_1000_per_day", false);
  t.check(daily.has_value() != (population.has_value() || per_1000.has_value()), "daily_visits",
          "give either daily_visits, or population with visits_per_1000_per_day");
  t.check(population.has_value() == per_1000.has_value(),
          population ? "population" : "visits_per_1000_per_day",
          "population and visits_per_1000_per_day go together");
  if (daily) d.daily_visits = *daily;
  if (population && per_1000) d.daily_visits = *population * *per_1000 / 1000.0;
  // Ranges (daily demand, factors, weights, shares) are checked by validate().
  if (auto f = t.numbers("weekday_factors", false)) {
    t.check(f->size() == 7, "weekday_factors", "expected 7 factors, Monday to Sunday");
    for (std::size_t i = 0; i < std::min<std::size_t>(7, f->size()); ++i)
      d.weekday_factor[i] = (*f)[i];
  }
  d.hourly_profile = default_profile;
  if (auto profile = t.table("hourly_profile", false)) {
    d.hourly_profile.fill(0.0);
    for (const auto& hour : profile->keys()) {
      const auto h = model::parse_clock(hour + ":00");
      const auto w = profile->number(hour, true);
      profile->check(h && *h < 1440, hour, "hour keys are \"00\" to \"23\"");
      if (h && *h < 1440 && w) d.hourly_profile[*h / 60] = *w;
    }
  }
  d.surge_factor = t.number("surge_factor", false).value_or(d.surge_factor);
  d.online_share = t.number("online_share", false).value_or(d.online_share);
  c.priority_share = t.number("priority_share", false).value_or(c.priority_share);
  c.patience = read_distribution(t, "patience", false);
  // Ranges of the behaviour keys are checked by validate().
  auto& b = c.behaviour;
  b.abandon_share = t.number("abandon_share", false).value_or(b.abandon_share);
  b.gave_up_return_share = t.number("gave_up_return_share", false).value_or(b.gave_up_return_share);
  if (const auto from = t.string("patience_from", false)) {
    const bool expected = *from == "expected_call";
    t.check(expected || *from == "ticket", "patience_from",
            "expected \"ticket\" or \"expected_call\", got \"" + *from + "\"");
    if (expected) b.patience_from = model::BehaviourParams::PatienceFrom::expected_call;
  }
  b.no_show_share = t.number("no_show_share", false).value_or(b.no_show_share);
  b.no_show_min = t.number("no_show_min", false).value_or(b.no_show_min);
  if (auto balking = t.table("balking", false)) {
    const auto whole = [&](const char* key) {
      const auto v = balking->integer(key, true);
      return v ? static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 0, 1000000)) : 0u;
    };
    b.balk_start = whole("start");
    b.balk_full = whole("full");
    b.balk_late_from_min = read_clock(*balking, "late_from", false).value_or(-1);
    b.balk_late_factor = balking->number("late_factor", false).value_or(b.balk_late_factor);
    balking->finish();
  }
  t.finish();
}

void read_reception(TableReader& t, const SystemIndex& systems, model::ReceptionParams& r) {
  if (auto mode = t.string("mode", false)) {
    t.check(*mode == "kiosk" || *mode == "receptionist", "mode",
            "expected \"kiosk\" or \"receptionist\"");
    if (*mode == "receptionist") r.mode = model::ReceptionParams::Mode::receptionist;
  }
  r.wrong_pick_share = t.number("wrong_pick_share", false).value_or(r.wrong_pick_share);
  if (auto v = t.integer("receptionists", false)) {
    t.check(*v >= 1 && *v <= 100, "receptionists", "must be between 1 and 100");
    r.receptionists = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 1, 100));
  }
  if (auto d = t.table("reception_time", false)) {
    if (auto x = read_distribution(*d)) r.reception_time = *x;
  }
  if (auto d = t.table("misroute_time", false)) {
    if (auto x = read_distribution(*d)) r.misroute_time = *x;
  }
  if (auto id = t.string("ticket_system", false)) {
    r.ticket_system = systems.find(t, "ticket_system", *id).value_or(UINT32_MAX);
  }
  if (auto d = t.table("manual_ticket_time", false)) {
    if (auto x = read_distribution(*d)) r.manual_ticket_time = *x;
  }
  t.finish();
}

void read_policy(TableReader& t, model::PolicyParams& p) {
  if (auto v = t.string("lunch", false)) {
    t.check(*v == "wait" || *v == "leave_and_return", "lunch",
            "expected \"wait\" or \"leave_and_return\"");
    if (*v == "leave_and_return") p.lunch = model::PolicyParams::Lunch::leave_and_return;
  }
  if (auto v = t.string("closing", false)) {
    t.check(*v == "overtime" || *v == "stop_issuing" || *v == "send_home", "closing",
            "expected \"overtime\", \"stop_issuing\" or \"send_home\", got \"" + *v + "\"");
    if (*v == "send_home") p.closing = model::PolicyParams::Closing::send_home;
    if (*v == "stop_issuing") p.closing = model::PolicyParams::Closing::stop_issuing;
  }
  if (auto v = t.string("unserved", false)) {
    t.check(*v == "error" || *v == "turn_away", "unserved",
            "expected \"error\" or \"turn_away\", got \"" + *v + "\"");
    if (*v == "turn_away") p.unserved = model::PolicyParams::Unserved::turn_away;
  }
  if (auto v = t.string("overtime_cap", false))
    p.overtime_cap_min = clock(t, "overtime_cap", *v).value_or(p.overtime_cap_min);
  const auto count = [&](const char* key, std::int64_t lo,
                         std::int64_t hi) -> std::optional<std::int64_t> {
    auto v = t.integer(key, false);
    if (v)
      t.check(*v >= lo && *v <= hi, key,
              "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    return v ? std::optional(std::clamp(*v, lo, hi)) : std::nullopt;
  };
  if (auto v = count("daily_ticket_cap", 0, 100000))
    p.daily_ticket_cap = static_cast<std::uint32_t>(*v);
  if (auto v = count("balk_threshold", 0, 100000))
    p.balk_threshold = static_cast<std::uint32_t>(*v);
  if (auto v = count("return_after_working_days", 1, 30))
    p.return_after_working_days = static_cast<int>(*v);
  if (auto v = count("max_visits", 1, 10)) p.max_visits = static_cast<std::uint32_t>(*v);
  t.finish();
}

/// Online dossiers are drawn from the procedures by online_weight, so some weight is needed.
void check_online_weights(TableReader& demand, const model::CenterParams& c, const Scenario& s) {
  const bool weighted = std::any_of(c.procedures.begin(), c.procedures.end(),
                                    [](const auto& p) { return p.online_weight > 0; });
  demand.check(c.demand.online_share == 0 || weighted, "online_share",
               "is " + std::to_string(c.demand.online_share) + " but no procedure of " +
                   s.catalogue_path + " has online_weight > 0");
}

}  // namespace

void read_center_form(TableReader& top, const std::string& path, Scenario& s,
                      std::vector<Problem>& other_files) {
  model::CenterParams& c = s.center;
  model::CalendarSpec cal;
  if (auto run = top.table("run", true)) {
    if (auto v = run->integer("replications", false)) {
      run->check(*v >= 1 && *v <= 1000000, "replications", "must be between 1 and 1000000");
      s.run.replications = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 1));
    }
    if (auto v = run->integer("seed", false)) {
      run->check(*v >= 0, "seed", "must be a non-negative integer");
      s.run.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
    }
    if (auto d = run->date("start_date", true)) cal.start = calendar_date(*d);
    if (auto v = run->integer("days", true)) {
      run->check(*v >= 1 && *v <= 3660, "days", "must be between 1 and 3660");
      cal.days = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 1, 3660));
    }
    // Checked against days by validate(), which names the value and its range.
    if (auto v = run->integer("warmup_days", false)) {
      run->check(*v >= 0, "warmup_days",
                 "must be between 0 and days - 1, got " + std::to_string(*v));
      s.run.warmup_days = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 0, 3660));
    }
    read_service_target(*run, s.run);
    run->finish();
  }
  // The run is the whole calendar; its first warmup_days are simulated but not reported.
  const std::uint32_t warmup = std::min(s.run.warmup_days, cal.days);
  s.run.warmup_min = warmup * 1440.0;
  s.run.horizon_min = (cal.days - warmup) * 1440.0;
  // Systems first: the catalogue and the reception and online tables name them.
  SystemIndex systems;
  if (!s.systems_path.empty()) {
    s.systems_path = resolve_path(path, s.systems_path);
    const RunFrame frame{cal.start, cal.days * 1440.0};
    c.systems = read_systems(s.systems_path, frame, systems, other_files, top.problems().sources);
  }
  bool catalogue_read = false;
  if (!s.catalogue_path.empty()) {
    s.catalogue_path = resolve_path(path, s.catalogue_path);
    catalogue_read =
        read_catalogue(s.catalogue_path, c.domains, c.procedures, other_files,
                       s.systems_path.empty() ? nullptr : &systems, top.problems().sources);
  }
  if (auto t = top.table("hours", true)) read_hours(*t, cal, path, other_files);
  if (auto t = top.table("demand", true)) {
    read_demand(*t, c);
    if (catalogue_read) check_online_weights(*t, c, s);
  }
  if (auto t = top.table("reception", false)) read_reception(*t, systems, c.reception);
  if (auto t = top.table("policy", false)) read_policy(*t, c.policy);
  if (auto t = top.table("back_office", false)) read_back_office(*t, c.back_office);
  c.online.hourly_profile = default_online_profile;
  if (auto t = top.table("online", false)) read_online(*t, systems, c.online);
  if (catalogue_read) {
    read_layout(top, c);
    if (auto t = top.table("policies", false)) s.policies = read_policies(*t, c);
  } else {
    // The layout and policies name the catalogue's domains: without it, every name would be a
    // second, misleading problem after the root cause. They are checked once it reads.
    for (const char* key : {"counters", "staff"}) top.tables(key, false);
    top.table("policies", false);
  }
  c.calendar = cal;  // sessions and ticket stops are checked by validate(), after the policies
}

}  // namespace sim::scenario
