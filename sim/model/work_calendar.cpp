// The run's calendar: validation of the spec, day plans and working-day arithmetic.
#include "sim/model/work_calendar.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace sim::model {

namespace {

using std::chrono::sys_days;

constexpr int minutes_per_day = 1440;

std::string_view weekday_name(unsigned index) {
  constexpr std::array<std::string_view, 7> names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
  return names.at(index);
}

std::string session_text(const Session& s) {
  return format_clock(s.open_min) + "-" + format_clock(s.close_min);
}

[[noreturn]] void fail(unsigned weekday, const std::string& what) {
  throw std::invalid_argument("work calendar: " + std::string(weekday_name(weekday)) + ": " + what);
}

void validate_sessions(unsigned weekday, const std::vector<Session>& sessions) {
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const Session& s = sessions[i];
    const std::string label = "session " + std::to_string(i + 1) + " (" + session_text(s) + ")";
    if (s.open_min < 0 || s.close_min > minutes_per_day) {
      fail(weekday, label + " lies outside 00:00-24:00");
    }
    if (s.open_min >= s.close_min) fail(weekday, label + " does not open before it closes");
    // Touching sessions (close == next open) are allowed: the intervals are half-open.
    if (i > 0 && s.open_min < sessions[i - 1].close_min) {
      fail(weekday, label + " overlaps or precedes session " + std::to_string(i) + " (" +
                        session_text(sessions[i - 1]) + "); sessions must be in time order");
    }
  }
}

void validate_ticket_stop(unsigned weekday, const std::vector<Session>& sessions, int stop) {
  if (stop == -1 || stop == 0) return;  // both mean "last session's close"
  if (stop < -1) fail(weekday, "ticket stop " + std::to_string(stop) + " is negative");
  if (sessions.empty()) {
    fail(weekday, "ticket stop " + format_clock(stop) + " is set but the day has no session");
  }
  const int first_open = sessions.front().open_min;
  const int last_close = sessions.back().close_min;
  // A stop at the first opening would issue no ticket at all, which is a closed day in disguise.
  if (stop <= first_open || stop > last_close) {
    fail(weekday, "ticket stop " + format_clock(stop) + " lies outside the opening span " +
                      format_clock(first_open) + "-" + format_clock(last_close));
  }
}

sys_days checked_days(Date d, const char* what) {
  if (!d.ok()) throw std::invalid_argument(std::string("work calendar: invalid ") + what);
  return sys_days{d};
}

}  // namespace

WorkCalendar::WorkCalendar(CalendarSpec spec) : sessions_(std::move(spec.sessions)) {
  if (spec.days == 0) throw std::invalid_argument("work calendar: days must be at least 1");
  const sys_days start = checked_days(spec.start, "start date");

  bool any_open = false;
  for (unsigned w = 0; w < 7; ++w) {
    validate_sessions(w, sessions_[w]);
    validate_ticket_stop(w, sessions_[w], spec.ticket_stop_min[w]);
    any_open = any_open || !sessions_[w].empty();
  }
  // Without an open weekday no working day exists and deadline arithmetic could never end.
  if (!any_open) throw std::invalid_argument("work calendar: every weekday is closed");

  holidays_.reserve(spec.holidays.size());
  for (const Date& h : spec.holidays) holidays_.push_back(checked_days(h, "holiday date"));
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
  for (const auto& [date, follows] : spec.working_days) {
    const sys_days d = checked_days(date, "make-up working day");
    if (follows > 6 || sessions_[follows].empty()) {
      throw std::invalid_argument(
          "work calendar: a make-up working day must follow a weekday "
          "with sessions");
    }
    if (is_holiday(d)) {
      throw std::invalid_argument(
          "work calendar: a date is both a holiday and a make-up working day");
    }
    makeup_.emplace_back(d, follows);
  }
  std::sort(makeup_.begin(), makeup_.end());

  plans_.reserve(spec.days);
  for (std::uint32_t i = 0; i < spec.days; ++i) {
    const sys_days d = start + std::chrono::days{i};
    DayPlan plan;
    plan.date = Date{d};
    plan.weekday = iso_weekday_index(plan.date);
    plan.holiday = is_holiday(d);
    plan.working = is_working(d);
    plan.schedule = makeup(d).value_or(plan.weekday);
    if (plan.working) {
      // Looking back past the start of the run is deliberate: a run that opens on the first
      // day after Tết starts with the surge.
      plan.surge = follows_holiday(d);
      plan.sessions = sessions_[plan.schedule];
      const int stop = spec.ticket_stop_min[plan.schedule];
      plan.ticket_stop_min = stop > 0 ? stop : plan.sessions.back().close_min;
    }
    plans_.push_back(std::move(plan));
  }

  next_working_.assign(spec.days, spec.days);
  for (std::uint32_t i = spec.days - 1; i > 0; --i) {
    next_working_[i - 1] = plans_[i].working ? i : next_working_[i];
  }
}

