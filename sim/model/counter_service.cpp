// The counter service: ticket queues, counters calling and serving, pacing under outages.
#include "sim/model/counter_service.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "sim/model/service_pace.hpp"

namespace sim::model {

CounterService::CounterService(engine::Simulation& sim, const CenterParams& params,
                               const DayCycle& days, const std::optional<SystemBoard>& board,
                               std::optional<BackOffice>& back_office, CitizenPool& pool,
                               const Observers& observers, VisitRouter& router)
    : sim_(sim),
      params_(params),
      days_(days),
      board_(board),
      back_office_(back_office),
      pool_(pool),
      observers_(observers),
      router_(router),
      service_end_(sim.add_handler<&CounterService::on_service_end>(*this, "counters.service_end")),
      renege_(sim.add_handler<&CounterService::on_renege>(*this, "counters.renege")),
      roster_(sim, params),
      queues_(params.domains.size()),
      hall_(params) {
  for (const auto& p : params.procedures) procedure_mask_.push_back(system_mask(p));
  counter_time_moments();
  session_staff_.assign(params.counters.size(), no_index);
}

std::uint32_t CounterService::queue_length() const {
  std::uint32_t n = 0;
  for (const auto& q : queues_) n += q.size();
  return n;
}

// ---------------------------------------------------------------------------------------------
// Counters: staffing, calling, closing.

void CounterService::open_session(std::uint32_t session) {
  // A counter still busy from before (a service suspended over lunch) keeps its staff member.
  const std::uint32_t day = days_.day();
  const DayPlan* plan = days_.calendar() ? &days_.calendar()->day(day) : nullptr;
  if (plan && profile_day_ != day) {
    profile_ = ArrivalProfile(params_.demand, *plan, day);  // once a day, not per ticket
    profile_day_ = day;
  }
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    auto& counter = hall_.counter(k);
    if (counter.staff == no_index) counter.staff = roster_.staff_for(k, day, plan, session);
    session_staff_[k] = counter.staff;
  }
  hall_.update_cover();
  std::vector<bool> uncovered(queues_.size());
  for (std::uint32_t d = 0; d < uncovered.size(); ++d)
    uncovered[d] = (!plan || serves_domain_on(params_, *plan, d)) && !hall_.covered(d);
  for (auto* o : observers_) o->on_session_cover(sim_.now(), uncovered);
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    auto& counter = hall_.counter(k);
    counter.calling = counter.staff != no_index;
    if (counter.calling && counter.state == CounterState::closed)
      set_counter(k, CounterState::idle);
    call(k);
  }
}

void CounterService::set_calling(bool calling) {
  for (std::uint32_t k = 0; k < hall_.size(); ++k) hall_.counter(k).calling = calling;
}

void CounterService::call_all() {
  for (std::uint32_t k = 0; k < hall_.size(); ++k) call(k);
}

void CounterService::call(std::uint32_t k) {
  const auto& counter = hall_.counter(k);
  if (counter.state != CounterState::idle) return;
  if (counter.calling) {
    const std::uint32_t q = hall_.next_queue(k, queues_, pool_);
    if (q != no_index) {
      const CitizenIndex i = queues_[q].pop_front(pool_);
      publish_queue_length(q);
      start_service(i, k);
      return;
    }
    // Open with no ticket to call: back-office work, or wait idle for the next ticket.
    if (days_.in_session()) {
      offer_back_office(k);
      return;
    }
  }
  if (days_.closed_for_day() && offer_late_reception(k)) return;
  close_counter(k);
}

bool CounterService::offer_late_reception(std::uint32_t k) {
  // After the day's last session, staff stay to receive the online dossiers that would fall
  // due within a day, until the back office's overtime_until (seed 004: lights on to 20-21h).
  const int until_min = params_.back_office.overtime_until_min;
  if (!back_office_ || until_min < 0 || hall_.counter(k).staff == no_index ||
      !back_office_->reception_urgent(sim_.now()))
    return false;
  const double until = WorkCalendar::time_of(days_.day(), until_min);
  if (!back_office_->start_reception(k, until - sim_.now())) return false;
  set_counter(k, CounterState::back_office);
  return true;
}

bool CounterService::offer_back_office(std::uint32_t k) {
  if (!back_office_) return false;
  // Work ends by the session's close, so back-office work never turns into overtime.
  // Receiving online dossiers comes first: it is the counter's own job (the one-stop desk), on
  // a clock of working hours; back-office work only where counter staff take it.
  const double left = days_.session_close_time() - sim_.now();
  if (!back_office_->start_reception(k, left)) {
    if (!params_.back_office.counter_staff || !back_office_->has_work()) return false;
    if (!back_office_->start_counter_slice(k, left)) return false;
  }
  set_counter(k, CounterState::back_office);
  return true;
}

