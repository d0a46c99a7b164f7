// The facts a Center publishes; statistics subscribe to them instead of counting in the model.
#pragma once

#include <cstdint>

#include "sim/model/citizen.hpp"

namespace sim::model {

/// Why a citizen left without being served (or was turned back).
enum class LeaveReason : std::uint8_t {
  reneged,          ///< patience ran out in the queue
  balked,           ///< too many tickets ahead, left without one
  ticket_cap,       ///< daily ticket cap reached, sent home
  after_hours,      ///< arrived after ticket issuing stopped, sent home
  lunch,            ///< left at lunch (leave-and-return policy)
  closing,          ///< still waiting when the center closed (or the overtime cap), sent home
  incomplete,       ///< dossier incomplete, must come back with the missing papers
};
inline constexpr std::size_t leave_reason_count = 7;

/// Whether a citizen who left will come back on a later working day.
inline bool returns_later(LeaveReason r) {
  return r != LeaveReason::reneged && r != LeaveReason::balked;
}

/// State of a counter for utilisation: closed (no staff or outside hours), open and idle, busy.
enum class CounterState : std::uint8_t { closed, idle, busy };

/// Receives the center's signals in simulated-time order. Every method has an empty default
/// so an observer overrides only what it needs. Times are minutes since the run's start.
class CenterObserver {
 public:
  virtual ~CenterObserver() = default;
  /// A calendar day starts (00:00) / ends (24:00, after any overtime). Station form: never.
  virtual void on_day_start(engine::SimTime, std::uint32_t /*day*/) {}
  virtual void on_day_end(engine::SimTime, std::uint32_t /*day*/) {}
  /// A citizen walked in (first visit or a return; citizen.visit tells).
  virtual void on_arrival(engine::SimTime, const Citizen&) {}
  /// A dossier was filed online; the citizen never enters the center.
  virtual void on_online_dossier(engine::SimTime, const Citizen&) {}
  /// The citizen took a ticket for queue citizen.queue.
  virtual void on_ticket(engine::SimTime, const Citizen&) {}
  /// A counter called the citizen; wait = t - citizen.ticket_time counts from the ticket.
  virtual void on_service_start(engine::SimTime, const Citizen&, std::uint32_t /*counter*/) {}
  /// Service ended at a counter (served, misrouted or found incomplete; the next signal says).
  virtual void on_service_end(engine::SimTime, const Citizen&, std::uint32_t /*counter*/) {}
  /// The citizen leaves the center served; citizen.waited is the visit's total wait.
  virtual void on_served(engine::SimTime, const Citizen&) {}
  /// The citizen leaves the center unserved (returns_later(reason) tells who comes back).
  virtual void on_leave(engine::SimTime, const Citizen&, LeaveReason) {}
  /// The number of tickets waiting in a queue changed.
  virtual void on_queue_length(engine::SimTime, std::uint32_t /*queue*/, std::uint32_t /*length*/) {}
  /// A counter changed state; staff is the civil servant sitting at it (no_index if none).
  virtual void on_counter_state(engine::SimTime, std::uint32_t /*counter*/, std::uint32_t /*staff*/,
                                CounterState) {}
  /// A staff member worked past the last session's close (minutes of overtime that day).
  virtual void on_overtime(engine::SimTime, std::uint32_t /*staff*/, double /*minutes*/) {}
};

}  // namespace sim::model
