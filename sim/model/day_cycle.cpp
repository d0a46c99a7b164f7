// The center's day: opening sessions, lunch, closing and the overtime cap, as scheduled events.
#include "sim/model/day_cycle.hpp"

#include <algorithm>

namespace sim::model {

DayCycle::DayCycle(engine::Simulation& sim, const CenterParams& params,
                   const WorkCalendar* calendar, DayListener& listener)
    : sim_(sim),
      params_(params),
      calendar_(calendar),
      listener_(listener),
      day_start_(sim.add_handler<&DayCycle::on_day_start>(*this, "day_cycle.day_start")),
      day_end_(sim.add_handler<&DayCycle::on_day_end>(*this, "day_cycle.day_end")),
      session_open_(sim.add_handler<&DayCycle::on_session_open>(*this, "day_cycle.session_open")),
      session_close_(
          sim.add_handler<&DayCycle::on_session_close>(*this, "day_cycle.session_close")),
      overtime_cap_(sim.add_handler<&DayCycle::on_overtime_cap>(*this, "day_cycle.overtime_cap")) {}

void DayCycle::start() {
  if (calendar_) sim_.schedule_at(0.0, day_start_, 0, day_start_priority);
}

bool DayCycle::before_ticket_stop() const {
  const DayPlan& plan = calendar_->day(day_);
  return plan.working && sim_.now() < WorkCalendar::time_of(day_, plan.ticket_stop_min);
}

double DayCycle::finish_time(double work) const {
  double t = sim_.now();
  const DayPlan& plan = calendar_->day(day_);
  for (const auto& session : plan.sessions) {
    const double open = WorkCalendar::time_of(day_, session.open_min);
    const double close = WorkCalendar::time_of(day_, session.close_min);
    if (close <= t) continue;
    t = std::max(t, open);
    if (t + work <= close) return t + work;
    work -= close - t;
    t = close;
  }
  return t + work;  // after the last close: overtime, no more breaks
}

void DayCycle::on_day_start(std::uint64_t day) {
  day_ = static_cast<std::uint32_t>(day);
  closed_for_day_ = false;
  in_session_ = false;
  // The listener's day-start work (new streams, the back office's hours) is scheduled before
  // the sessions: the back office's hours share the sessions' priorities, so this order is
  // part of the event order.
  listener_.on_day_start(day_);
  const DayPlan& plan = calendar_->day(day_);
  for (std::uint32_t s = 0; s < plan.sessions.size(); ++s) {
    sim_.schedule_at(WorkCalendar::time_of(day_, plan.sessions[s].open_min), session_open_, s,
                     session_open_priority);
    sim_.schedule_at(WorkCalendar::time_of(day_, plan.sessions[s].close_min), session_close_, s,
                     session_close_priority);
  }
  sim_.schedule_at(WorkCalendar::time_of(day_, 1440), day_end_, day_, day_end_priority);
}

void DayCycle::on_day_end(std::uint64_t day) {
  listener_.on_day_end(static_cast<std::uint32_t>(day));
  if (day + 1 < calendar_->days())
    sim_.schedule_at(sim_.now(), day_start_, day + 1, day_start_priority);
}

void DayCycle::on_session_open(std::uint64_t session) {
  in_session_ = true;
  session_close_time_ =
      WorkCalendar::time_of(day_, calendar_->day(day_).sessions[session].close_min);
  listener_.on_session_open(static_cast<std::uint32_t>(session));
}

void DayCycle::on_session_close(std::uint64_t session) {
  in_session_ = false;
  const auto& policy = params_.policy;
  const bool last = session + 1 == calendar_->day(day_).sessions.size();
  const double cap = WorkCalendar::time_of(day_, policy.overtime_cap_min);
  CallingStop stop;
  stop.overtime = last && policy.closing != PolicyParams::Closing::send_home && cap > sim_.now();
  if (last) {
    closed_for_day_ = true;
    last_close_ = sim_.now();
    if (!stop.overtime) {
      stop.send_home = LeaveReason::closing;
      stop.end_suspended = true;
    }
  } else if (policy.lunch == PolicyParams::Lunch::leave_and_return) {
    stop.send_home = LeaveReason::lunch;
  }
  if (stop.overtime) sim_.schedule_at(cap, overtime_cap_, 0, session_close_priority);
  listener_.on_calling_stop(stop);
}

void DayCycle::on_overtime_cap(std::uint64_t) {
  listener_.on_calling_stop(CallingStop{false, LeaveReason::closing, true});
}

}  // namespace sim::model