void CounterService::on_counter_slice_end(std::uint32_t k) {
  set_counter(k, CounterState::idle);
  call(k);
}

void CounterService::on_back_office_work() {
  if (!days_.in_session()) return;
  if (!params_.back_office.counter_staff && !back_office_->has_reception_work()) return;
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    if (hall_.counter(k).state == CounterState::idle && hall_.counter(k).calling) call(k);
  }
}

void CounterService::close_counter(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  const std::uint32_t staff = counter.staff;
  set_counter(k, CounterState::closed);
  counter.staff = no_index;
  counter.calling = false;
  const double now = sim_.now();
  if (days_.closed_for_day() && staff != no_index && now > days_.last_close()) {
    for (auto* o : observers_) o->on_overtime(now, staff, now - days_.last_close());
  }
}

void CounterService::set_counter(std::uint32_t k, CounterState state) {
  hall_.set_state(k, state);
  if (k == idle_unreported_) idle_unreported_ = no_index;  // this state replaces the idle one
  for (auto* o : observers_) o->on_counter_state(sim_.now(), k, hall_.counter(k).staff, state);
}

void CounterService::publish_queue_length(std::uint32_t q) {
  for (auto* o : observers_) o->on_queue_length(sim_.now(), q, queues_[q].size());
}

// ---------------------------------------------------------------------------------------------
// A visit at the counters, from the ticket to leaving.

[[gnu::flatten]] void CounterService::join(CitizenIndex i) {
  Citizen& c = pool_[i];
  const std::uint32_t k = hall_.idle_counter_for(c.queue);
  if (k != no_index) {
    start_service(i, k);
    return;
  }
  const double start = patience_start(c.queue, c.priority_class);
  queues_[c.queue].push_back(pool_, i);
  publish_queue_length(c.queue);
  if (c.patience < std::numeric_limits<double>::infinity()) {
    c.pending_event = sim_.schedule_at(start + c.patience, renege_, i, renege_priority);
  }
}

double CounterService::patience_start(std::uint32_t queue, PriorityClass cls) const {
  using From = BehaviourParams::PatienceFrom;
  if (params_.behaviour.patience_from != From::expected_call || !days_.calendar())
    return sim_.now();
  // The call the machine let the citizen expect: the work ahead at the pace of the officers
  // seated now, breaks skipped. With nobody calling the queue now there is no expectation.
  const double ahead = minutes_of_work(queue, cls, false);
  return std::isfinite(ahead) ? days_.finish_time(ahead) : sim_.now();
}

void CounterService::on_renege(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  queues_[pool_[i].queue].remove(pool_, i);
  publish_queue_length(pool_[i].queue);
  router_.leave(i, LeaveReason::reneged);
}

void CounterService::send_home_waiting(LeaveReason reason) {
  for (std::uint32_t q = 0; q < queues_.size(); ++q) {
    while (!queues_[q].empty()) {
      const CitizenIndex i = queues_[q].pop_front(pool_);
      sim_.cancel(pool_[i].pending_event);
      publish_queue_length(q);
      router_.leave(i, reason);
    }
  }
}

void CounterService::start_service(CitizenIndex i, std::uint32_t k) {
  Citizen& c = pool_[i];
  sim_.cancel(c.pending_event);
  c.waited += sim_.now() - c.ticket_time;
  c.service_start = sim_.now();
  c.counter = k;
  c.staff = hall_.counter(k).staff;
  hall_.counter(k).serving = i;
  set_counter(k, CounterState::busy);
  for (auto* o : observers_.ticket_watchers()) o->on_service_start(sim_.now(), c, k);
  auto& counter = hall_.counter(k);
  counter.work_left = c.misroute_time;
  if (!c.wrong_pick && c.absent_when_called) {
    counter.work_left = params_.behaviour.no_show_min;  // the number called, nobody comes
  } else if (!c.wrong_pick) {
    counter.work_left = c.service_need / hall_.speed(k, c.queue) +
                        (c.incomplete && c.fix_on_spot ? c.fix_time : 0.0);
  }
  counter.since = sim_.now();
  pace_service(k);
}

// Flattened, like join: the visit's end, the next call and the next service are small calls,
// cheaper inline (issue 20).
[[gnu::flatten]] void CounterService::on_service_end(std::uint64_t counter) {
  const auto k = static_cast<std::uint32_t>(counter);
  const CitizenIndex i = hall_.counter(k).serving;
  hall_.counter(k).serving = no_citizen;
  for (auto* o : observers_.service_end_watchers()) o->on_service_end(sim_.now(), pool_[i], k);
  // Idle from now (the visit's end and the next call see it so), reported only if no other
  // state follows at this instant (CenterObserver::on_counter_state): set_counter clears it.
  hall_.set_state(k, CounterState::idle);
  idle_unreported_ = k;
  finish_visit(i);
  call(k);
  if (idle_unreported_ == k) set_counter(k, CounterState::idle);
}

