// One service center: the wiring between its stage components, and the counters.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/back_office.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/counter_hall.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/online_channel.hpp"
#include "sim/model/reception.hpp"
#include "sim/model/return_visits.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/ticket_queue.hpp"
#include "sim/model/visit_router.hpp"
#include "sim/model/walk_ins.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// A one-stop center. Citizens arrive, fill in forms, get a ticket for a domain (kiosk or
/// receptionist), wait in that domain's queue (FIFO within priority class), are called by a
/// counter whose staff can do the domain, and leave served, or unserved for one of the
/// LeaveReasons; some come back on a later working day. With a calendar the center opens
/// by sessions, closes for lunch and at night, and may work overtime; without one it is
/// always open (the station form). With a calendar it also runs the software systems the
/// procedures need (SystemBoard), the back office that processes every dossier (BackOffice)
/// and the online channel (OnlineChannel). The model keeps no statistics: it publishes facts.
class Center : private DayListener,
               private VisitRouter,
               private SystemListener,
               private BackOfficeListener {
 public:
  Center(engine::Simulation& sim, const CenterParams& params);

  void add_observer(CenterObserver& observer) { observers_.push_back(&observer); }
  /// Schedules the first day (or the first arrival in the station form). Call once.
  void start();

  std::uint32_t queue_length() const;
  std::uint32_t busy_counters() const { return hall_.busy(); }
  /// Citizens inside the building now (not those away until a return visit).
  std::size_t citizens_inside() const { return pool_.in_use() - returns_.away(); }
  const WorkCalendar* calendar() const { return calendar_ ? &*calendar_ : nullptr; }
  const SystemBoard* systems() const { return board_ ? &*board_ : nullptr; }
  const BackOffice* back_office() const { return back_office_ ? &*back_office_ : nullptr; }

  /// Event priorities of the counters at equal times (lower first, after the day's turns):
  /// a counter that frees up calls its next citizen before a simultaneous arrival, ticket or
  /// abandonment is handled.
  enum Priority : std::int32_t {
    service_end_priority = 0,
    renege_priority = 3,
  };

 private:
  // DayListener.
  void on_day_start(std::uint32_t day) override;
  void on_session_open(std::uint32_t session) override;
  void on_calling_stop(const CallingStop& stop) override;
  void on_day_end(std::uint32_t day) override;
  // VisitRouter.
  void arrive(CitizenIndex i) override;
  void ticket_taken(CitizenIndex i) override { join_queue(i); }
  std::uint32_t tickets_waiting(std::uint32_t queue) const override {
    return queues_[queue].size();
  }
  void served(CitizenIndex i) override;
  void leave(CitizenIndex i, LeaveReason reason) override;
  // SystemListener, BackOfficeListener.
  void on_system_change(std::uint32_t system, SystemState before, SystemState now,
                        double factor) override;
  void on_back_office_work() override;
  void on_counter_slice_end(std::uint32_t counter) override;

  // Event handlers.
  void on_service_end(std::uint64_t counter);
  void on_renege(std::uint64_t citizen);

  // Steps of a visit at the counters.
  void join_queue(CitizenIndex i);
  void start_service(CitizenIndex i, std::uint32_t counter);
  void finish_visit(CitizenIndex i);
  void send_waiting_home(LeaveReason reason);
  bool opens_today(std::uint32_t counter) const;
  /// Whether a ticket for this queue taken now would still be called today.
  bool queue_served_later(std::uint32_t queue) const;

  // Counters.
  void seat_staff(std::uint32_t session);
  void call(std::uint32_t counter);
  void close_counter(std::uint32_t counter);
  void set_counter(std::uint32_t counter, CounterState state);
  void publish_queue_length(std::uint32_t queue);
  bool offer_back_office(std::uint32_t counter);

  // Software systems at the counter (center_service.cpp).
  /// Sets the pace of counter k's service from the systems its procedure needs now (may
  /// suspend it, or send the citizen home), and schedules its end.
  void pace_service(std::uint32_t counter);
  /// Books the work done since the last pace change, then paces again.
  void repace_service(std::uint32_t counter);
  /// Ends counter k's service early: the citizen leaves unserved because of an outage.
  void send_home_from_counter(std::uint32_t counter);
  /// Sends home citizens whose service is suspended when the counters stop for the day.
  void end_suspended_services();
  double paper_entry(const engine::Distribution& d);

  engine::Simulation& sim_;
  const CenterParams& params_;
  Observers observers_;
  CitizenPool pool_;
  std::optional<WorkCalendar> calendar_;
  std::optional<SystemBoard> board_;
  DayCycle days_;
  WalkIns walk_ins_;
  Reception reception_;
  ReturnVisits returns_;
  engine::HandlerId service_end_, renege_;

  std::vector<TicketQueue> queues_;  ///< by domain
  CounterHall hall_;
  std::optional<engine::RngStream> paper_;  ///< "citizen.paper_entry" of paper_day_
  std::uint32_t paper_day_ = UINT32_MAX;
  std::vector<std::uint64_t> procedure_mask_;  ///< systems each procedure needs, as bits
  // Declared last: they hold references to the members above.
  std::optional<BackOffice> back_office_;
  std::optional<OnlineChannel> online_;
};

}  // namespace sim::model
