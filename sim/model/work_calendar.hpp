// The run's calendar: opening sessions, holidays, working-day arithmetic and statutory due dates.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim::model {

using Date = std::chrono::year_month_day;

/// An opening session, minutes after midnight, open <= t < close.
struct Session {
  int open_min = 0;
  int close_min = 0;
};

/// Everything the model needs to know about one day of the run.
struct DayPlan {
  Date date;
  unsigned weekday = 0;  // 0 = Monday ... 6 = Sunday (ISO order)
  // The weekday whose hours, demand and rosters the day follows: its own weekday, except on a
  // make-up working day (a Saturday worked back for a swapped weekday), which follows that day.
  unsigned schedule = 0;
  bool holiday = false;           // listed public holiday
  bool working = false;           // has at least one session and is not a holiday
  bool surge = false;             // first working day after a holiday (demand surge)
  std::vector<Session> sessions;  // empty when not working
  int ticket_stop_min = 0;  // no new tickets from this minute (<= last close); 0 if not working
};

struct CalendarSpec {
  Date start;                                    // first day of the run
  std::uint32_t days = 1;                        // number of days simulated
  std::array<std::vector<Session>, 7> sessions;  // by weekday, Monday first; empty = closed
  std::array<int, 7> ticket_stop_min{};          // by weekday; -1 (or 0) = last session's close
  std::vector<Date> holidays;                    // closed dates (any order, may be outside the run)
  /// Make-up working days (swaps: a Saturday "worked back" for a weekday taken off), each with
  /// the weekday whose schedule it follows; a statutory working day like Monday-Friday.
  std::vector<std::pair<Date, unsigned>> working_days;
};

/// Day plans of a run plus working-day arithmetic valid for any date, so deadlines may run past
/// the end of the run. A working day is a date whose weekday has sessions and that is not a
/// listed holiday: it drives opening, return visits and surges. The statutory deadline clock
/// (due_date) counts Monday to Friday that are not holidays, whether the center opens or not.
class WorkCalendar {
 public:
  /// Throws std::invalid_argument on overlapping/unsorted/out-of-range sessions (0..1440,
  /// open < close, sessions of a day strictly increasing and non-overlapping), days == 0, a
  /// ticket stop outside the day's opening span, an invalid date, no open weekday at all, or a
  /// make-up working day that is also a holiday or follows a weekday without sessions; session
  /// and ticket-stop messages name the weekday.
  explicit WorkCalendar(CalendarSpec spec);

  std::uint32_t days() const { return static_cast<std::uint32_t>(plans_.size()); }
  /// 0-based day of the run; throws std::out_of_range past the end.
  const DayPlan& day(std::uint32_t index) const;
  /// Working-day test for ANY date, inside or outside the run (deadlines run past the end).
  bool is_working_day(Date d) const;
  /// The n-th working day after `from` (n >= 1); n == 0 returns `from` itself.
  /// Throws std::invalid_argument for n < 0.
  Date add_working_days(Date from, int n) const;
  /// Index of the first working day of the run strictly after day `index`, if any.
  std::optional<std::uint32_t> next_working_day(std::uint32_t index) const;
  /// Statutory due date of a dossier received on `received` at `minute_of_day`, counted in
  /// statutory working days (Monday-Friday, not a holiday; "working day" below means that).
  /// deadline_working_days == 0 means "same day": due the same day, but if received at or after
  /// 15:00 (900 min) and same_day_rule is true, due the next working day (Luật Hộ tịch Art. 5(3),
  /// NĐ 23/2015 Art. 7). For n >= 1: the receipt day is day 0; counting starts on the next
  /// working day; a dossier received on a non-working day counts as received on the next working
  /// day; if same_day_rule is true and it is received at or after 15:00 the count also starts one
  /// working day later. Returns the date on which the dossier is due (on time = finished by the
  /// end of that date). A dossier received on a non-working day counts as received at the start
  /// of the next working day, so the 15:00 rule does not apply to it (also for n == 0).
  /// Throws std::invalid_argument if minute_of_day is outside 0..1440 or the deadline is negative.
  Date due_date(Date received, int minute_of_day, int deadline_working_days,
                bool same_day_rule) const;
  /// Luật Hộ tịch 2014 Art. 5(3) and NĐ 23/2015 Art. 7: requests received after 15:00 may be
  /// answered on the next working day (due_date's same-day rule).
  static constexpr int same_day_cutoff_min = 15 * 60;
  /// Simulation time (minutes since midnight of day 0) of minute m on day index.
  static double time_of(std::uint32_t day_index, int minute_of_day) {
    return day_index * 1440.0 + minute_of_day;
  }

 private:
  /// Statutory working day (deadlines): Monday to Friday and not a listed holiday, whether the
  /// center opens or not — an open Saturday does not shorten a legal deadline.
  bool is_statutory(std::chrono::sys_days d) const;
  std::chrono::sys_days next_statutory_after(std::chrono::sys_days d) const;
  /// First working date strictly after d.
  std::chrono::sys_days next_working_after(std::chrono::sys_days d) const;
  bool is_working(std::chrono::sys_days d) const;
  bool is_holiday(std::chrono::sys_days d) const;
  /// The weekday a make-up working day follows, if d is one.
  std::optional<unsigned> makeup(std::chrono::sys_days d) const;
  /// True if the non-working days just before working day d include a listed holiday.
  bool follows_holiday(std::chrono::sys_days d) const;

  std::array<std::vector<Session>, 7> sessions_;
  std::vector<std::chrono::sys_days> holidays_;                     // sorted, unique: binary search
  std::vector<std::pair<std::chrono::sys_days, unsigned>> makeup_;  // sorted by date
  std::vector<DayPlan> plans_;
  std::vector<std::uint32_t> next_working_;  // per day; days() when there is none
};

/// Parses "HH:MM" (00:00..24:00) to minutes after midnight; nullopt if malformed.
/// Both fields need exactly two digits, so "7:30" is rejected like "7:3".
std::optional<int> parse_clock(std::string_view text);
/// Formats minutes after midnight as "HH:MM" (hours past 24 and a leading '-' are kept rather
/// than wrapped, so a wrong value is visible in a log).
std::string format_clock(int minutes);
/// Weekday index 0 = Monday of a date.
unsigned iso_weekday_index(Date d);

}  // namespace sim::model
