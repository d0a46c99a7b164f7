// One service center: the steps of a citizen's visit, from arrival to leaving.
#include <limits>

#include "sim/model/center.hpp"

namespace sim::model {

void Center::schedule_next_arrival() {
  if (!calendar_) {
    const double t = sim_.now() + draws_->interarrival();
    if (t < params_.arrivals_end) sim_.schedule_at(t, arrival_, 0, arrival_priority);
    return;
  }
  const double t = profile_.next(sim_.now(), draws_->unit_exponential());
  if (t >= 0.0) sim_.schedule_at(t, arrival_, 0, arrival_priority);
}

void Center::on_arrival(std::uint64_t) {
  schedule_next_arrival();
  const CitizenIndex i = pool_.acquire();
  Citizen& c = pool_[i];
  c.id = next_citizen_id_++;
  c.arrival = c.first_arrival = c.ticket_time = sim_.now();
  draws_->draw(c);
  if (c.online || c.stays_home) {
    // Online demand is the OnlineChannel's own process. Dropping the online share here keeps
    // the walk-ins a Poisson process of (1 - online_share) x the day's intensity, and keeps
    // every other citizen's draws where they were. Citizens a policy keeps away (answered in
    // an online group, moved to Saturday) are thinned the same way.
    pool_.release(i);
    return;
  }
  for (auto* o : observers_) o->on_arrival(sim_.now(), c);
  enter(i);
}

void Center::on_return(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  Citizen& c = pool_[i];
  --away_;
  ++c.visit;
  c.arrival = c.ticket_time = sim_.now();
  c.waited = 0.0;
  c.form_time = 0.0;     // the forms were filled on the first visit
  c.incomplete = false;  // they come back with the missing papers
  c.queue = c.domain;    // and now know where to queue
  c.wrong_pick = false;
  c.paper = false;
  c.effects = 0;
  for (auto* o : observers_) o->on_arrival(sim_.now(), c);
  enter(i);
}

void Center::enter(CitizenIndex i) {
  const double form = pool_[i].form_time;
  if (form > 0.0) {
    pool_[i].pending_event = sim_.schedule_in(form, form_done_, i, ticket_priority);
  } else {
    request_ticket(i);
  }
}

void Center::on_form_done(std::uint64_t citizen) {
  request_ticket(static_cast<CitizenIndex>(citizen));
}

bool Center::tickets_issued_now() const {
  if (!calendar_) return true;
  const DayPlan& plan = calendar_->day(day_);
  return plan.working && sim_.now() < WorkCalendar::time_of(day_, plan.ticket_stop_min);
}

void Center::request_ticket(CitizenIndex i) {
  if (!tickets_issued_now()) {
    leave(i, LeaveReason::after_hours);
    return;
  }
  if (robot_free()) {
    // The robot serves without a queue: with all its places taken, the citizen uses the
    // ordinary reception, as when it is down.
    --free_robot_places_;
    sim_.schedule_in(pool_[i].robot_time, robot_done_, i, ticket_priority);
    return;
  }
  go_to_desk_or_kiosk(i, true);
}

bool Center::robot_free() const {
  const auto& robot = params_.reception.robot;
  if (!robot || free_robot_places_ == 0) return false;
  return !(board_ && robot->system < board_->size() &&
           board_->state(robot->system) == SystemState::down);
}

void Center::on_robot_done(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  ++free_robot_places_;
  Citizen& c = pool_[i];
  const RobotParams& robot = *params_.reception.robot;
  if (c.robot_answers && c.visit == 1) {
    leave(i, LeaveReason::answered);
    return;
  }
  c.queue = c.visit == 1 ? c.robot_queue : c.domain;
  c.wrong_pick = c.queue != c.domain;
  if (robot.qr_domains[c.domain]) c.service_need *= robot.qr_service_factor;
  go_to_desk_or_kiosk(i, false);
}

void Center::go_to_desk_or_kiosk(CitizenIndex i, bool reception) {
  // The desk issues tickets by hand while the ticket machine is down, in kiosk mode too.
  Citizen& c = pool_[i];
  const bool by_hand = ticket_machine_down();
  const bool desk = reception && params_.reception.mode == ReceptionParams::Mode::receptionist;
  if (by_hand) publish_effect(c, params_.reception.ticket_system, SystemEffect::hand_ticket);
  if (desk || by_hand) {
    c.desk_time = (desk ? c.reception_time : 0.0) + (by_hand ? c.manual_ticket_time : 0.0);
    if (free_receptionists_ > 0) {
      start_reception(i);
    } else {
      reception_queue_.push_back(pool_, i);
    }
    return;
  }
  take_ticket(i);
}

void Center::start_reception(CitizenIndex i) {
  --free_receptionists_;
  sim_.schedule_in(pool_[i].desk_time, reception_done_, i, ticket_priority);
}

void Center::on_reception_done(std::uint64_t citizen) {
  ++free_receptionists_;
  if (!reception_queue_.empty()) start_reception(reception_queue_.pop_front(pool_));
  take_ticket(static_cast<CitizenIndex>(citizen));
}

void Center::take_ticket(CitizenIndex i) {
  Citizen& c = pool_[i];
  const auto& policy = params_.policy;
  if (!tickets_issued_now()) {  // e.g. finished at the reception desk after the ticket stop
    leave(i, LeaveReason::after_hours);
    return;
  }
  if (policy.daily_ticket_cap > 0 && tickets_today_ >= policy.daily_ticket_cap) {
    leave(i, LeaveReason::ticket_cap);
    return;
  }
  if (policy.balk_threshold > 0 && queues_[c.queue].size() >= policy.balk_threshold) {
    leave(i, LeaveReason::balked);
    return;
  }
  ++tickets_today_;
  c.ticket_time = sim_.now();
  for (auto* o : observers_) o->on_ticket(sim_.now(), c);
  join_queue(i);
}

void Center::join_queue(CitizenIndex i) {
  Citizen& c = pool_[i];
  const std::uint32_t k = hall_.idle_counter_for(c.queue);
  if (k != no_index) {
    start_service(i, k);
    return;
  }
  queues_[c.queue].push_back(pool_, i);
  publish_queue_length(c.queue);
  if (c.patience < std::numeric_limits<double>::infinity()) {
    c.pending_event = sim_.schedule_in(c.patience, renege_, i, renege_priority);
  }
}

void Center::start_service(CitizenIndex i, std::uint32_t k) {
  Citizen& c = pool_[i];
  sim_.cancel(c.pending_event);
  c.waited += sim_.now() - c.ticket_time;
  c.service_start = sim_.now();
  c.counter = k;
  c.staff = hall_.counter(k).staff;
  hall_.counter(k).serving = i;
  set_counter(k, CounterState::busy);
  for (auto* o : observers_) o->on_service_start(sim_.now(), c, k);
  auto& counter = hall_.counter(k);
  counter.work_left = c.misroute_time;
  if (!c.wrong_pick) {
    counter.work_left = c.service_need / hall_.speed(k, c.queue) +
                        (c.incomplete && c.fix_on_spot ? c.fix_time : 0.0);
  }
  counter.since = sim_.now();
  pace_service(k);
}

void Center::on_service_end(std::uint64_t counter) {
  const auto k = static_cast<std::uint32_t>(counter);
  const CitizenIndex i = hall_.counter(k).serving;
  hall_.counter(k).serving = no_citizen;
  for (auto* o : observers_) o->on_service_end(sim_.now(), pool_[i], k);
  set_counter(k, CounterState::idle);
  finish_visit(i);
  call(k);
}

void Center::finish_visit(CitizenIndex i) {
  Citizen& c = pool_[i];
  if (c.wrong_pick) {
    // The counter sends the citizen to the right domain's queue with a new ticket, if some
    // counter will still call that queue today; otherwise home, to come back.
    c.wrong_pick = false;
    c.queue = c.domain;
    if (!queue_served_later(c.queue)) {
      leave(i, in_session_ || closed_for_day_ ? LeaveReason::closing : LeaveReason::lunch);
      return;
    }
    c.ticket_time = sim_.now();
    for (auto* o : observers_) o->on_ticket(sim_.now(), c);
    join_queue(i);
  } else if (c.incomplete && !c.fix_on_spot) {
    leave(i, LeaveReason::incomplete);
  } else {
    for (auto* o : observers_) o->on_served(sim_.now(), c);
    file_dossier(c);
    pool_.release(i);
  }
}

void Center::file_dossier(const Citizen& c) {
  if (!back_office_ || !params_.procedures[c.procedure].dossier) return;
  Dossier d;
  d.id = c.id;
  d.procedure = c.procedure;
  d.domain = c.domain;
  d.day = day_;
  d.received = sim_.now();
  d.work_total = c.back_office_need + (c.paper ? c.paper_entry : 0.0);
  d.paper = c.paper;
  back_office_->receive(d);
}

void Center::on_renege(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  queues_[pool_[i].queue].remove(pool_, i);
  publish_queue_length(pool_[i].queue);
  leave(i, LeaveReason::reneged);
}

void Center::leave(CitizenIndex i, LeaveReason reason) {
  Citizen& c = pool_[i];
  for (auto* o : observers_) o->on_leave(sim_.now(), c, reason);
  if (calendar_ && returns_later(reason) && c.visit < params_.policy.max_visits) {
    std::optional<std::uint32_t> day = day_;
    for (int n = 0; day && n < params_.policy.return_after_working_days; ++n) {
      day = calendar_->next_working_day(*day);
    }
    // A Friendly Saturday serves some domains only: the others come back on a weekday.
    while (day && !serves_domain_on(*day, c.domain)) day = calendar_->next_working_day(*day);
    if (day) {
      // The return visit falls on that day where the day's own arrivals are dense.
      // Citizens sent home on one day mostly come back on the same later day: the profile of the
      // last return day is kept, so a send-home does not build (and allocate) a profile.
      if (return_day_ != *day) {
        return_profile_ = ArrivalProfile(params_.demand, calendar_->day(*day), *day);
        return_day_ = *day;
      }
      const double t = return_profile_.at_fraction(draws_->return_position());
      if (t >= 0.0) {
        ++away_;
        c.pending_event = sim_.schedule_at(t, return_, i, arrival_priority);
        return;
      }
    }
  }
  pool_.release(i);
}

}  // namespace sim::model
