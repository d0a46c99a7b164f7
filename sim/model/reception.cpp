// Reception: forms, the reception robot, the desk or the kiosk, and the ticket machine's rules.
#include "sim/model/reception.hpp"

namespace sim::model {

Reception::Reception(engine::Simulation& sim, const CenterParams& params, const DayCycle& days,
                     const std::optional<SystemBoard>& board, CitizenPool& pool,
                     const Observers& observers, VisitRouter& router)
    : sim_(sim),
      params_(params),
      days_(days),
      board_(board),
      pool_(pool),
      observers_(observers),
      router_(router),
      form_done_(sim.add_handler<&Reception::on_form_done>(*this, "reception.form_done")),
      helped_form_done_(
          sim.add_handler<&Reception::on_helped_form_done>(*this, "reception.helped_form_done")),
      robot_done_(sim.add_handler<&Reception::on_robot_done>(*this, "reception.robot_done")),
      desk_done_(sim.add_handler<&Reception::on_desk_done>(*this, "reception.desk_done")),
      free_desks_(params.reception.receptionists),
      free_robot_places_(params.reception.robot ? params.reception.robot->capacity : 0),
      free_volunteers_(params.reception.volunteers ? params.reception.volunteers->count : 0),
      ticket_rules_(
          params.policy.daily_ticket_cap > 0 ||
          (params.policy.closing == PolicyParams::Closing::stop_issuing && params.calendar) ||
          params.policy.balk_threshold > 0 || params.behaviour.balk_start > 0) {}

// Flattened: the rules a ticket passes are small calls, cheaper inline (issue 20). What a
// citizen with no forms who goes straight to the kiosk does not meet (forms, the robot, the
// desk, the ticket rules, observers of tickets) is a call away (noinline), so the straight
// path needs no stack frame and ends in a tail call to the counters.
[[gnu::flatten]] void Reception::receive(CitizenIndex i) {
  if (pool_[i].form_time <= 0.0) {
    request_ticket(i);
    return;
  }
  fill_forms(i);
}

void Reception::fill_forms(CitizenIndex i) {
  const double form = pool_[i].form_time;
  if (volunteers_on_duty()) {
    const bool helped = free_volunteers_ > 0;
    for (auto* o : observers_) o->on_form_help(sim_.now(), pool_[i], helped);
    if (helped) {
      --free_volunteers_;
      pool_[i].pending_event = sim_.schedule_in(help(i), helped_form_done_, i, ticket_priority);
      return;
    }
  }
  pool_[i].pending_event = sim_.schedule_in(form, form_done_, i, ticket_priority);
}

void Reception::on_form_done(std::uint64_t citizen) {
  request_ticket(static_cast<CitizenIndex>(citizen));
}

void Reception::on_helped_form_done(std::uint64_t citizen) {
  ++free_volunteers_;
  request_ticket(static_cast<CitizenIndex>(citizen));
}

bool Reception::volunteers_on_duty() const {
  const auto& v = params_.reception.volunteers;
  if (!v || v->count == 0 || !days_.in_session()) return false;
  const double minute = sim_.now() - 1440.0 * days_.day();
  return (v->from_min < 0 || minute >= v->from_min) && (v->until_min < 0 || minute < v->until_min);
}

double Reception::help(CitizenIndex i) {
  Citizen& c = pool_[i];
  const VolunteerParams& v = *params_.reception.volunteers;
  engine::RngStream draws = sim_.stream(engine::StreamKey{"reception.volunteer_help", c.id});
  const double keep_wrong = draws.uniform01(), keep_incomplete = draws.uniform01();
  if (c.wrong_pick && keep_wrong >= v.wrong_pick_factor) {
    c.queue = c.domain;
    c.wrong_pick = false;
  }
  if (c.incomplete && keep_incomplete >= v.incomplete_factor) c.incomplete = false;
  c.form_time *= v.form_factor;
  return c.form_time;
}

void Reception::request_ticket(CitizenIndex i) {
  if (!days_.tickets_issued_now()) {
    router_.leave(i, LeaveReason::after_hours);
    return;
  }
  const auto& turn_away = params_.policy.turn_away;
  if (!turn_away.empty() && turn_away[pool_[i].domain]) {
    router_.leave(i, LeaveReason::turned_away);  // told at the door: no one here does this
    return;
  }
  if (robot_free()) {
    go_to_robot(i);
    return;
  }
  go_to_desk_or_kiosk(i, true);
}

void Reception::go_to_robot(CitizenIndex i) {
  // The robot serves without a queue: with all its places taken, the citizen uses the
  // ordinary reception, as when it is down.
  --free_robot_places_;
  sim_.schedule_in(pool_[i].robot_time, robot_done_, i, ticket_priority);
}

bool Reception::robot_free() const {
  const auto& robot = params_.reception.robot;
  if (!robot || free_robot_places_ == 0) return false;
  return !(board_ && robot->system < board_->size() &&
           board_->state(robot->system) == SystemState::down);
}

bool Reception::ticket_machine_down() const {
  const auto s = params_.reception.ticket_system;
  return board_ && s < board_->size() && board_->state(s) == SystemState::down;
}

void Reception::on_robot_done(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  ++free_robot_places_;
  Citizen& c = pool_[i];
  const RobotParams& robot = *params_.reception.robot;
  if (c.robot_answers && c.visit == 1) {
    router_.leave(i, LeaveReason::answered);
    return;
  }
  c.queue = c.visit == 1 ? c.robot_queue : c.domain;
  c.wrong_pick = c.queue != c.domain;
  if (robot.qr_domains[c.domain]) c.service_need *= robot.qr_service_factor;
  go_to_desk_or_kiosk(i, false);
}

void Reception::go_to_desk_or_kiosk(CitizenIndex i, bool reception) {
  const bool by_hand = ticket_machine_down();
  const bool desk = reception && params_.reception.mode == ReceptionParams::Mode::receptionist;
  if (desk || by_hand) {
    go_to_desk(i, desk, by_hand);
    return;
  }
  issue_ticket(i);
}

void Reception::go_to_desk(CitizenIndex i, bool desk, bool by_hand) {
  Citizen& c = pool_[i];
  if (by_hand)
    publish_effect(observers_, sim_.now(), c, params_.reception.ticket_system,
                   SystemEffect::hand_ticket);
  c.desk_time = (desk ? c.reception_time : 0.0) + (by_hand ? c.manual_ticket_time : 0.0);
  if (free_desks_ > 0) {
    start_desk(i);
  } else {
    desk_queue_.push_back(pool_, i);
  }
}

void Reception::start_desk(CitizenIndex i) {
  --free_desks_;
  sim_.schedule_in(pool_[i].desk_time, desk_done_, i, ticket_priority);
}

void Reception::on_desk_done(std::uint64_t citizen) {
  ++free_desks_;
  if (!desk_queue_.empty()) start_desk(desk_queue_.pop_front(pool_));
  issue_ticket(static_cast<CitizenIndex>(citizen));
}

void Reception::issue_ticket(CitizenIndex i) {
  if (!days_.tickets_issued_now()) {  // e.g. finished at the desk after the ticket stop
    router_.leave(i, LeaveReason::after_hours);
    return;
  }
  if (ticket_rules_ && refused_by_rules(i)) return;
  Citizen& c = pool_[i];
  ++tickets_today_;
  c.ticket_time = sim_.now();
  c.ticketed = true;
  if (!observers_.ticket_watchers().empty()) publish_ticket(c);
  router_.ticket_taken(i);
}

void Reception::publish_ticket(const Citizen& c) {
  for (auto* o : observers_.ticket_watchers()) o->on_ticket(sim_.now(), c);
}

bool Reception::refused_by_rules(CitizenIndex i) {
  const Citizen& c = pool_[i];
  const auto& policy = params_.policy;
  if (policy.daily_ticket_cap > 0 && tickets_today_ >= policy.daily_ticket_cap) {
    router_.leave(i, LeaveReason::ticket_cap);
    return true;
  }
  if (past_cap_if_issued(c.queue, c.priority_class)) {  // stopped early: come back another day
    router_.leave(i, LeaveReason::after_hours);
    return true;
  }
  const std::uint32_t ahead = router_.tickets_waiting(c.queue);
  if ((policy.balk_threshold > 0 && ahead >= policy.balk_threshold) ||
      c.balk_draw < balk_chance(ahead)) {
    router_.leave(i, LeaveReason::balked);
    return true;
  }
  return false;
}

double Reception::balk_chance(std::uint32_t ahead) const {
  const auto& b = params_.behaviour;
  if (b.balk_start == 0) return 0.0;
  double start = b.balk_start, full = b.balk_full;
  const double minute = sim_.now() - 1440.0 * days_.day();
  if (b.balk_late_from_min >= 0 && minute >= b.balk_late_from_min) {
    start *= b.balk_late_factor;
    full *= b.balk_late_factor;
  }
  if (ahead < start) return 0.0;
  if (ahead >= full) return 1.0;
  return (ahead - start + 1.0) / (full - start + 1.0);
}

bool Reception::past_cap_if_issued(std::uint32_t queue, PriorityClass cls) const {
  const auto& policy = params_.policy;
  if (policy.closing != PolicyParams::Closing::stop_issuing || !days_.calendar()) return false;
  const double cap = WorkCalendar::time_of(days_.day(), policy.overtime_cap_min);
  // A priority ticket is called before the regular ones: its own class's estimate decides.
  return days_.finish_time(router_.minutes_to_serve(queue, cls)) > cap;
}

void Reception::send_home_waiting(LeaveReason reason) {
  while (!desk_queue_.empty()) router_.leave(desk_queue_.pop_front(pool_), reason);
}

}  // namespace sim::model
