// Work calendar: day plans, holiday surges, working-day arithmetic and hand-worked due dates.
#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

#include "sim/model/work_calendar.hpp"

using sim::model::CalendarSpec;
using sim::model::Date;
using sim::model::DayPlan;
using sim::model::format_clock;
using sim::model::iso_weekday_index;
using sim::model::parse_clock;
using sim::model::Session;
using sim::model::WorkCalendar;

namespace {

constexpr Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

/// The research default (domain-parameters 2.4): Mon-Fri 07:30-11:30 and 13:30-17:00,
/// weekend closed, no holidays, run starting Monday 25 Aug 2025.
CalendarSpec weekday_spec(std::uint32_t days = 14) {
  CalendarSpec spec;
  spec.start = ymd(2025, 8, 25);
  spec.days = days;
  for (unsigned w = 0; w < 5; ++w) spec.sessions[w] = {{450, 690}, {810, 1020}};
  spec.ticket_stop_min.fill(-1);
  return spec;
}

/// The same calendar with the 2025 National Day holidays (Mon 1 and Tue 2 Sep 2025).
CalendarSpec national_day_2025_spec(std::uint32_t days = 14) {
  CalendarSpec spec = weekday_spec(days);
  spec.holidays = {ymd(2025, 9, 2), ymd(2025, 9, 1)};  // unsorted on purpose
  return spec;
}

}  // namespace

TEST_CASE("A week's day plans open Monday to Friday, Saturday morning only, and close Sunday",
          "[calendar]") {
  CalendarSpec spec = weekday_spec(7);
  spec.sessions[5] = {{450, 690}};  // Friendly Saturday: morning only
  spec.ticket_stop_min[4] = 990;    // Friday: no new tickets from 16:30
  const WorkCalendar calendar(spec);

  REQUIRE(calendar.days() == 7);
  for (std::uint32_t i = 0; i < 7; ++i) {
    const DayPlan& plan = calendar.day(i);
    CHECK(plan.date == Date{std::chrono::sys_days{ymd(2025, 8, 25)} + std::chrono::days{i}});
    CHECK(plan.weekday == i);  // the run starts on a Monday
    CHECK_FALSE(plan.holiday);
    CHECK_FALSE(plan.surge);
  }
  for (std::uint32_t i = 0; i < 5; ++i) {
    const DayPlan& plan = calendar.day(i);
    CHECK(plan.working);
    REQUIRE(plan.sessions.size() == 2);
    CHECK(plan.sessions[0].open_min == 450);
    CHECK(plan.sessions[1].close_min == 1020);
  }
  CHECK(calendar.day(0).ticket_stop_min == 1020);  // -1 means the last close
  CHECK(calendar.day(4).ticket_stop_min == 990);

  const DayPlan& saturday = calendar.day(5);
  CHECK(saturday.working);
  REQUIRE(saturday.sessions.size() == 1);
  CHECK(saturday.sessions[0].close_min == 690);
  CHECK(saturday.ticket_stop_min == 690);

  const DayPlan& sunday = calendar.day(6);
  CHECK_FALSE(sunday.working);
  CHECK(sunday.sessions.empty());
  CHECK(sunday.ticket_stop_min == 0);

  CHECK(calendar.next_working_day(4) == 5u);
  CHECK_FALSE(calendar.next_working_day(5).has_value());
  CHECK_THROWS_AS(calendar.day(7), std::out_of_range);
  CHECK(WorkCalendar::time_of(2, 450) == 2 * 1440.0 + 450.0);
}

TEST_CASE("A holiday closes a weekday and the next working day is a surge day", "[calendar]") {
  const WorkCalendar calendar(national_day_2025_spec());

  const DayPlan& monday = calendar.day(7);  // Mon 1 Sep 2025
  CHECK(monday.date == ymd(2025, 9, 1));
  CHECK(monday.holiday);
  CHECK_FALSE(monday.working);
  CHECK(monday.sessions.empty());
  CHECK(monday.ticket_stop_min == 0);
  CHECK(calendar.day(8).holiday);

  const DayPlan& wednesday = calendar.day(9);  // Wed 3 Sep 2025
  CHECK(wednesday.working);
  CHECK(wednesday.surge);
  CHECK_FALSE(calendar.day(10).surge);
  CHECK_FALSE(calendar.day(0).surge);  // an ordinary Monday after an ordinary weekend

  // Friday 29 Aug (day 4) is followed by the weekend and the two holidays.
  CHECK(calendar.next_working_day(4) == 9u);

  SECTION("a run that starts on the first day after the holiday starts with the surge") {
    CalendarSpec spec = national_day_2025_spec(3);
    spec.start = ymd(2025, 9, 3);
    const WorkCalendar late_start(spec);
    CHECK(late_start.day(0).surge);
    CHECK_FALSE(late_start.day(1).surge);
  }
}