void CounterService::finish_visit(CitizenIndex i) {
  Citizen& c = pool_[i];
  if (c.wrong_pick) {
    // The counter sends the citizen to the right domain's queue with a new ticket, if some
    // counter will still call that queue today; otherwise home, to come back.
    c.wrong_pick = false;
    c.queue = c.domain;
    if (!queue_served_later(c.queue)) {
      router_.leave(i, days_.in_session() || days_.closed_for_day() ? LeaveReason::closing
                                                                    : LeaveReason::lunch);
      return;
    }
    c.ticket_time = sim_.now();
    for (auto* o : observers_.ticket_watchers()) o->on_ticket(sim_.now(), c);
    join(i);
  } else if (c.absent_when_called) {
    c.no_show = true;  // gone before the call: left unserved like one whose patience ran out
    router_.leave(i, LeaveReason::reneged);
  } else if (c.incomplete && !c.fix_on_spot) {
    router_.leave(i, LeaveReason::incomplete);
  } else {
    router_.served(i);
  }
}

bool CounterService::queue_served_later(std::uint32_t queue) const {
  if (days_.in_session()) return true;
  if (!days_.closed_for_day()) return days_.tickets_wait_over_lunch();
  // After the last close only counters still open in overtime call tickets.
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    const auto& counter = hall_.counter(k);
    if (counter.calling && counter.state != CounterState::closed && hall_.speed(k, queue) > 0.0 &&
        hall_.serves(k, queue)) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Software systems at the counter.

void CounterService::pace_service(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  Citizen& c = pool_[counter.serving];
  counter.pace = 1.0;
  counter.suspended = false;
  sim_.cancel(counter.end);
  // A misrouted ticket or a no-show needs no system; a paper service no longer depends on them.
  // Finished work ends now, whatever the systems (a repace at the very end of a service).
  const bool finished = counter.work_left <= 1e-9;
  const std::uint64_t needs =
      board_ && !c.wrong_pick && !c.absent_when_called && !c.paper && !finished
          ? procedure_mask_[c.procedure]
          : 0;
  if (needs != 0) {
    const ServicePace pace = service_pace(needs, *board_, params_.systems);
    if (pace.action == ServicePace::Action::send_home) {
      send_home_from_counter(k);
      return;
    }
    if (pace.effect) publish_effect(observers_, sim_.now(), c, pace.system, *pace.effect);
    if (pace.action == ServicePace::Action::suspend) {
      counter.suspended = true;  // resumes in on_system_change
      return;
    }
    if (pace.effect == SystemEffect::paper) {
      c.paper = true;
      c.paper_entry = paper_entry(params_.systems[pace.system].paper_entry);
    }
    counter.pace = pace.factor;
  }
  counter.end =
      sim_.schedule_in(counter.work_left * counter.pace, service_end_, k, service_end_priority);
}

void CounterService::repace_service(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  if (!counter.suspended)
    counter.work_left =
        std::max(0.0, counter.work_left - (sim_.now() - counter.since) / counter.pace);
  counter.since = sim_.now();
  pace_service(k);
}

void CounterService::send_home_from_counter(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  const CitizenIndex i = counter.serving;
  Citizen& c = pool_[i];
  sim_.cancel(counter.end);
  counter.suspended = false;
  counter.serving = no_citizen;
  const std::uint64_t down = procedure_mask_[c.procedure] & board_->down_mask();
  publish_effect(observers_, sim_.now(), c,
                 down ? static_cast<std::uint32_t>(std::countr_zero(down)) : no_index,
                 SystemEffect::sent_home);
  for (auto* o : observers_.service_end_watchers()) o->on_service_end(sim_.now(), c, k);
  set_counter(k, CounterState::idle);
  router_.leave(i, LeaveReason::system_down);
  call(k);
}

void CounterService::end_suspended_services() {
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    if (hall_.counter(k).suspended) send_home_from_counter(k);
  }
}

void CounterService::on_system_change(std::uint32_t system) {
  const std::uint64_t bit = std::uint64_t{1} << system;
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    const auto& counter = hall_.counter(k);
    if (counter.serving == no_citizen) continue;
    const Citizen& c = pool_[counter.serving];
    if (!c.wrong_pick && !c.paper && (procedure_mask_[c.procedure] & bit)) repace_service(k);
  }
}

double CounterService::paper_entry(const engine::Distribution& d) {
  // The stream of the current day, created at its first use that day: the same draws as a
  // stream created at the day's start.
  if (paper_day_ != days_.day()) {
    paper_day_ = days_.day();
    paper_.emplace(sim_.stream({"citizen.paper_entry", paper_day_}));
  }
  return d.sample(*paper_);
}

}  // namespace sim::model
