// The center's day: opening sessions, lunch, closing and the overtime cap, as scheduled events.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// What the counters do when calling stops (a session closes, or the overtime cap is reached):
/// whether they go on calling (overtime), who is sent home and why, and whether services
/// suspended by an outage end with the citizen sent home.
struct CallingStop {
  bool overtime = false;                 ///< counters keep calling tickets until the cap
  std::optional<LeaveReason> send_home;  ///< citizens still waiting leave for this reason
  bool end_suspended = false;            ///< suspended services end (citizen sent home)
};

/// Told about the turns of the day, in simulated-time order; the Center passes them on.
class DayListener {
 public:
  virtual ~DayListener() = default;
  /// 00:00 of a calendar day, before the day's sessions are scheduled.
  virtual void on_day_start(std::uint32_t day) = 0;
  /// A session opens: staff sit down and counters start calling.
  virtual void on_session_open(std::uint32_t session) = 0;
  /// Counters stop calling new tickets, or go on in overtime (see CallingStop).
  virtual void on_calling_stop(const CallingStop& stop) = 0;
  /// 24:00 of a calendar day.
  virtual void on_day_end(std::uint32_t day) = 0;
};

/// Runs the calendar: day start and end, session open and close, and the closing policy
/// (overtime until a cap, or send home at the close; at lunch wait or leave and return).
/// Its slice of the parameters: the calendar and PolicyParams' lunch, closing and
/// overtime_cap_min. Without a calendar (the station form) the center is always in session
/// on day 0 and nothing is scheduled. Other components read the day's state through the
/// const queries; only this component changes it.
///
/// The closing policy decides the CallingStop of each close; with stop_issuing the ticket
/// machine (Reception) also asks finish_time() whether a new ticket would end by the cap.
class DayCycle {
 public:
  DayCycle(engine::Simulation& sim, const CenterParams& params, const WorkCalendar* calendar,
           DayListener& listener);

  /// Schedules the first day (calendar form only).
  void start();

  const WorkCalendar* calendar() const { return calendar_; }
  /// The current day of the run (0 in the station form).
  std::uint32_t day() const { return day_; }
  /// Inside an opening session (always, in the station form).
  bool in_session() const { return in_session_; }
  /// After the day's last session closed (overtime may go on).
  bool closed_for_day() const { return closed_for_day_; }
  /// When the day's last session closed (valid once closed_for_day()).
  double last_close() const { return last_close_; }
  /// When the current session closes (calendar form, inside a session).
  double session_close_time() const { return session_close_time_; }
  /// Whether tickets are issued now (before the day's ticket stop on a working day). Inline
  /// for the station form (always), asked twice for every ticket.
  bool tickets_issued_now() const { return !calendar_ || before_ticket_stop(); }
  /// The clock time at which `work` minutes of counter time starting now end: time counts
  /// inside today's sessions and, after the last close, straight on (overtime). Calendar form.
  double finish_time(double work) const;
  /// Whether tickets held over a break between sessions are called when the next one opens.
  bool tickets_wait_over_lunch() const { return params_.policy.lunch == PolicyParams::Lunch::wait; }

  /// Event priorities at equal times (lower first): the day turns over before anything else;
  /// a session closes before one opens (the counters' and the visits' events come after).
  enum Priority : std::int32_t {
    day_end_priority = -4,
    day_start_priority = -3,
    session_close_priority = -2,
    session_open_priority = -1,
  };

 private:
  void on_day_start(std::uint64_t day);
  void on_day_end(std::uint64_t day);
  void on_session_open(std::uint64_t session);
  void on_session_close(std::uint64_t session);
  void on_overtime_cap(std::uint64_t);
  /// tickets_issued_now in the calendar form.
  bool before_ticket_stop() const;

  engine::Simulation& sim_;
  const CenterParams& params_;
  const WorkCalendar* calendar_;
  DayListener& listener_;
  engine::HandlerId day_start_, day_end_, session_open_, session_close_, overtime_cap_;
  std::uint32_t day_ = 0;
  bool in_session_ = true;
  bool closed_for_day_ = false;
  double last_close_ = 0.0;
  double session_close_time_ = 0.0;
};

}  // namespace sim::model
