// One service center: the wiring between its stage components.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/back_office.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/counter_service.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/online_channel.hpp"
#include "sim/model/pick_ups.hpp"
#include "sim/model/reception.hpp"
#include "sim/model/return_visits.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/visit_router.hpp"
#include "sim/model/walk_ins.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// A one-stop center, built from stage components that each own their state, their event
/// handlers and their slice of the parameters:
///   DayCycle        sessions, lunch, closing and the overtime cap (the closing policy);
///   WalkIns         the arrival process and each citizen's drawn attributes;
///   Reception       forms, the AI robot, the desk or kiosk, the ticket machine's rules;
///   CounterService  ticket queues, staffing (StaffRoster), calling, service paced by the
///                   systems (service_pace), back-office slices for idle counters;
///   ReturnVisits    sent-home citizens coming back on a later working day;
///   SystemBoard, BackOffice, OnlineChannel (calendar form only) the software systems, the
///                   dossiers' processing and the online channel;
///   PickUps         (calendar form only) citizens who filed online collecting their result.
/// The Center only wires them: it passes a citizen from one stage to the next (VisitRouter),
/// the turns of the day to the stages (DayListener) and system changes to the counters and
/// the back office (SystemListener), and publishes where a visit starts and ends. No
/// component reads or changes another's state; they share the citizens' pool and read the
/// day's state through DayCycle's const queries. Without a calendar the center is always open
/// (the station form). The model keeps no statistics: it publishes facts to its observers.
///
/// Where the mechanisms live: turning away, balking and the early ticket stop are rules of
/// Reception::issue_ticket; abandonment once holding a ticket is CounterService's; who comes
/// back after leaving unserved is ReturnVisits' decision, taken before the departure is
/// published (citizen.returning); the closing policy is DayCycle's CallingStop; an absent
/// officer covered by a colleague is StaffRoster's.
class Center : private DayListener, private VisitRouter, private SystemListener {
 public:
  Center(engine::Simulation& sim, const CenterParams& params);
  Center(const Center&) = delete;
  Center& operator=(const Center&) = delete;

  /// Observers receive every signal from now on, in the order they were added (a final
  /// type without on_ticket and on_service_start is not called for those: Observers).
  template <class T>
  void add_observer(T& observer) {
    observers_.push_back(&observer);
  }
  /// Stops sending signals to an observer (no effect on the run itself).
  void remove_observer(CenterObserver& observer);
  /// Schedules the first day (or the first arrival in the station form). Call once.
  void start();

  std::uint32_t queue_length() const { return counters_.queue_length(); }
  std::uint32_t busy_counters() const { return counters_.busy_counters(); }
  /// Citizens inside the building now (not those away until a return visit).
  std::size_t citizens_inside() const { return pool_.in_use() - returns_.away(); }
  const WorkCalendar* calendar() const { return calendar_ ? &*calendar_ : nullptr; }
  const SystemBoard* systems() const { return board_ ? &*board_ : nullptr; }
  const BackOffice* back_office() const { return back_office_ ? &*back_office_ : nullptr; }
  /// For tools and tests that file dossiers by hand (BackOffice::submit_online).
  BackOffice* back_office() { return back_office_ ? &*back_office_ : nullptr; }

 private:
  // DayListener.
  void on_day_start(std::uint32_t day) override;
  void on_session_open(std::uint32_t session) override;
  void on_calling_stop(const CallingStop& stop) override;
  void on_day_end(std::uint32_t day) override;
  // VisitRouter.
  void arrive(CitizenIndex i) override;
  void ticket_taken(CitizenIndex i) override { counters_.join(i); }
  std::uint32_t tickets_waiting(std::uint32_t queue) const override {
    return counters_.tickets_waiting(queue);
  }
  double minutes_to_serve(std::uint32_t queue, PriorityClass cls) const override {
    return counters_.minutes_to_serve(queue, cls);
  }
  void served(CitizenIndex i) override;
  void leave(CitizenIndex i, LeaveReason reason) override;
  // SystemListener.
  void on_system_change(std::uint32_t system, SystemState before, SystemState now,
                        double factor) override;

  engine::Simulation& sim_;
  const CenterParams& params_;
  Observers observers_;
  CitizenPool pool_;
  std::optional<WorkCalendar> calendar_;
  // Calendar form only; emplaced by the constructor, after the components that refer to them.
  std::optional<SystemBoard> board_;
  std::optional<BackOffice> back_office_;
  DayCycle days_;
  WalkIns walk_ins_;
  Reception reception_;
  CounterService counters_;
  ReturnVisits returns_;
  std::optional<OnlineChannel> online_;
  std::optional<PickUps> pickups_;
};

}  // namespace sim::model
