// The facts a Center publishes; statistics subscribe to them instead of counting in the model.
#pragma once

#include <cstdint>

#include "sim/model/citizen.hpp"

namespace sim::model {

/// Receives the center's signals in simulated-time order. Every method has an empty
/// default so an observer overrides only what it needs. Times are minutes.
class CenterObserver {
 public:
  virtual ~CenterObserver() = default;
  /// A citizen entered the center (before joining a queue or being served).
  virtual void on_arrival(engine::SimTime, const Citizen&) {}
  /// A counter called the citizen; wait = t - citizen.arrival.
  virtual void on_service_start(engine::SimTime, const Citizen&, std::uint32_t /*counter*/) {}
  /// The citizen left after service.
  virtual void on_service_end(engine::SimTime, const Citizen&, std::uint32_t /*counter*/) {}
  /// The citizen's patience ran out and they left the queue unserved.
  virtual void on_renege(engine::SimTime, const Citizen&) {}
  /// The number of tickets waiting in a queue changed.
  virtual void on_queue_length(engine::SimTime, std::uint32_t /*queue*/, std::uint32_t /*length*/) {}
  /// The number of busy counters changed.
  virtual void on_busy_counters(engine::SimTime, std::uint32_t /*busy*/) {}
};

}  // namespace sim::model
