// Simulation: one value that owns the clock, the calendar and the stream seed; no globals.
#include "sim/engine/simulation.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/engine/sim_error.hpp"

namespace sim::engine {

Simulation::Simulation(StreamSeed seed) : seed_(seed) {}

EventHandle Simulation::schedule_at(SimTime t, HandlerId handler, std::uint64_t payload,
                                    std::int32_t priority) {
  if (!(t >= now_) || !std::isfinite(t)) {
    throw std::logic_error("event scheduled at t=" + std::to_string(t) +
                           " which is before now=" + std::to_string(now_) + " or not finite");
  }
  if (handler >= handlers_.size()) throw std::logic_error("event scheduled for unknown handler");
  return calendar_.push(t, priority, handler, payload);
}

void Simulation::dispatch(const Event& event) {
  const Handler& h = handlers_[event.handler];
  try {
    h.invoke(h.obj, event.payload);
  } catch (const SimError&) {
    throw;
  } catch (const std::exception& e) {
    throw SimError(now_, event.seq, h.name, seed_.center, e.what());
  }
}

bool Simulation::step() {
  if (stopped_) return false;
  const auto event = calendar_.pop();
  if (!event) return false;
  now_ = event->time;
  ++processed_;
  dispatch(*event);
  return true;
}

void Simulation::run_until(SimTime t) {
  stopped_ = false;
  while (!stopped_) {
    const auto next = calendar_.peek_time();
    if (!next || *next > t) break;
    step();
  }
  if (!stopped_ && t > now_) now_ = t;
}

void Simulation::run() {
  stopped_ = false;
  while (step()) {
  }
}

}  // namespace sim::engine
