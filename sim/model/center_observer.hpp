// The facts a Center publishes; statistics subscribe to them instead of counting in the model.
#pragma once

#include <cstdint>
#include <type_traits>
#include <vector>

#include "sim/model/citizen.hpp"
#include "sim/model/dossier.hpp"
#include "sim/model/system_params.hpp"

namespace sim::model {

/// Why a citizen left without being served (or was turned back).
enum class LeaveReason : std::uint8_t {
  reneged,      ///< patience ran out in the queue
  balked,       ///< too many tickets ahead, left without one
  ticket_cap,   ///< daily ticket cap reached, sent home
  after_hours,  ///< arrived after ticket issuing stopped, sent home
  lunch,        ///< left at lunch (leave-and-return policy)
  closing,      ///< still waiting when the center closed (or the overtime cap), sent home
  incomplete,   ///< dossier incomplete, must come back with the missing papers
  system_down,  ///< a system the procedure needs was down (policy send_home)
  answered,     ///< the reception robot answered the question: left satisfied, no ticket
  turned_away,  ///< nobody at this center can serve the domain (policy unserved = "turn_away")
};
inline constexpr std::size_t leave_reason_count = 10;

/// Whether a citizen who left will come back on a later working day.
inline bool returns_later(LeaveReason r) {
  return r != LeaveReason::reneged && r != LeaveReason::balked && r != LeaveReason::answered &&
         r != LeaveReason::turned_away;
}

/// State of a counter for utilisation: closed (no staff or outside hours), open and idle,
/// busy with a citizen (suspended service during an outage included), or doing back-office work.
enum class CounterState : std::uint8_t { closed, idle, busy, back_office };

/// How a software system touched a citizen's visit.
enum class SystemEffect : std::uint8_t {
  degraded,     ///< served slower
  suspended,    ///< service stopped until the repair (policy wait)
  paper,        ///< served on paper (policy paper)
  sent_home,    ///< sent home (policy send_home)
  hand_ticket,  ///< ticket issued by hand because the ticket machine was down
};
inline constexpr std::size_t system_effect_count = 5;

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
  /// A citizen with forms to fill walked in while youth volunteers were on duty; helped is
  /// true when one was free and helps them, false when they fill the forms alone.
  virtual void on_form_help(engine::SimTime, const Citizen&, bool /*helped*/) {}
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
  virtual void on_queue_length(engine::SimTime, std::uint32_t /*queue*/, std::uint32_t /*length*/) {
  }
  /// A counter changed state; staff is the civil servant sitting at it (no_index if none).
  /// A counter whose service ends is idle, but reported idle only if it stays so: when at the
  /// same instant it calls its next ticket, closes or takes back-office work, only that state
  /// is reported (the idle instant has no width, so no time-weighted figure changes; issue
  /// 20, one call fewer for most services). So every report whose previous state for the
  /// counter was busy is a service end, and busy may follow busy.
  virtual void on_counter_state(engine::SimTime, std::uint32_t /*counter*/, std::uint32_t /*staff*/,
                                CounterState) {}
  /// A session opened and its staff sat down: by domain, true when the center serves the
  /// domain that day but no seated officer able to do it calls it (own, cover or overflow
  /// counter): the domain is uncovered this session.
  virtual void on_session_cover(engine::SimTime, const std::vector<bool>& /*uncovered*/) {}
  /// A staff member worked past the last session's close (minutes of overtime that day).
  virtual void on_overtime(engine::SimTime, std::uint32_t /*staff*/, double /*minutes*/) {}

