// The one recording observer of the model tests: every signal a Center publishes, kept in order.
#include "tests/support/center_recorder.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/model_builder.hpp"

namespace test_support {
namespace {
std::uint32_t day_of(double t) { return static_cast<std::uint32_t>(std::floor(t / 1440.0)); }
}  // namespace

const char* reason_name(LeaveReason r) {
  switch (r) {
    case LeaveReason::reneged:
      return "reneged";
    case LeaveReason::balked:
      return "balked";
    case LeaveReason::ticket_cap:
      return "ticket_cap";
    case LeaveReason::after_hours:
      return "after_hours";
    case LeaveReason::lunch:
      return "lunch";
    case LeaveReason::closing:
      return "closing";
    case LeaveReason::incomplete:
      return "incomplete";
    case LeaveReason::system_down:
      return "system_down";
    case LeaveReason::answered:
      return "answered";
    case LeaveReason::turned_away:
      return "turned_away";
  }
  return "?";
}

namespace {
/// The lines whose second word is one of `kinds`.
std::vector<std::string> of_kinds(const std::vector<std::string>& all,
                                  std::initializer_list<std::string_view> kinds) {
  std::vector<std::string> out;
  for (const auto& l : all) {
    const auto from = l.find(' ') + 1;
    const std::string_view kind = std::string_view(l).substr(from, l.find(' ', from) - from);
    for (auto k : kinds) {
      if (k == kind) out.push_back(l);
    }
  }
  return out;
}
}  // namespace

std::vector<std::string> CenterRecorder::lines_of(
    std::initializer_list<std::string_view> kinds) const {
  return of_kinds(lines, kinds);
}

std::vector<std::string> CenterRecorder::trace_of(
    std::initializer_list<std::string_view> kinds) const {
  return of_kinds(trace, kinds);
}

std::vector<const VisitRecord*> CenterRecorder::arriving_on(std::uint32_t day) const {
  std::vector<const VisitRecord*> out;
  for (const auto& v : visits) {
    if (v.day == day) out.push_back(&v);
  }
  return out;
}

const VisitRecord* CenterRecorder::find(std::uint64_t id, std::uint32_t visit) const {
  for (const auto& v : visits) {
    if (v.id == id && v.visit == visit) return &v;
  }
  return nullptr;
}

const VisitRecord& CenterRecorder::last_visit(std::uint64_t id) const {
  return visits.at(current_.at(id));
}

DayTally& CenterRecorder::tally(std::uint32_t day) {
  if (days.size() <= day) days.resize(day + 1);
  return days[day];
}

void CenterRecorder::line(SimTime t, const char* what, std::uint64_t id, const char* sep,
                          std::uint32_t where) {
  std::ostringstream out;
  out << t << ' ' << what << ' ' << id;
  if (sep) out << sep << where;
  lines.push_back(out.str());
}

void CenterRecorder::record(SimTime t, const char* what, std::initializer_list<double> values) {
  std::ostringstream out;
  out << std::setprecision(17) << t << ' ' << what;
  for (double v : values) out << ' ' << v;
  trace.push_back(out.str());
}

void CenterRecorder::on_day_start(SimTime t, std::uint32_t day) {
  record(t, "day_start", {double(day)});
  tally(day);
}

void CenterRecorder::on_day_end(SimTime t, std::uint32_t day) {
  record(t, "day_end", {double(day)});
  tally(day).ended = true;
  if (center) tally(day).inside_at_end = center->citizens_inside();
}

void CenterRecorder::on_arrival(SimTime t, const Citizen& c) {
  record(t, "arrive", {double(c.id), double(c.visit), c.service_need, c.patience});
  VisitRecord v;
  v.id = c.id;
  v.visit = c.visit;
  v.day = day_of(t);
  v.domain = c.domain;
  v.procedure = c.procedure;
  v.priority = c.priority_class == sim::model::PriorityClass::priority;
  v.arrival = t;
  current_[c.id] = visits.size();
  visits.push_back(v);
  ++tally(v.day).arrived;
  line(t, "arrive", c.id);
}

void CenterRecorder::on_ticket(SimTime t, const Citizen& c) {
  record(t, "ticket", {double(c.id), double(c.queue)});
  current(c).tickets.push_back({t, c.queue});
  line(t, "ticket", c.id, " q", c.queue);
}

void CenterRecorder::on_service_start(SimTime t, const Citizen& c, std::uint32_t k) {
  record(t, "call", {double(c.id), double(k), double(c.staff)});
  current(c).calls.push_back({t, k});
  line(t, "call", c.id, " @", k);
}

void CenterRecorder::on_service_end(SimTime t, const Citizen& c, std::uint32_t k) {
  record(t, "done", {double(c.id), double(k)});
  current(c).ends.push_back({t, k});
  line(t, "done", c.id, " @", k);
}

void CenterRecorder::on_served(SimTime t, const Citizen& c) {
  record(t, "served", {double(c.id), c.waited});
  current(c).served = t;
  current(c).waited = c.waited;
  ++tally(day_of(t)).served;
  line(t, "served", c.id);
}

void CenterRecorder::on_leave(SimTime t, const Citizen& c, LeaveReason r) {
  record(t, "leave", {double(c.id), double(r)});
  current(c).left = t;
  current(c).reason = r;
  ++tally(day_of(t)).left;
  std::ostringstream out;
  out << t << " leave " << c.id << ' ' << reason_name(r);
  lines.push_back(out.str());
}

void CenterRecorder::on_queue_length(SimTime t, std::uint32_t q, std::uint32_t length) {
  record(t, "queue", {double(q), double(length)});
}

void CenterRecorder::on_counter_state(SimTime t, std::uint32_t k, std::uint32_t staff,
                                      CounterState s) {
  record(t, "counter", {double(k), double(staff), double(s)});
  counter_changes.push_back({t, k, staff, s});
}

void CenterRecorder::on_overtime(SimTime t, std::uint32_t staff, double minutes) {
  record(t, "overtime", {double(staff), minutes});
  overtime.push_back({t, staff, minutes});
}

void CenterRecorder::on_system_state(SimTime t, std::uint32_t system, SystemState s,
                                     double factor) {
  record(t, "system", {double(system), double(s), factor});
}

void CenterRecorder::on_system_effect(SimTime t, const Citizen& c, std::uint32_t system,
                                      SystemEffect e) {
  record(t, "effect", {double(c.id), double(system), double(e)});
  current(c).effects |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(e));
  current(c).system = system;
}