TEST_CASE("Adding working days skips weekends and holidays, also past the end of the run",
          "[calendar]") {
  const WorkCalendar calendar(national_day_2025_spec(1));

  CHECK(calendar.add_working_days(ymd(2025, 8, 29), 0) == ymd(2025, 8, 29));
  CHECK(calendar.add_working_days(ymd(2025, 8, 28), 1) == ymd(2025, 8, 29));
  CHECK(calendar.add_working_days(ymd(2025, 8, 29), 1) == ymd(2025, 9, 3));
  CHECK(calendar.add_working_days(ymd(2025, 8, 28), 3) == ymd(2025, 9, 4));
  CHECK(calendar.add_working_days(ymd(2025, 8, 23), 1) == ymd(2025, 8, 25));  // from a Saturday
  // 20 working days after Mon 25 Aug: 4 that week, 3 the next (holidays), then 5 + 5 + 3.
  CHECK(calendar.add_working_days(ymd(2025, 8, 25), 20) == ymd(2025, 9, 24));
  CHECK_THROWS_AS(calendar.add_working_days(ymd(2025, 8, 25), -1), std::invalid_argument);

  CHECK(calendar.is_working_day(ymd(2025, 12, 31)));  // far outside the one-day run
  CHECK_FALSE(calendar.is_working_day(ymd(2025, 9, 2)));
  CHECK_FALSE(calendar.is_working_day(ymd(2025, 8, 30)));
}

TEST_CASE("Due dates follow the 15:00 same-day rule and count from the next working day",
          "[calendar]") {
  const WorkCalendar calendar(national_day_2025_spec());

  SECTION("a same-day procedure received on a Friday at 14:59 is due that Friday") {
    CHECK(calendar.due_date(ymd(2025, 8, 22), 899, 0, true) == ymd(2025, 8, 22));
  }
  SECTION("a same-day procedure received on a Friday at 15:00 is due the Monday after") {
    CHECK(calendar.due_date(ymd(2025, 8, 22), 900, 0, true) == ymd(2025, 8, 25));
  }
  SECTION("without the same-day rule a late same-day request is still due that day") {
    CHECK(calendar.due_date(ymd(2025, 8, 22), 960, 0, false) == ymd(2025, 8, 22));
  }
  SECTION("three working days from a Thursday before 15:00 end on the Tuesday") {
    CHECK(calendar.due_date(ymd(2025, 8, 21), 840, 3, true) == ymd(2025, 8, 26));
  }
  SECTION("three working days from a Thursday after 15:00 end on the Wednesday") {
    CHECK(calendar.due_date(ymd(2025, 8, 21), 930, 3, true) == ymd(2025, 8, 27));
    CHECK(calendar.due_date(ymd(2025, 8, 21), 930, 3, false) == ymd(2025, 8, 26));
  }
  SECTION("a deadline across the National Day holidays skips 1 and 2 September") {
    // Received Fri 29 Aug 2025: Wed 3 (1), Thu 4 (2), Fri 5 (3).
    CHECK(calendar.due_date(ymd(2025, 8, 29), 600, 3, true) == ymd(2025, 9, 5));
    CHECK(calendar.due_date(ymd(2025, 8, 29), 900, 3, true) == ymd(2025, 9, 8));
    CHECK(calendar.due_date(ymd(2025, 8, 29), 900, 0, true) == ymd(2025, 9, 3));
  }
  SECTION("a dossier received on a Saturday counts as received on Monday, cut-off or not") {
    CHECK(calendar.due_date(ymd(2025, 8, 23), 600, 3, true) == ymd(2025, 8, 28));
    CHECK(calendar.due_date(ymd(2025, 8, 23), 960, 3, true) == ymd(2025, 8, 28));
    CHECK(calendar.due_date(ymd(2025, 8, 23), 960, 0, true) == ymd(2025, 8, 25));
  }
  SECTION("a dossier received on a holiday counts as received on the next working day") {
    CHECK(calendar.due_date(ymd(2025, 9, 1), 600, 1, true) == ymd(2025, 9, 4));
  }
  SECTION("a minute outside the day or a negative deadline is rejected") {
    CHECK_THROWS_AS(calendar.due_date(ymd(2025, 8, 22), 1441, 0, true), std::invalid_argument);
    CHECK_THROWS_AS(calendar.due_date(ymd(2025, 8, 22), -1, 0, true), std::invalid_argument);
    CHECK_THROWS_AS(calendar.due_date(ymd(2025, 8, 22), 600, -1, true), std::invalid_argument);
  }
}

