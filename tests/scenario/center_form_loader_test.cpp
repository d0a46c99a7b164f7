// Center-form scenarios: a valid file loads as written; bad values are named by file, line and key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using sim::scenario::InputError;
using sim::scenario::Problem;

namespace {
const std::string catalogue = R"([[domains]]
id = "civil"

[[domains]]
id = "land"

[[procedures]]
id = "birth"
domain = "civil"
share = 0.6
service = { type = "deterministic", value = 10.0 }
deadline_working_days = 0

[[procedures]]
id = "land_change"
domain = "land"
share = 0.4
service = { type = "lognormal", median = 15.0, cv = 0.5 }
deadline_working_days = 8
same_day_rule = false
)";

const std::string scenario = R"([scenario]
name = "tiny ward"
catalogue = "catalogue.toml"

[run]
start_date = 2025-09-08
days = 5

[hours]
weekday = ["07:30-11:30", "13:30-17:00"]
ticket_stop = "16:30"
extra_holidays = [2025-09-10]

[demand]
daily_visits = 50

[[counters]]
id = "A"
domains = ["civil"]
overflow = ["land"]

[[staff]]
name = "Lan"
counter = "A"
skills = { land = 0.5 }
)";

/// Writes the scenario and catalogue into a fresh folder and loads the scenario.
struct Files {
  fs::path dir = test_support::scratch_dir("center_form");
  Files(const std::string& s, const std::string& c) {
    std::ofstream(dir / "ward.toml") << s;
    std::ofstream(dir / "catalogue.toml") << c;
  }
  ~Files() { fs::remove_all(dir); }
  std::string ward() const { return (dir / "ward.toml").string(); }
  std::string cat() const { return (dir / "catalogue.toml").string(); }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::vector<Problem> problems(const std::string& s, const std::string& c) {
  Files files(s, c);
  try {
    sim::scenario::load_scenario(files.ward());
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

/// True when some problem is in `file` (ward or catalogue), at `line`, for `key`, saying `what`.
bool reported(const std::vector<Problem>& ps, const std::string& file, std::uint32_t line,
              const std::string& key, const std::string& what) {
  for (const auto& p : ps) {
    if (fs::path(p.file).filename() == file && p.line == line && p.key == key &&
        p.message.find(what) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string listing(const std::vector<Problem>& ps) {
  std::string text;
  for (const auto& p : ps) text += p.to_string() + "\n";
  return text;
}
}  // namespace

TEST_CASE("a center-form scenario loads with its calendar, catalogue, counters and staff",
          "[scenario]") {
  Files files(scenario, catalogue);
  const auto s = sim::scenario::load_scenario(files.ward());
  CHECK(s.form == sim::scenario::ScenarioForm::center);
  REQUIRE(s.center.domains.size() == 2);
  CHECK(s.center.procedures.at(1).domain == 1);
  CHECK(s.center.procedures.at(1).deadline_working_days == 8);
  CHECK_FALSE(s.center.procedures.at(1).same_day_rule);
  CHECK(s.center.counters.at(0).overflow == std::vector<std::uint32_t>{1});
  CHECK(s.center.staff.at(0).speed == std::vector<double>{1.0, 0.5});
  REQUIRE(s.center.calendar.has_value());
  const auto& cal = *s.center.calendar;
  CHECK(cal.days == 5);
  CHECK(cal.sessions[0].size() == 2);
  CHECK(cal.sessions[5].empty());
  CHECK(cal.ticket_stop_min[0] == 16 * 60 + 30);
  CHECK(cal.holidays.size() == 1);
  CHECK(s.run.horizon_min == 5 * 1440.0);
  CHECK(s.center.demand.daily_visits == 50.0);
}

TEST_CASE("a counter that names a domain missing from the catalogue is rejected at its line",
          "[scenario]") {
  const auto ps =
      problems(replaced(scenario, "overflow = [\"land\"]", "overflow = [\"lands\"]"), catalogue);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", 20, "counters[0].overflow", "unknown domain 'lands'"));
}

TEST_CASE("staff at an unknown counter or with a skill in an unknown domain are rejected",
          "[scenario]") {
  auto text = replaced(scenario, "counter = \"A\"", "counter = \"B\"");
  text = replaced(text, "skills = { land = 0.5 }", "skills = { lnad = 0.5 }");
  const auto ps = problems(text, catalogue);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", 24, "staff[0].counter", "unknown counter 'B'"));
  CHECK(reported(ps, "ward.toml", 25, "staff[0].skills.lnad", "unknown domain"));
}

TEST_CASE("overlapping sessions are rejected with the weekday named", "[scenario]") {
  const auto ps = problems(replaced(scenario, "\"13:30-17:00\"", "\"11:00-17:00\""), catalogue);
  INFO(listing(ps));
  REQUIRE_FALSE(ps.empty());
  CHECK(ps.front().key == "hours");
  CHECK((ps.front().message.find("Monday") != std::string::npos ||
         ps.front().message.find("mon") != std::string::npos));
}

TEST_CASE("a malformed session or clock time is rejected at its line", "[scenario]") {
  auto text = replaced(scenario, "\"07:30-11:30\"", "\"7:30 to 11:30\"");
  text = replaced(text, "ticket_stop = \"16:30\"", "ticket_stop = \"18:30\"");
  const auto ps = problems(text, catalogue);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", 10, "hours.weekday", "expected sessions like"));
  CHECK(reported(ps, "ward.toml", 11, "hours.ticket_stop", "no later than the last close"));
}

TEST_CASE("procedure shares that do not sum to 1 are rejected, naming the catalogue",
          "[scenario]") {
  const auto ps = problems(scenario, replaced(catalogue, "share = 0.4", "share = 0.3"));
  INFO(listing(ps));
  REQUIRE(ps.size() == 1);
  CHECK(fs::path(ps[0].file).filename() == "catalogue.toml");
  CHECK(ps[0].message.find("sum to 1") != std::string::npos);
}

TEST_CASE("a procedure in an unknown domain is rejected at its line in the catalogue",
          "[scenario]") {
  const auto ps =
      problems(scenario, replaced(catalogue, "domain = \"land\"", "domain = \"lands\""));
  INFO(listing(ps));
  CHECK(reported(ps, "catalogue.toml", 16, "procedures[1].domain", "unknown domain 'lands'"));
}

TEST_CASE("a missing catalogue file is reported by its resolved path", "[scenario]") {
  const auto ps = problems(replaced(scenario, "catalogue.toml", "catalog.toml"), catalogue);
  INFO(listing(ps));
  CHECK(reported(ps, "catalog.toml", 0, "", "cannot open"));
}

TEST_CASE("demand must be given one way: daily visits or population with a visit rate",
          "[scenario]") {
  const auto ps = problems(
      replaced(scenario, "daily_visits = 50", "daily_visits = 50\npopulation = 1000"), catalogue);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", 15, "demand.daily_visits", "either daily_visits"));
}

TEST_CASE("a Saturday morning takes its own ticket stop next to the weekday afternoon stop",
          "[scenario]") {
  const auto saturday = replaced(scenario, "ticket_stop = \"16:30\"",
                                 "ticket_stop = \"16:30\"\nsaturday = [\"07:30-11:30\"]\n"
                                 "saturday_ticket_stop = \"11:00\"");
  Files files(saturday, catalogue);
  const auto s = sim::scenario::load_scenario(files.ward());
  const auto& cal = *s.center.calendar;
  CHECK(cal.ticket_stop_min[0] == 16 * 60 + 30);
  CHECK(cal.ticket_stop_min[5] == 11 * 60);
  // Without it the weekday stop falls after Saturday's close: refused, Saturday named.
  auto without = replaced(saturday, "saturday_ticket_stop = \"11:00\"", "");
  CHECK(reported(problems(without, catalogue), "ward.toml", 11, "hours.ticket_stop",
                 "no later than the last close on sat"));
  // A Saturday stop outside Saturday's session is refused by the calendar's check.
  auto late =
      replaced(saturday, "saturday_ticket_stop = \"11:00\"", "saturday_ticket_stop = \"12:00\"");
  CHECK_FALSE(problems(late, catalogue).empty());
  // And one without Saturday sessions at all.
  auto no_session = replaced(saturday, "saturday = [\"07:30-11:30\"]", "");
  INFO(listing(problems(no_session, catalogue)));
  CHECK(reported(problems(no_session, catalogue), "ward.toml", 13, "hours.saturday_ticket_stop",
                 "no Saturday session"));
}

TEST_CASE("the holiday file's make-up working Saturdays open with the weekday they pay back",
          "[scenario][calendar]") {
  // Week of Mon 21 Apr 2025: Sat 26 Apr is worked back for Fri 2 May (vietnam_holidays.toml).
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"),
                                   {}, {"run.start_date = 2025-04-21", "run.days = 14"});
  REQUIRE(s.center.calendar);
  const sim::model::WorkCalendar calendar(*s.center.calendar);
  CHECK(calendar.day(5).working);         // Saturday 26 April
  CHECK(calendar.day(5).schedule == 4);   // as a Friday
  CHECK_FALSE(calendar.day(6).working);   // Sunday 27 April
  CHECK_FALSE(calendar.day(11).working);  // Friday 2 May, swapped away
  CHECK_FALSE(calendar.day(12).working);  // an ordinary Saturday stays closed
}

TEST_CASE("a make-up working day with a bad weekday or on a closed date is named at its key",
          "[scenario][calendar]") {
  Files files(replaced(scenario, "extra_holidays = [2025-09-10]", "holidays = \"days.toml\""),
              catalogue);
  const std::string days =
      "dates = [2025-09-10]\n\n[[working_days]]\ndate = 2025-09-13\n"
      "follows = \"saturday\"\n\n[[working_days]]\ndate = 2025-09-10\n"
      "follows = \"monday\"\n";
  std::ofstream(files.dir / "days.toml") << days;
  std::vector<Problem> ps;
  try {
    sim::scenario::load_scenario(files.ward());
  } catch (const InputError& e) {
    ps = e.problems();
  }
  INFO(listing(ps));
  CHECK(reported(ps, "days.toml", 5, "working_days[0].follows", "from \"monday\" to \"friday\""));
  CHECK(reported(ps, "days.toml", 8, "working_days[1].date", "also listed in dates"));
}
