// Reception: forms, the reception robot, the desk or the kiosk, and the ticket machine's rules.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/ticket_queue.hpp"
#include "sim/model/visit_router.hpp"

namespace sim::model {

/// How a citizen who walked in gets a ticket. They fill in their forms, then go to the AI
/// robot if it works and has room (it may answer their question, and picks their domain),
/// else to the receptionist desk (receptionist mode) or the kiosk; while the ticket machine is
/// down the desk issues every ticket by hand, in kiosk mode too. The ticket machine then
/// applies its rules (ticket stop, daily cap, balking at a long queue) and the citizen goes on
/// to VisitRouter::ticket_taken with citizen.queue set. While youth volunteers are on duty, a
/// citizen with forms who finds one free is helped: shorter forms, and a keyed draw per citizen
/// id may remove their wrong pick or incomplete dossier. Its slice of the parameters:
/// ReceptionParams, PolicyParams' daily_ticket_cap, balk_threshold and (closing =
/// stop_issuing) overtime_cap, and BehaviourParams' balking.
class Reception {
 public:
  Reception(engine::Simulation& sim, const CenterParams& params, const DayCycle& days,
            const std::optional<SystemBoard>& board, CitizenPool& pool, const Observers& observers,
            VisitRouter& router);

  /// A citizen walked in (first visit or a return).
  void receive(CitizenIndex i);
  /// A new calendar day: the daily ticket count starts again.
  void start_day() { tickets_today_ = 0; }
  /// Citizens waiting for the desk leave (lunch, closing); the one at the desk finishes and
  /// is then refused a ticket if tickets have stopped.
  void send_home_waiting(LeaveReason reason);

 private:
  /// Forms to fill: with a volunteer's help if one is on duty and free, else alone.
  [[gnu::noinline]] void fill_forms(CitizenIndex i);
  void on_form_done(std::uint64_t citizen);
  /// A volunteer finished helping the citizen: the volunteer is free again.
  void on_helped_form_done(std::uint64_t citizen);
  /// Whether volunteers are in the hall now (their hours, within the opening hours).
  bool volunteers_on_duty() const;
  /// A free volunteer helps citizen i: the helped form time; with the factors' chances their
  /// wrong pick and incomplete dossier are gone (draws keyed by the citizen's id, so a variant
  /// with more or fewer volunteers changes nothing else: common random numbers).
  double help(CitizenIndex i);
  [[gnu::noinline]] void go_to_robot(CitizenIndex i);
  void on_robot_done(std::uint64_t citizen);
  void on_desk_done(std::uint64_t citizen);
  void request_ticket(CitizenIndex i);
  /// The desk (receptionist, or a hand-written ticket while the ticket machine is down) or the
  /// kiosk; `reception` is false after the robot, which has already done the receptionist's job.
  void go_to_desk_or_kiosk(CitizenIndex i, bool reception);
  /// The receptionist's desk (desk), or a ticket written by hand (by_hand), or both.
  [[gnu::noinline]] void go_to_desk(CitizenIndex i, bool desk, bool by_hand);
  void start_desk(CitizenIndex i);
  /// The ticket machine's rules; a citizen who gets a ticket goes on to the counters.
  void issue_ticket(CitizenIndex i);
  /// The daily cap, the early ticket stop and balking: true (and the citizen has left) when
  /// one of them refuses the ticket.
  [[gnu::noinline]] bool refused_by_rules(CitizenIndex i);
  /// on_ticket to the observers that handle it.
  [[gnu::noinline]] void publish_ticket(const Citizen& c);
  /// Whether the reception robot works now and has room for one more citizen.
  bool robot_free() const;
  bool ticket_machine_down() const;
  /// The chance that a citizen who sees `ahead` tickets waiting now leaves without one.
  double balk_chance(std::uint32_t ahead) const;
  /// Closing policy stop_issuing: a ticket for `queue` taken now would not be finished by the
  /// overtime cap at today's staffing.
  bool past_cap_if_issued(std::uint32_t queue, PriorityClass cls) const;

  engine::Simulation& sim_;
  const CenterParams& params_;
  const DayCycle& days_;
  const std::optional<SystemBoard>& board_;
  CitizenPool& pool_;
  const Observers& observers_;
  VisitRouter& router_;
  engine::HandlerId form_done_, helped_form_done_, robot_done_, desk_done_;
  TicketQueue desk_queue_;
  std::uint32_t free_desks_ = 0;
  std::uint32_t free_robot_places_ = 0;
  std::uint32_t free_volunteers_ = 0;
  std::uint32_t tickets_today_ = 0;
  /// Whether any rule of refused_by_rules can refuse a ticket (fixed by the parameters): most
  /// centers have none, and then the queue ahead need not be asked for every ticket.
  bool ticket_rules_ = false;
};

}  // namespace sim::model
