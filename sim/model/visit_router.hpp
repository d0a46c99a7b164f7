// How the stages of a visit hand a citizen on: the Center wires each exit to the next stage.
#pragma once

#include <cstdint>

#include "sim/model/center_observer.hpp"
#include "sim/model/citizen.hpp"

namespace sim::model {

/// Event priorities of a visit's steps at equal times (lower first), after the day's turns
/// (DayCycle) and the systems' changes (SystemBoard): a counter that frees up calls its next
/// citizen before a simultaneous arrival (walk-in or return), a step at the reception, or an
/// abandonment is handled.
enum VisitPriority : std::int32_t {
  service_end_priority = 0,
  arrival_priority = 1,
  ticket_priority = 2,
  renege_priority = 3,
};

/// The exits of the visit's stages. Each component calls these for citizens it is done with
/// and never calls another component directly; the Center implements them by passing the
/// citizen to the next stage. A visit ends in served() or leave(), where the Center publishes
/// the fact.
class VisitRouter {
 public:
  virtual ~VisitRouter() = default;
  /// A citizen walked in (first visit or a return): on to the reception.
  virtual void arrive(CitizenIndex i) = 0;
  /// The citizen took a ticket for citizen.queue: on to the counters.
  virtual void ticket_taken(CitizenIndex i) = 0;
  /// Tickets waiting in a queue now (what a citizen sees at the ticket machine).
  virtual std::uint32_t tickets_waiting(std::uint32_t queue) const = 0;
  /// Counter minutes until a ticket for `queue` taken now would be served, at the staffing of
  /// the day's current (or last) session: the queue ahead of a ticket of class `cls` and the
  /// service itself.
  virtual double minutes_to_serve(std::uint32_t queue, PriorityClass cls) const = 0;
  /// The citizen leaves served: the dossier goes to the back office.
  virtual void served(CitizenIndex i) = 0;
  /// The citizen leaves unserved; a return visit may follow.
  virtual void leave(CitizenIndex i, LeaveReason reason) = 0;
};

}  // namespace sim::model
