// One service center: how software systems slow, suspend or end a service at the counter.
#include <algorithm>
#include <bit>

#include "sim/model/center.hpp"

namespace sim::model {
namespace {

/// How disruptive an outage policy is for the citizen: when several needed systems are down,
/// the most disruptive policy applies (paper < wait < send home).
int severity(OutagePolicy p) {
  switch (p) {
    case OutagePolicy::paper:
      return 0;
    case OutagePolicy::wait:
      return 1;
    case OutagePolicy::send_home:
      return 2;
  }
  return 2;
}

}  // namespace

double Center::paper_entry(const engine::Distribution& d) {
  // The stream of the current day, created at its first use that day: the same draws as a
  // stream created at the day's start.
  if (paper_day_ != days_.day()) {
    paper_day_ = days_.day();
    paper_.emplace(sim_.stream({"citizen.paper_entry", paper_day_}));
  }
  return d.sample(*paper_);
}

void Center::pace_service(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  Citizen& c = pool_[counter.serving];
  counter.pace = 1.0;
  counter.suspended = false;
  sim_.cancel(counter.end);
  // A misrouted ticket needs no system; a paper service no longer depends on them.
  // Finished work ends now, whatever the systems (a repace at the very end of a service).
  const bool finished = counter.work_left <= 1e-9;
  const std::uint64_t needs =
      board_ && !c.wrong_pick && !c.paper && !finished ? procedure_mask_[c.procedure] : 0;
  const std::uint64_t down = needs != 0 ? needs & board_->down_mask() : 0;
  if (down != 0) {
    std::uint32_t worst = std::countr_zero(down);
    for (std::uint64_t m = down; m != 0; m &= m - 1) {
      const auto s = static_cast<std::uint32_t>(std::countr_zero(m));
      if (severity(params_.systems[s].on_down) > severity(params_.systems[worst].on_down))
        worst = s;
    }
    const SystemParams& sys = params_.systems[worst];
    if (sys.on_down == OutagePolicy::send_home) {
      send_home_from_counter(k);
      return;
    }
    if (sys.on_down == OutagePolicy::wait) {
      publish_effect(observers_, sim_.now(), c, worst, SystemEffect::suspended);
      counter.suspended = true;  // resumes in on_system_change
      return;
    }
    publish_effect(observers_, sim_.now(), c, worst, SystemEffect::paper);
    c.paper = true;
    c.paper_entry = paper_entry(sys.paper_entry);
    counter.pace = sys.paper_factor;
  } else {
    for (std::uint64_t m = needs; m != 0; m &= m - 1) {
      const auto s = static_cast<std::uint32_t>(std::countr_zero(m));
      if (board_->factor(s) <= counter.pace) continue;
      counter.pace = board_->factor(s);
      publish_effect(observers_, sim_.now(), c, s, SystemEffect::degraded);
    }
  }
  counter.end =
      sim_.schedule_in(counter.work_left * counter.pace, service_end_, k, service_end_priority);
}

void Center::repace_service(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  if (!counter.suspended)
    counter.work_left =
        std::max(0.0, counter.work_left - (sim_.now() - counter.since) / counter.pace);
  counter.since = sim_.now();
  pace_service(k);
}

void Center::send_home_from_counter(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  const CitizenIndex i = counter.serving;
  Citizen& c = pool_[i];
  sim_.cancel(counter.end);
  counter.suspended = false;
  counter.serving = no_citizen;
  const std::uint64_t down = procedure_mask_[c.procedure] & board_->down_mask();
  publish_effect(observers_, sim_.now(), c, down ? std::countr_zero(down) : no_index,
                 SystemEffect::sent_home);
  for (auto* o : observers_) o->on_service_end(sim_.now(), c, k);
  set_counter(k, CounterState::idle);
  leave(i, LeaveReason::system_down);
  call(k);
}

void Center::end_suspended_services() {
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    if (hall_.counter(k).suspended) send_home_from_counter(k);
  }
}

void Center::on_system_change(std::uint32_t system, SystemState, SystemState now, double factor) {
  for (auto* o : observers_) o->on_system_state(sim_.now(), system, now, factor);
  const std::uint64_t bit = std::uint64_t{1} << system;
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    const auto& counter = hall_.counter(k);
    if (counter.serving == no_citizen) continue;
    const Citizen& c = pool_[counter.serving];
    if (!c.wrong_pick && !c.paper && (procedure_mask_[c.procedure] & bit)) repace_service(k);
  }
  back_office_->on_systems_changed();
}

}  // namespace sim::model
