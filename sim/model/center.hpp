// One service center: its days, arrivals, tickets, counters and staff, as scheduled events.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/back_office.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen_draws.hpp"
#include "sim/model/counter_hall.hpp"
#include "sim/model/online_channel.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/ticket_queue.hpp"
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
class Center : private SystemListener, private BackOfficeListener {
 public:
  Center(engine::Simulation& sim, const CenterParams& params);

  void add_observer(CenterObserver& observer) { observers_.push_back(&observer); }
  /// Schedules the first day (or the first arrival in the station form). Call once.
  void start();

  std::uint32_t queue_length() const;
  std::uint32_t busy_counters() const { return hall_.busy(); }
  /// Citizens inside the building now (not those away until a return visit).
  std::size_t citizens_inside() const { return pool_.in_use() - away_; }
  const WorkCalendar* calendar() const { return calendar_ ? &*calendar_ : nullptr; }
  const SystemBoard* systems() const { return board_ ? &*board_ : nullptr; }
  const BackOffice* back_office() const { return back_office_ ? &*back_office_ : nullptr; }

  /// Event priorities at equal times (lower first): the day turns over before anything else;
  /// a session closes before one opens; a counter that frees up calls its next citizen
  /// before a simultaneous arrival, ticket or abandonment is handled.
  enum Priority : std::int32_t {
    day_end_priority = -4,
    day_start_priority = -3,
    session_close_priority = -2,
    session_open_priority = -1,
    service_end_priority = 0,
    arrival_priority = 1,
    ticket_priority = 2,
    renege_priority = 3,
  };

 private:
  // Event handlers.
  void on_day_start(std::uint64_t day);
  void on_day_end(std::uint64_t day);
  void on_session_open(std::uint64_t session);
  void on_session_close(std::uint64_t session);
  void on_overtime_cap(std::uint64_t);
  void on_arrival(std::uint64_t);
  void on_return(std::uint64_t citizen);
  void on_form_done(std::uint64_t citizen);
  void on_reception_done(std::uint64_t citizen);
  void on_service_end(std::uint64_t counter);
  void on_renege(std::uint64_t citizen);
  void on_robot_done(std::uint64_t citizen);
  void on_system_change(std::uint32_t system, SystemState before, SystemState now,
                        double factor) override;
  void on_back_office_work() override;
  void on_counter_slice_end(std::uint32_t counter) override;

  // Steps of a visit.
  void schedule_next_arrival();
  void enter(CitizenIndex i);
  void request_ticket(CitizenIndex i);
  void take_ticket(CitizenIndex i);
  void join_queue(CitizenIndex i);
  void start_service(CitizenIndex i, std::uint32_t counter);
  void finish_visit(CitizenIndex i);
  void file_dossier(const Citizen& c);
  void leave(CitizenIndex i, LeaveReason reason);
  void send_waiting_home(LeaveReason reason);
  void start_reception(CitizenIndex i);
  /// The desk (receptionist, or a hand-written ticket while the ticket machine is down) or the
  /// kiosk; `reception` is false after the robot, which has already done the receptionist's job.
  void go_to_desk_or_kiosk(CitizenIndex i, bool reception);
  /// Whether the reception robot works now and has room for one more citizen.
  bool robot_free() const;
  bool opens_today(std::uint32_t counter) const;
  /// Whether the center serves the domain on that day of the run (Friendly Saturday).
  bool serves_domain_on(std::uint32_t day, std::uint32_t domain) const;
  bool tickets_issued_now() const;
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
  bool ticket_machine_down() const;
  void publish_effect(Citizen& c, std::uint32_t system, SystemEffect effect);

  engine::Simulation& sim_;
  const CenterParams& params_;
  std::optional<WorkCalendar> calendar_;
  engine::HandlerId day_start_, day_end_, session_open_, session_close_, overtime_cap_, arrival_,
      return_, form_done_, reception_done_, service_end_, renege_, robot_done_;

  CitizenPool pool_;
  std::vector<TicketQueue> queues_;  ///< by domain
  CounterHall hall_;
  TicketQueue reception_queue_;
  std::uint32_t free_receptionists_ = 0;
  std::uint32_t free_robot_places_ = 0;
  std::optional<CitizenDraws> draws_;  ///< the current day's attribute streams
  ArrivalProfile profile_;             ///< the current day's arrival intensity
  ArrivalProfile return_profile_;      ///< the intensity of return_day_, where returns are placed
  std::uint32_t return_day_ = UINT32_MAX;
  std::uint32_t day_ = 0;
  bool in_session_ = true;
  bool closed_for_day_ = false;  ///< after the last session's close (overtime may go on)
  double last_close_ = 0.0;      ///< time the day's last session closed
  std::uint32_t tickets_today_ = 0;
  std::size_t away_ = 0;  ///< citizens sent home who will come back
  std::uint64_t next_citizen_id_ = 0;
  double session_close_time_ = 0.0;            ///< when the current session closes
  std::vector<std::uint64_t> procedure_mask_;  ///< systems each procedure needs, as bits
  std::vector<CenterObserver*> observers_;
  // Declared last: they hold references to the members above.
  std::optional<SystemBoard> board_;
  std::optional<BackOffice> back_office_;
  std::optional<OnlineChannel> online_;
};

}  // namespace sim::model
