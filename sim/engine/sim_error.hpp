// Exception that carries where in simulated time and in which component a failure happened.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/engine/sim_time.hpp"

namespace sim::engine {

/// Raised when an event handler throws: keeps the simulated time, the event's sequence
/// number, the component (handler name) and the center, so a failure deep in a long run
/// can be found again.
class SimError : public std::runtime_error {
 public:
  SimError(SimTime time, std::uint64_t event_seq, std::string component, std::uint64_t center,
           const std::string& what)
      : std::runtime_error("at t=" + std::to_string(time) + " min, center " +
                           std::to_string(center) + ", " + component + " (event #" +
                           std::to_string(event_seq) + "): " + what),
        time_(time),
        event_seq_(event_seq),
        component_(std::move(component)),
        center_(center) {}

  SimTime time() const { return time_; }
  std::uint64_t event_seq() const { return event_seq_; }
  const std::string& component() const { return component_; }
  std::uint64_t center() const { return center_; }

 private:
  SimTime time_;
  std::uint64_t event_seq_;
  std::string component_;
  std::uint64_t center_;
};

}  // namespace sim::engine
