// One service center: arrivals, ticket queue, counters; schedules its events on a Simulation.
#include "sim/model/center.hpp"

#include <limits>

namespace sim::model {

using engine::StreamKey;

Center::Center(engine::Simulation& sim, const CenterParams& params)
    : sim_(sim),
      params_(params),
      // Each citizen attribute has its own stream, drawn in arrival order. Layout changes
      // (counters, staff) therefore leave arrivals and service needs untouched: common
      // random numbers across variants.
      interarrival_rng_(sim.stream(StreamKey{"arrivals.interarrival", 0})),
      class_rng_(sim.stream(StreamKey{"arrivals.priority_class", 0})),
      service_rng_(sim.stream(StreamKey{"citizen.service_need", 0})),
      patience_rng_(sim.stream(StreamKey{"citizen.patience", 0})),
      arrival_handler_(sim.add_handler<&Center::on_arrival>(*this, "center.arrival")),
      service_end_handler_(sim.add_handler<&Center::on_service_end>(*this, "center.service_end")),
      renege_handler_(sim.add_handler<&Center::on_renege>(*this, "center.renege")),
      serving_(params.counters, no_citizen) {
  idle_counters_.reserve(params.counters);
  for (std::uint32_t c = params.counters; c-- > 0;) idle_counters_.push_back(c);
}

void Center::start() { schedule_next_arrival(); }

void Center::schedule_next_arrival() {
  const double gap = params_.interarrival.sample(interarrival_rng_);
  if (sim_.now() + gap < params_.arrivals_end) {
    sim_.schedule_in(gap, arrival_handler_, 0, arrival_priority);
  }
}

CitizenIndex Center::admit_new_citizen() {
  const CitizenIndex i = pool_.acquire();
  Citizen& c = pool_[i];
  c.id = next_citizen_id_++;
  c.arrival = sim_.now();
  c.priority_class = class_rng_.uniform01() < params_.priority_share ? PriorityClass::priority
                                                                     : PriorityClass::regular;
  c.service_need = params_.service.sample(service_rng_);
  c.patience = params_.patience ? params_.patience->sample(patience_rng_)
                                : std::numeric_limits<double>::infinity();
  return i;
}

void Center::on_arrival(std::uint64_t) {
  schedule_next_arrival();
  const CitizenIndex i = admit_new_citizen();
  for (auto* o : observers_) o->on_arrival(sim_.now(), pool_[i]);
  if (!idle_counters_.empty()) {
    const std::uint32_t counter = idle_counters_.back();
    idle_counters_.pop_back();
    start_service(i, counter);
    return;
  }
  queue_.push_back(pool_, i);
  publish_queue_length();
  if (pool_[i].patience < std::numeric_limits<double>::infinity()) {
    pool_[i].renege_event = sim_.schedule_in(pool_[i].patience, renege_handler_, i, renege_priority);
  }
}

void Center::start_service(CitizenIndex i, std::uint32_t counter) {
  Citizen& c = pool_[i];
  sim_.cancel(c.renege_event);
  c.service_start = sim_.now();
  c.counter = counter;
  serving_[counter] = i;
  set_busy(busy_ + 1);
  for (auto* o : observers_) o->on_service_start(sim_.now(), c, counter);
  sim_.schedule_in(c.service_need, service_end_handler_, counter, service_end_priority);
}

void Center::on_service_end(std::uint64_t counter_payload) {
  const auto counter = static_cast<std::uint32_t>(counter_payload);
  const CitizenIndex done = serving_[counter];
  for (auto* o : observers_) o->on_service_end(sim_.now(), pool_[done], counter);
  pool_.release(done);
  serving_[counter] = no_citizen;
  set_busy(busy_ - 1);
  const CitizenIndex next = queue_.pop_front(pool_);
  if (next == no_citizen) {
    idle_counters_.push_back(counter);
    return;
  }
  publish_queue_length();
  start_service(next, counter);
}

void Center::on_renege(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  queue_.remove(pool_, i);
  publish_queue_length();
  for (auto* o : observers_) o->on_renege(sim_.now(), pool_[i]);
  pool_.release(i);
}

void Center::set_busy(std::uint32_t busy) {
  busy_ = busy;
  for (auto* o : observers_) o->on_busy_counters(sim_.now(), busy_);
}

void Center::publish_queue_length() {
  for (auto* o : observers_) o->on_queue_length(sim_.now(), 0, queue_.size());
}

}  // namespace sim::model