  /// A system's effective state changed (own state or a dependency's); factor is the
  /// service-time multiplier while degraded.
  virtual void on_system_state(engine::SimTime, std::uint32_t /*system*/, SystemState,
                               double /*factor*/) {}
  /// A system touched a citizen's visit (once per effect and visit).
  virtual void on_system_effect(engine::SimTime, const Citizen&, std::uint32_t /*system*/,
                                SystemEffect) {}
  /// A dossier was filed online and waits for counter staff to receive it (dossier.submitted
  /// and dossier.reception_due are set); only where online.reception_min > 0.
  virtual void on_online_submitted(engine::SimTime, const Dossier&) {}
  /// Counter staff received an online dossier filed at dossier.submitted: late when the time
  /// is past dossier.reception_due. on_dossier_received follows at the same time.
  virtual void on_online_reception(engine::SimTime, const Dossier&) {}
  /// A dossier entered the back office (taken at a counter, or filed online).
  virtual void on_dossier_received(engine::SimTime, const Dossier&) {}
  /// A dossier waited for a down system, or its result failed to synchronise.
  virtual void on_dossier_delayed(engine::SimTime, const Dossier&, std::uint32_t /*system*/) {}
  /// A dossier's back-office work is finished (on time when t <= dossier.deadline).
  virtual void on_dossier_done(engine::SimTime, const Dossier&) {}
  /// A dossier moved to another step of its route (dossier.step); old_deadline is its
  /// deadline before the move (a request for missing papers moves it later).
  virtual void on_dossier_step(engine::SimTime, const Dossier&, double /*old_deadline*/) {}
  /// A dedicated back-office worker stayed after hours for this many minutes that day.
  virtual void on_back_office_overtime(engine::SimTime, std::uint32_t /*worker*/,
                                       double /*minutes*/) {}
  /// The number of dossiers in the back office (waiting or in work) changed.
  virtual void on_backlog(engine::SimTime, std::uint32_t /*dossiers*/) {}
  /// An online dossier of a procedure with a fee was paid online (fee_vnd, the procedure's
  /// fee); ok is false when the payment system was down.
  virtual void on_online_payment(engine::SimTime, const Dossier&, double /*fee_vnd*/, bool /*ok*/) {
  }
  /// A filing of a procedure with a fee was paid at the counter: a served visit, or an online
  /// dossier not paid online (the citizen chose not to, or the payment failed), counted at its
  /// receipt. With on_online_payment(ok), every filing with a fee is paid exactly once.
  virtual void on_counter_payment(engine::SimTime, std::uint32_t /*procedure*/,
                                  double /*fee_vnd*/) {}
};

/// The observers of one center, in the order they were attached; components hold a const
/// reference and publish to each in turn. Three signals every visit sends go to shorter
/// lists: on_ticket and on_service_start to ticket_watchers(), on_service_end to
/// service_end_watchers(). An observer whose type is final and keeps CenterObserver's empty
/// handlers for a signal is left out of its list, so a run without a trace does not make
/// empty virtual calls for every citizen (issue 20). The test is on the static type at
/// push_back: an observer added through a base-class pointer, or of a type that is not final
/// (a derived type might override), gets every signal.
class Observers {
 public:
  using List = std::vector<CenterObserver*>;
  template <class T>
  void push_back(T* observer) {
    all_.push_back(observer);
    if (!ignores_ticket_signals<T>()) ticket_.push_back(observer);
    if (!ignores_service_end<T>()) service_end_.push_back(observer);
  }
  void remove(const CenterObserver* observer) {
    std::erase(all_, observer);
    std::erase(ticket_, observer);
    std::erase(service_end_, observer);
  }
  List::const_iterator begin() const { return all_.begin(); }
  List::const_iterator end() const { return all_.end(); }
  std::size_t size() const { return all_.size(); }
  /// The observers that handle on_ticket and on_service_start.
  const List& ticket_watchers() const { return ticket_; }
  /// The observers that handle on_service_end.
  const List& service_end_watchers() const { return service_end_; }

  /// True when T is final and declares neither on_ticket nor on_service_start (a member
  /// pointer to an inherited function has the base class's type).
  template <class T>
  static constexpr bool ignores_ticket_signals() {
    return keeps_default<T, decltype(&T::on_ticket), decltype(&CenterObserver::on_ticket)>() &&
           keeps_default<T, decltype(&T::on_service_start),
                         decltype(&CenterObserver::on_service_start)>();
  }
  /// True when T is final and does not declare on_service_end.
  template <class T>
  static constexpr bool ignores_service_end() {
    return keeps_default<T, decltype(&T::on_service_end),
                         decltype(&CenterObserver::on_service_end)>();
  }

 private:
  /// Whether T is final and Handler, the type of &T::on_x, is CenterObserver's own.
  template <class T, class Handler, class Default>
  static constexpr bool keeps_default() {
    return std::is_final_v<T> && std::is_same_v<Handler, Default>;
  }

  List all_;
  List ticket_;       ///< those of all_ that handle on_ticket and on_service_start
  List service_end_;  ///< those of all_ that handle on_service_end
};

/// Publishes that a system touched a citizen's visit, once per effect and visit: later calls
/// for an effect already published on this visit do nothing.
inline void publish_effect(const Observers& observers, engine::SimTime t, Citizen& c,
                           std::uint32_t system, SystemEffect effect) {
  const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(effect));
  if (c.effects & bit) return;
  c.effects |= bit;
  for (auto* o : observers) o->on_system_effect(t, c, system, effect);
}

}  // namespace sim::model
