// Reads where dossiers go besides the counter: the back office and the online channel.
#include "sim/scenario/back_office_loader.hpp"

#include <algorithm>
#include <cmath>

#include "sim/scenario/value_checker.hpp"
#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {

namespace {
/// overtime_backlog, overtime_until and [back_office.signature] (docs/scenario-format.md).
void read_after_hours_and_signature(TableReader& t, model::BackOfficeParams& b) {
  if (auto v = t.integer("overtime_backlog", false)) {
    t.check(*v >= 1 && *v <= 1000000, "overtime_backlog", "must be between 1 and 1000000");
    b.overtime_backlog = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 1, 1000000));
  }
  b.overtime_until_min = read_clock(t, "overtime_until", false).value_or(-1);
  t.check(b.overtime_until_min < 0 || t.has("overtime_backlog"), "overtime_until",
          "needs overtime_backlog (how many waiting dossiers keep the workers after hours)");
  auto sig = t.table("signature", false);
  if (!sig) return;
  for (const auto& text : sig->strings("batches", true).value_or(std::vector<std::string>{})) {
    const auto m = model::parse_clock(text);
    sig->check(m.has_value(), "batches", "'" + text + "' is not a time of day HH:MM");
    if (m) b.signature_batches.push_back(*m);
  }
  const bool sorted = std::is_sorted(b.signature_batches.begin(), b.signature_batches.end()) &&
                      std::adjacent_find(b.signature_batches.begin(), b.signature_batches.end()) ==
                          b.signature_batches.end();
  sig->check(sorted && b.signature_batches.size() <= 16, "batches",
             "must be at most 16 distinct times in increasing order");
  if (!sorted || b.signature_batches.size() > 16) b.signature_batches.clear();
  if (auto v = sig->number("away_share", false)) {
    sig->check(*v >= 0 && *v <= 1, "away_share", "must be a share between 0 and 1");
    if (*v >= 0 && *v <= 1) b.signature_away_share = *v;
  }
  sig->finish();
}
}  // namespace

void read_back_office(TableReader& t, model::BackOfficeParams& b) {
  b.counter_staff = t.boolean("counter_staff", false).value_or(true);
  if (auto v = t.number("slice_min", false)) {
    t.check(std::isfinite(*v) && *v > 0, "slice_min", "must be a positive number of minutes");
    if (std::isfinite(*v) && *v > 0) b.slice_min = *v;
  }
  if (auto v = t.integer("workers", false)) {
    t.check(*v >= 0 && *v <= 1000, "workers", "must be between 0 and 1000");
    b.workers = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 0, 1000));
  }
  // Without either, every dossier would wait forever and every deadline be missed.
  t.check(b.counter_staff || b.workers > 0, t.has("workers") ? "workers" : "counter_staff",
          "nobody does back-office work: set counter_staff = true or workers >= 1");
  b.hours = read_sessions(t, "hours");
  for (std::size_t i = 0; i < b.hours.size(); ++i) {
    const auto& s = b.hours[i];
    const bool ordered =
        s.open_min < s.close_min && (i == 0 || b.hours[i - 1].close_min <= s.open_min);
    if (!ordered) {
      t.check(false, "hours",
              "session " + std::to_string(i + 1) +
                  " must end after it starts and after the previous session ends");
      b.hours.clear();
      break;
    }
  }
  read_after_hours_and_signature(t, b);
  t.finish();
}

void read_online(TableReader& t, const SystemIndex& systems, model::OnlineParams& o) {
  if (auto v = t.numbers("hourly_profile", false)) {
    const bool size_ok = v->size() == 24;
    const bool values_ok =
        std::all_of(v->begin(), v->end(), [](double x) { return std::isfinite(x) && x >= 0; });
    const bool some = std::any_of(v->begin(), v->end(), [](double x) { return x > 0; });
    t.check(size_ok, "hourly_profile",
            "expected 24 weights, hour 00 to hour 23, got " + std::to_string(v->size()));
    t.check(values_ok, "hourly_profile", "weights must be >= 0");
    t.check(some, "hourly_profile", "at least one weight must be > 0");
    if (size_ok && values_ok && some) std::copy(v->begin(), v->end(), o.hourly_profile.begin());
  }
  if (auto v = t.numbers("weekday_factors", false)) {
    const bool size_ok = v->size() == 7;
    const bool values_ok =
        std::all_of(v->begin(), v->end(), [](double x) { return std::isfinite(x) && x >= 0; });
    t.check(size_ok, "weekday_factors",
            "expected 7 factors, Monday to Sunday, got " + std::to_string(v->size()));
    t.check(values_ok, "weekday_factors", "factors must be >= 0");
    if (size_ok && values_ok) std::copy(v->begin(), v->end(), o.weekday_factor.begin());
  }
  if (auto v = t.number("payment_share", false)) {
    t.check(*v >= 0 && *v <= 1, "payment_share", "must be a share between 0 and 1");
    if (*v >= 0 && *v <= 1) o.payment_share = *v;
  }
  if (auto v = t.string("payment_system", false)) {
    o.payment_system = systems.find(t, "payment_system", *v).value_or(UINT32_MAX);
  }
  if (auto v = t.number("reception_min", false)) {
    t.check(*v >= 0 && *v <= 480, "reception_min",
            "must be between 0 and 480 minutes (0: no reception step), got " + shown_number(*v));
    if (*v >= 0 && *v <= 480) o.reception_min = *v;
  }
  if (auto v = t.number("reception_due_hours", false)) {
    t.check(*v >= 0.5 && *v <= 1000, "reception_due_hours",
            "must be between 0.5 and 1000 working hours, got " + shown_number(*v));
    if (*v >= 0.5 && *v <= 1000) o.reception_due_hours = *v;
  }
  if (auto v = t.number("reception_miss_share", false)) {
    t.check(*v >= 0 && *v <= 1, "reception_miss_share",
            "must be a share between 0 and 1, got " + shown_number(*v));
    if (*v >= 0 && *v <= 1) o.reception_miss_share = *v;
  }
  if (auto v = t.integer("reception_miss_days", false)) {
    t.check(*v >= 1 && *v <= 250, "reception_miss_days",
            "must be between 1 and 250 working days, got " + std::to_string(*v));
    if (*v >= 1 && *v <= 250) o.reception_miss_days = static_cast<std::uint32_t>(*v);
  }
  t.finish();
}

}  // namespace sim::scenario
