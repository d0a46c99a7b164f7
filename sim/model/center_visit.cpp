// One service center: a visit at the counters, from the ticket to leaving.
#include <limits>

#include "sim/model/center.hpp"

namespace sim::model {

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
      leave(i, days_.in_session() || days_.closed_for_day() ? LeaveReason::closing
                                                            : LeaveReason::lunch);
      return;
    }
    c.ticket_time = sim_.now();
    for (auto* o : observers_) o->on_ticket(sim_.now(), c);
    join_queue(i);
  } else if (c.incomplete && !c.fix_on_spot) {
    leave(i, LeaveReason::incomplete);
  } else {
    served(i);
  }
}

void Center::on_renege(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  queues_[pool_[i].queue].remove(pool_, i);
  publish_queue_length(pool_[i].queue);
  leave(i, LeaveReason::reneged);
}

}  // namespace sim::model
