// The counter service: ticket queues, counters calling and serving, pacing under outages.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/back_office.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/counter_hall.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/staff_roster.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/ticket_queue.hpp"
#include "sim/model/visit_router.hpp"

namespace sim::model {

/// Ticket holders wait in their domain's queue (FIFO within priority class) until a counter
/// whose staff can do the domain calls them (CounterHall's rules), or their patience runs out.
/// A service takes the citizen's need over the staff's speed, and goes slower, on paper, stops
/// or ends with the citizen sent home when a system it needs is degraded or down
/// (service_pace). At the end a misrouted citizen gets a ticket for the right queue, an
/// incomplete dossier is sent home, and everyone else is served. An open counter with no
/// ticket to call takes back-office work inside a session. Its slice of the parameters: the
/// counters, staff (through StaffRoster), procedures' systems, patience and
/// back_office.counter_staff. It owns the "citizen.paper_entry" stream of each day.
class CounterService : public BackOfficeListener {
 public:
  CounterService(engine::Simulation& sim, const CenterParams& params, const DayCycle& days,
                 const std::optional<SystemBoard>& board, std::optional<BackOffice>& back_office,
                 CitizenPool& pool, const Observers& observers, VisitRouter& router);

  /// A session opens (station form: session 0 at the start): staff sit down, counters call.
  void open_session(std::uint32_t session);
  /// Whether counters may call new tickets (a session closing: only in overtime).
  void set_calling(bool calling);
  /// Every idle counter calls its next ticket, or closes if it may not.
  void call_all();
  /// A citizen took a ticket for citizen.queue: called at once by an idle counter, or queues.
  void join(CitizenIndex i);
  /// Every ticket holder still waiting leaves for `reason`.
  void send_home_waiting(LeaveReason reason);
  /// Services suspended by an outage end, the citizen sent home (the counters stop for the day).
  void end_suspended_services();
  /// A system's state changed: services that need it change pace.
  void on_system_change(std::uint32_t system);

  std::uint32_t tickets_waiting(std::uint32_t queue) const { return queues_[queue].size(); }
  std::uint32_t queue_length() const;
  /// Minutes of counter time until a ticket for `queue` of class `cls` taken now would be
  /// served, as a ticket machine can know it (breaks not included: DayCycle::finish_time adds
  /// them): the tickets waiting in the queues its counters share that are called before it
  /// (for a priority ticket only the priority ones), each at its domain's mean counter time,
  /// plus the mean remaining time of the services in progress (not their drawn length), over
  /// the summed speed of the officers staffing those counters now (over a break: in the last
  /// session), less for a regular ticket the priority work expected to arrive meanwhile at
  /// the day's typical rate (fluid approximation, see minutes_of_work); overflow counters count
  /// only when no own counter is staffed; then its own service at one counter. Infinite when
  /// nobody calls the queue. docs/model.md says what it leaves out.
  double minutes_to_serve(std::uint32_t queue, PriorityClass cls = PriorityClass::regular) const;
  std::uint32_t busy_counters() const { return hall_.busy(); }

  // BackOfficeListener.
  void on_back_office_work() override;
  void on_counter_slice_end(std::uint32_t counter) override;

 private:
  void on_service_end(std::uint64_t counter);
  void on_renege(std::uint64_t citizen);
  void start_service(CitizenIndex i, std::uint32_t counter);
  void finish_visit(CitizenIndex i);
  /// Whether a ticket for this queue taken now would still be called today.
  bool queue_served_later(std::uint32_t queue) const;
  /// minutes_to_serve without (own_service = false: until the call) or with the ticket's own
  /// service.
  double minutes_of_work(std::uint32_t queue, PriorityClass cls, bool own_service) const;
  /// The machine's priority work arriving per minute now for the shared domains (rate of
  /// priority tickets times their mean counter time), and the minutes left until the day's
  /// arrivals end (infinite in the station form).
  double priority_work_rate(const std::vector<bool>& shared, double& window) const;
  /// When a new ticket holder's patience starts to run (BehaviourParams::patience_from).
  double patience_start(std::uint32_t queue, PriorityClass cls) const;
  void call(std::uint32_t counter);
  bool offer_back_office(std::uint32_t counter);
  /// After the last session: counter k's staff stays to receive an urgent online dossier.
  bool offer_late_reception(std::uint32_t counter);
  void close_counter(std::uint32_t counter);
  void set_counter(std::uint32_t counter, CounterState state);
  void publish_queue_length(std::uint32_t queue);
  /// Sets the pace of counter k's service from the systems its procedure needs now (may
  /// suspend it, or send the citizen home), and schedules its end.
  void pace_service(std::uint32_t counter);
  /// Books the work done since the last pace change, then paces again.
  void repace_service(std::uint32_t counter);
  /// Ends counter k's service early: the citizen leaves unserved because of an outage.
  void send_home_from_counter(std::uint32_t counter);
  /// Back-office minutes to key in a dossier taken on paper, from the day's stream.
  double paper_entry(const engine::Distribution& d);
  /// Fills domain_service_mean_, domain_residual_ and domain_priority_work_ from the catalogue.
  void counter_time_moments();
  /// The staff member counting for counter k in the machine's estimate, or no_index.
  std::uint32_t staff_now(std::uint32_t k) const;

  engine::Simulation& sim_;
  const CenterParams& params_;
  const DayCycle& days_;
  const std::optional<SystemBoard>& board_;
  std::optional<BackOffice>& back_office_;
  CitizenPool& pool_;
  const Observers& observers_;
  VisitRouter& router_;
  engine::HandlerId service_end_, renege_;
  StaffRoster roster_;
  std::vector<TicketQueue> queues_;  ///< by domain
  CounterHall hall_;
  std::vector<std::uint64_t> procedure_mask_;  ///< systems each procedure needs, as bits
  std::vector<double> domain_service_mean_;    ///< by domain: mean counter time per ticket, min
  std::vector<double> domain_residual_;  ///< by domain: mean remaining time of one in progress
  /// By domain: priority tickets per would-be walk-in times their mean counter time, min.
  std::vector<double> domain_priority_work_;
  ArrivalProfile profile_;  ///< the walk-in intensity of profile_day_, as the machine knows it
  std::uint32_t profile_day_ = UINT32_MAX;
  std::vector<std::uint32_t> session_staff_;  ///< by counter: staff seated at the session's open
  std::optional<engine::RngStream> paper_;    ///< "citizen.paper_entry" of paper_day_
  std::uint32_t paper_day_ = UINT32_MAX;
  mutable std::vector<bool> shared_;  ///< minutes_to_serve's scratch, by domain (no allocation)
  /// The counter whose service just ended, idle but not yet reported (on_service_end), or
  /// no_index.
  std::uint32_t idle_unreported_ = no_index;
};

}  // namespace sim::model