void CenterRecorder::on_online_submitted(SimTime t, const Dossier& d) {
  record(t, "online_submitted", {double(d.id), d.reception_due});
}

void CenterRecorder::on_online_reception(SimTime t, const Dossier& d) {
  record(t, "online_received", {double(d.id), d.submitted, d.reception_due});
}

void CenterRecorder::on_dossier_received(SimTime t, const Dossier& d) {
  record(t, "dossier_in", {double(d.id), double(d.online), d.deadline});
  dossiers_received.push_back(d);
}

void CenterRecorder::on_dossier_delayed(SimTime t, const Dossier& d, std::uint32_t system) {
  record(t, "dossier_delayed", {double(d.id), double(system)});
  dossiers_delayed.push_back({t, system, d});
}

void CenterRecorder::on_dossier_done(SimTime t, const Dossier& d) {
  record(t, "dossier_done", {double(d.id), double(d.online)});
  dossiers_done.push_back(d);
  dossiers_done_at.push_back(t);
}

void CenterRecorder::on_backlog(SimTime t, std::uint32_t dossiers) {
  record(t, "backlog", {double(dossiers)});
}

void CenterRecorder::on_online_payment(SimTime t, const Dossier& d, double fee_vnd, bool ok) {
  record(t, "payment", {double(d.id), fee_vnd, double(ok)});
}

CenterRecorder record_run(const sim::model::CenterParams& params, std::uint64_t seed,
                          SimTime until) {
  // Replication 0 of the center's own streams (center_id), wired by the model builder.
  const auto scenario = sim::scenario::scenario_of(params, until);
  sim::scenario::ReplicationModel model(scenario, seed, 0);
  auto& center = model.center();
  CenterRecorder r;
  r.center = &center;
  center.add_observer(r);
  center.start();
  model.simulation().run_until(until);
  r.inside_after_run = center.citizens_inside();
  r.center = nullptr;
  return r;
}

}  // namespace test_support
