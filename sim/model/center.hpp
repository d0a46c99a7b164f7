// One service center: arrivals, ticket queue, counters; schedules its events on a Simulation.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/ticket_queue.hpp"

namespace sim::model {

/// A center with one ticket queue and identical counters. Citizens arrive as a Poisson
/// process, take a ticket, are called FIFO within priority class by the first free counter,
/// and may abandon when their patience runs out. The model only publishes facts to its
/// observers; it keeps no statistics of its own.
class Center {
 public:
  Center(engine::Simulation& sim, const CenterParams& params);

  void add_observer(CenterObserver& observer) { observers_.push_back(&observer); }
  /// Schedules the first arrival. Call once before running the simulation.
  void start();

  std::uint32_t queue_length() const { return queue_.size(); }
  std::uint32_t busy_counters() const { return busy_; }
  std::size_t citizens_inside() const { return pool_.in_use(); }

  /// Event priorities at equal times: a counter that frees up calls its next citizen
  /// before a simultaneous arrival or abandonment is handled.
  static constexpr std::int32_t service_end_priority = 0;
  static constexpr std::int32_t arrival_priority = 1;
  static constexpr std::int32_t renege_priority = 2;

 private:
  void on_arrival(std::uint64_t payload);
  void on_service_end(std::uint64_t counter);
  void on_renege(std::uint64_t citizen);

  void schedule_next_arrival();
  CitizenIndex admit_new_citizen();
  void start_service(CitizenIndex i, std::uint32_t counter);
  void set_busy(std::uint32_t busy);
  void publish_queue_length();

  engine::Simulation& sim_;
  const CenterParams& params_;
  engine::RngStream interarrival_rng_;
  engine::RngStream class_rng_;
  engine::RngStream service_rng_;
  engine::RngStream patience_rng_;
  engine::HandlerId arrival_handler_;
  engine::HandlerId service_end_handler_;
  engine::HandlerId renege_handler_;

  CitizenPool pool_;
  TicketQueue queue_;
  std::vector<CitizenIndex> serving_;       ///< per counter: who is being served
  std::vector<std::uint32_t> idle_counters_;  ///< stack; lowest index on top
  std::uint32_t busy_ = 0;
  std::uint64_t next_citizen_id_ = 0;
  std::vector<CenterObserver*> observers_;
};

}  // namespace sim::model