const DayPlan& WorkCalendar::day(std::uint32_t index) const { return plans_.at(index); }

bool WorkCalendar::is_working_day(Date d) const { return is_working(checked_days(d, "date")); }

Date WorkCalendar::add_working_days(Date from, int n) const {
  if (n < 0) throw std::invalid_argument("work calendar: add_working_days needs n >= 0");
  sys_days d = checked_days(from, "date");
  for (int i = 0; i < n; ++i) d = next_working_after(d);
  return Date{d};
}

std::optional<std::uint32_t> WorkCalendar::next_working_day(std::uint32_t index) const {
  const std::uint32_t next = next_working_.at(index);
  if (next == days()) return std::nullopt;
  return next;
}

Date WorkCalendar::due_date(Date received, int minute_of_day, int deadline_working_days,
                            bool same_day_rule) const {
  if (minute_of_day < 0 || minute_of_day > minutes_per_day) {
    throw std::invalid_argument("work calendar: minute of day " + std::to_string(minute_of_day) +
                                " outside 0..1440");
  }
  if (deadline_working_days < 0) {
    throw std::invalid_argument("work calendar: negative deadline " +
                                std::to_string(deadline_working_days));
  }
  sys_days receipt = checked_days(received, "receipt date");
  bool late = same_day_rule && minute_of_day >= same_day_cutoff_min;
  if (!is_statutory(receipt)) {
    // Counts as received at the start of the next statutory working day, before the cut-off.
    receipt = next_statutory_after(receipt);
    late = false;
  }
  const int count = deadline_working_days + (late ? 1 : 0);
  sys_days due = receipt;
  for (int i = 0; i < count; ++i) due = next_statutory_after(due);
  return Date{due};
}

bool WorkCalendar::is_statutory(sys_days d) const {
  // A make-up Saturday is an official working day for civil servants: it counts.
  return makeup(d) || (iso_weekday_index(Date{d}) < 5 && !is_holiday(d));
}

sys_days WorkCalendar::next_statutory_after(sys_days d) const {
  do {
    d += std::chrono::days{1};
  } while (!is_statutory(d));
  return d;
}

sys_days WorkCalendar::next_working_after(sys_days d) const {
  // Terminates: some weekday is open (checked in the constructor) and holidays are finite.
  do {
    d += std::chrono::days{1};
  } while (!is_working(d));
  return d;
}

bool WorkCalendar::is_working(sys_days d) const {
  return makeup(d) || (!sessions_[iso_weekday_index(Date{d})].empty() && !is_holiday(d));
}

std::optional<unsigned> WorkCalendar::makeup(sys_days d) const {
  const auto it = std::lower_bound(makeup_.begin(), makeup_.end(), d,
                                   [](const auto& m, sys_days x) { return m.first < x; });
  if (it == makeup_.end() || it->first != d) return std::nullopt;
  return it->second;
}

bool WorkCalendar::is_holiday(sys_days d) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), d);
}

bool WorkCalendar::follows_holiday(sys_days d) const {
  for (sys_days p = d - std::chrono::days{1}; !is_working(p); p -= std::chrono::days{1}) {
    if (is_holiday(p)) return true;
  }
  return false;
}

std::optional<int> parse_clock(std::string_view text) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_clock(int minutes) {
  // long long so that negating INT_MIN cannot overflow.
  const long long value = minutes;
  const long long magnitude = value < 0 ? -value : value;
  const long long hours = magnitude / 60;
  const long long mins = magnitude % 60;
  std::string text = value < 0 ? "-" : "";
  if (hours < 10) text += '0';
  text += std::to_string(hours);
  text += ':';
  if (mins < 10) text += '0';
  text += std::to_string(mins);
  return text;
}

unsigned iso_weekday_index(Date d) { return std::chrono::weekday{sys_days{d}}.iso_encoding() - 1; }

}  // namespace sim::model
