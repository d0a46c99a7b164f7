// Simulation: one value that owns the clock, the calendar and the stream seed; no globals.
#include "sim/engine/simulation.hpp"

#include <stdexcept>

namespace sim::engine {

Simulation::Simulation(StreamSeed seed) : seed_(seed) {}

void Simulation::refuse(SimTime t, HandlerId handler) const {
  if (handler >= handlers_.size()) throw std::logic_error("event scheduled for unknown handler");
  throw std::logic_error("event scheduled at t=" + std::to_string(t) +
                         " which is before now=" + std::to_string(now_) + " or not finite");
}

void Simulation::rethrow_with_context(HandlerId handler, const std::exception& e) const {
  throw SimError(now_, running_seq_, handlers_[handler].name, seed_.center, e.what());
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