TEST_CASE("Invalid calendar specs are rejected with the weekday named", "[calendar]") {
  using Catch::Matchers::Contains;
  CalendarSpec spec = weekday_spec();

  SECTION("overlapping sessions") {
    spec.sessions[1] = {{450, 690}, {660, 1020}};
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Tuesday") && Contains("overlaps"));
  }
  SECTION("sessions out of time order") {
    spec.sessions[3] = {{810, 1020}, {450, 690}};
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Thursday"));
  }
  SECTION("a session that does not open before it closes") {
    spec.sessions[2] = {{720, 720}};
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Wednesday"));
    spec.sessions[2] = {{780, 720}};
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Wednesday"));
  }
  SECTION("a session outside 00:00-24:00") {
    spec.sessions[0] = {{450, 1500}};
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Monday"));
    spec.sessions[0] = {{-10, 690}};
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Monday"));
  }
  SECTION("a ticket stop after the last close") {
    spec.ticket_stop_min[4] = 1050;
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Friday") && Contains("ticket stop"));
  }
  SECTION("a ticket stop on a closed day") {
    spec.ticket_stop_min[6] = 600;
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Sunday"));
  }
  SECTION("a ticket stop at or before the first opening") {
    spec.ticket_stop_min[0] = 450;
    CHECK_THROWS_WITH(WorkCalendar(spec), Contains("Monday"));
  }
  SECTION("zero days") {
    spec.days = 0;
    CHECK_THROWS_AS(WorkCalendar(spec), std::invalid_argument);
  }
  SECTION("every weekday closed") {
    for (auto& sessions : spec.sessions) sessions.clear();
    CHECK_THROWS_AS(WorkCalendar(spec), std::invalid_argument);
  }
  SECTION("an invalid holiday date") {
    spec.holidays = {ymd(2025, 2, 30)};
    CHECK_THROWS_AS(WorkCalendar(spec), std::invalid_argument);
  }
  SECTION("touching sessions are accepted") {
    spec.sessions[0] = {{450, 690}, {690, 1020}};
    CHECK_NOTHROW(WorkCalendar(spec));
  }
}

TEST_CASE("Clock text parses and formats as HH:MM and malformed text is rejected", "[calendar]") {
  CHECK(parse_clock("00:00") == 0);
  CHECK(parse_clock("07:30") == 450);
  CHECK(parse_clock("24:00") == 1440);
  CHECK(format_clock(450) == "07:30");
  CHECK(format_clock(1440) == "24:00");
  CHECK(format_clock(-90) == "-01:30");
  for (int m = 0; m <= 1440; ++m) {
    REQUIRE(parse_clock(format_clock(m)) == m);
  }
  for (const char* bad :
       {"7:3", "7:30", "25:00", "24:01", "12:60", "ab:cd", "", "07:300", "07-30", " 7:30"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_clock(bad).has_value());
  }
}

TEST_CASE("ISO weekday index counts from Monday", "[calendar]") {
  CHECK(iso_weekday_index(ymd(2025, 8, 25)) == 0);
  CHECK(iso_weekday_index(ymd(2025, 8, 29)) == 4);
  CHECK(iso_weekday_index(ymd(2025, 8, 31)) == 6);
  CHECK(iso_weekday_index(ymd(2026, 2, 17)) == 1);  // Tết Bính Ngọ, a Tuesday
}

TEST_CASE(
    "A make-up working Saturday opens with the schedule of the weekday it pays back and counts "
    "for deadlines",
    "[calendar]") {
  // Run Mon 25 Aug - Sun 7 Sep 2025; Fri 5 Sep is taken off and worked back on Sat 30 Aug.
  CalendarSpec spec = weekday_spec(14);
  spec.sessions[4] = {{450, 690}, {810, 960}};  // Friday closes at 16:00: visible in the plan
  spec.holidays = {ymd(2025, 9, 5)};
  spec.working_days = {{ymd(2025, 8, 30), 4}};
  const WorkCalendar calendar(spec);
  const DayPlan& saturday = calendar.day(5);
  CHECK(saturday.weekday == 5);   // the date is still a Saturday
  CHECK(saturday.schedule == 4);  // run as a Friday
  CHECK(saturday.working);
  CHECK_FALSE(saturday.holiday);
  CHECK(saturday.sessions.size() == 2);
  CHECK(saturday.sessions.back().close_min == 960);
  CHECK(saturday.ticket_stop_min == 960);
  CHECK_FALSE(calendar.day(6).working);  // Sunday stays closed
  CHECK(calendar.day(1).schedule == 1);  // an ordinary Tuesday follows itself
  // Friday 29 Aug -> the next working day is the make-up Saturday (day 5), not Monday.
  CHECK(calendar.next_working_day(4) == 5u);
  CHECK(calendar.is_working_day(ymd(2025, 8, 30)));
  // Statutory clock: received Fri 29 Aug, 1 working day -> Sat 30 Aug; 5 working days -> Sat
  // 30, Mon 1, Tue 2, Wed 3, Thu 4 Sep (Fri 5 is off).
  CHECK(calendar.due_date(ymd(2025, 8, 29), 600, 1, true) == ymd(2025, 8, 30));
  CHECK(calendar.due_date(ymd(2025, 8, 29), 600, 5, true) == ymd(2025, 9, 4));
  CHECK(calendar.due_date(ymd(2025, 8, 29), 600, 6, true) == ymd(2025, 9, 8));
}

TEST_CASE("A make-up working day that is also a holiday, or follows a closed weekday, is refused",
          "[calendar]") {
  CalendarSpec spec = weekday_spec(7);
  spec.holidays = {ymd(2025, 8, 30)};
  spec.working_days = {{ymd(2025, 8, 30), 0}};
  CHECK_THROWS_AS(WorkCalendar(spec), std::invalid_argument);
  spec.holidays.clear();
  spec.working_days = {{ymd(2025, 8, 30), 6}};  // Sunday has no sessions
  CHECK_THROWS_AS(WorkCalendar(spec), std::invalid_argument);
}
