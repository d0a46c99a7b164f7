// Systems, back office, online channel: values as written, defaults, bad input by file and key.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/scenario/back_office_loader.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using sim::model::OutagePolicy;
using sim::model::SystemState;
using sim::scenario::InputError;
using sim::scenario::Problem;

namespace {
const std::string catalogue = R"([[domains]]
id = "civil"

[[domains]]
id = "info"

[[procedures]]
id = "birth"
domain = "civil"
share = 0.7
service = { type = "deterministic", value = 10.0 }
deadline_working_days = 0
systems = ["portal", "civil_db"]
back_office_min = { type = "deterministic", value = 20.0 }
online_weight = 3.0

[[procedures]]
id = "question"
domain = "info"
share = 0.3
service = { type = "deterministic", value = 3.0 }
deadline_working_days = 0
same_day_rule = false
dossier = false
)";

// civil_db is listed before portal, which it depends on: ids resolve after the whole file.
const std::string systems = R"([[systems]]
id = "civil_db"
name = "Civil-status software"
depends_on = ["portal"]
time_to_failure = { type = "exponential", mean = 40320.0 }
repair_time = { type = "lognormal", median = 45.0, cv = 0.7 }
time_to_degrade = { type = "exponential", mean = 10080.0 }
degraded_time = { type = "deterministic", value = 120.0 }
degraded_factor = 2.0
on_down = "send_home"
paper_factor = 1.5
paper_entry = { type = "deterministic", value = 7.0 }
sync_failure_share = 0.05
sync_delay = { type = "deterministic", value = 300.0 }
rework_share = 0.25

[[systems.episodes]]
start = 2025-07-01T07:00:00
end = 2025-07-01T12:30:00
state = "degraded"

[[systems.episodes]]
start = 2025-06-29T22:00:00
end = 2025-06-30T02:00:00
state = "down"

[[systems.episodes]]
start = 2025-06-01T08:00:00
end = 2025-06-02T08:00:00
state = "down"

[[systems.episodes]]
start = 2025-07-05T00:00:00
end = 2025-07-06T00:00:00
state = "down"

[[systems]]
id = "portal"
on_down = "paper"

[[systems]]
id = "kiosk"
name = "Ticket machine"

[[systems.episodes]]
start = 2025-07-02T09:15:30
end = 2025-07-02T10:00:00
state = "degraded"
factor = 3.0
)";

const std::string scenario = R"([scenario]
name = "tiny ward"
catalogue = "catalogue.toml"
systems = "systems.toml"

[run]
start_date = 2025-06-30
days = 5

[hours]
weekday = ["07:30-11:30", "13:30-17:00"]

[demand]
daily_visits = 50
online_share = 0.2

[reception]
ticket_system = "kiosk"
manual_ticket_time = { type = "deterministic", value = 2.0 }

[back_office]
counter_staff = false
slice_min = 15
workers = 2
hours = ["08:00-12:00", "13:00-16:30"]

[online]
hourly_profile = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
weekday_factors = [1.2, 1, 1, 1, 0.9, 0.5, 0.25]
payment_share = 0.4
payment_system = "portal"
reception_min = 4
reception_due_hours = 16
reception_miss_share = 0.1
reception_miss_days = 5

[[counters]]
id = "A"
domains = ["civil", "info"]

[[staff]]
name = "Lan"
counter = "A"
)";

/// Writes the scenario, catalogue and systems file into a fresh folder.
struct Files {
  fs::path dir = test_support::scratch_dir("systems_loader");
  Files(const std::string& s, const std::string& c, const std::string& y) {
    std::ofstream(dir / "ward.toml") << s;
    std::ofstream(dir / "catalogue.toml") << c;
    std::ofstream(dir / "systems.toml") << y;
  }
  ~Files() { fs::remove_all(dir); }
  std::string ward() const { return (dir / "ward.toml").string(); }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

/// 1-based line of the first occurrence of `needle` in `text`.
std::uint32_t line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(
      std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
}

sim::scenario::Scenario load(const std::string& s, const std::string& c, const std::string& y) {
  Files files(s, c, y);
  return sim::scenario::load_scenario(files.ward());
}

std::vector<Problem> problems(const std::string& s, const std::string& c, const std::string& y) {
  Files files(s, c, y);
  try {
    sim::scenario::load_scenario(files.ward());
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

/// True when some problem is in `file`, at `line`, for `key`, and its message contains every
/// fragment.
bool reported(const std::vector<Problem>& ps, const std::string& file, std::uint32_t line,
              const std::string& key, const std::vector<std::string>& fragments) {
  for (const auto& p : ps) {
    if (fs::path(p.file).filename() != file || p.line != line || p.key != key) continue;
    bool all = true;
    for (const auto& f : fragments) all = all && p.message.find(f) != std::string::npos;
    if (all) return true;
  }
  return false;
}

std::string listing(const std::vector<Problem>& ps) {
  std::string text;
  for (const auto& p : ps) text += p.to_string() + "\n";
  return text;
}
}  // namespace

TEST_CASE("a systems file is read into system parameters with every key as written", "[scenario]") {
  const auto s = load(scenario, catalogue, systems);
  REQUIRE(s.center.systems.size() == 3);
  const auto& civil = s.center.systems[0];
  CHECK(civil.id == "civil_db");
  CHECK(civil.name == "Civil-status software");
  CHECK(civil.depends_on == std::vector<std::uint32_t>{1});
  REQUIRE(civil.time_to_failure.has_value());
  CHECK(civil.time_to_failure->mean() == Approx(40320.0));
  CHECK(civil.repair_time.mean() == Approx(45.0 * std::sqrt(1.0 + 0.7 * 0.7)));
  REQUIRE(civil.time_to_degrade.has_value());
  CHECK(civil.time_to_degrade->mean() == Approx(10080.0));
  CHECK(civil.degraded_time.mean() == 120.0);
  CHECK(civil.degraded_factor == 2.0);
  CHECK(civil.on_down == OutagePolicy::send_home);
  CHECK(civil.paper_factor == 1.5);
  CHECK(civil.paper_entry.mean() == 7.0);
  CHECK(civil.sync_failure_share == 0.05);
  CHECK(civil.sync_delay.mean() == 300.0);
  CHECK(civil.rework_share == 0.25);

  // A system with only an id gets every default, and its name is its id.
  const auto& portal = s.center.systems[1];
  CHECK(portal.name == "portal");
  CHECK(portal.depends_on.empty());
  CHECK_FALSE(portal.time_to_failure.has_value());
  CHECK_FALSE(portal.time_to_degrade.has_value());
  CHECK(portal.repair_time.mean() == 60.0);
  CHECK(portal.degraded_time.mean() == 90.0);
  CHECK(portal.degraded_factor == 1.5);
  CHECK(portal.on_down == OutagePolicy::paper);
  CHECK(portal.paper_factor == 1.25);
  CHECK(portal.paper_entry.mean() == 5.0);
  CHECK(portal.sync_failure_share == 0.0);
  CHECK(portal.sync_delay.mean() == 240.0);
  CHECK(portal.rework_share == 0.5);
  CHECK(s.center.systems[2].on_down == OutagePolicy::wait);

  // The catalogue's names become indices in the order the procedure lists them.
  CHECK(s.center.procedures.at(0).system_ids == std::vector<std::uint32_t>{1, 0});
  CHECK(s.center.reception.ticket_system == 2);
  CHECK(s.center.reception.manual_ticket_time.mean() == 2.0);
  CHECK(s.center.online.payment_system == 1);
  CHECK(fs::path(s.systems_path).filename() == "systems.toml");
}

TEST_CASE("an episode's local date-time becomes minutes since midnight of the run's first day",
          "[scenario]") {
  const auto s = load(scenario, catalogue, systems);
  // Run: 2025-06-30 (minute 0) for 5 days, so it ends at minute 7200 (2025-07-05T00:00).
  const auto& episodes = s.center.systems[0].episodes;
  REQUIRE(episodes.size() == 2);
  // Sorted by start: the one that began the evening before the run is cut to minute 0 and
  // keeps its end (02:00 on the first day).
  CHECK(episodes[0].start == 0.0);
  CHECK(episodes[0].end == 120.0);
  CHECK(episodes[0].state == SystemState::down);
  // 2025-07-01T07:00 is one day and 7 hours after the start: 1440 + 420.
  CHECK(episodes[1].start == 1860.0);
  CHECK(episodes[1].end == 1440.0 + 12 * 60 + 30);
  CHECK(episodes[1].state == SystemState::degraded);
  CHECK(episodes[1].factor == 2.0);  // the system's degraded_factor
  // The June episode ended before the run and the one at 2025-07-05T00:00 starts at its end.
  const auto& kiosk = s.center.systems[2].episodes;
  REQUIRE(kiosk.size() == 1);
  CHECK(kiosk[0].start == Approx(2 * 1440.0 + 9 * 60 + 15.5));
  CHECK(kiosk[0].factor == 3.0);
}

TEST_CASE("back office and online tables are read as written", "[scenario]") {
  const auto s = load(scenario, catalogue, systems);
  const auto& b = s.center.back_office;
  CHECK_FALSE(b.counter_staff);
  CHECK(b.slice_min == 15.0);
  CHECK(b.workers == 2);
  REQUIRE(b.hours.size() == 2);
  CHECK(b.hours[1].open_min == 13 * 60);
  CHECK(b.hours[1].close_min == 16 * 60 + 30);
  const auto& o = s.center.online;
  CHECK(o.hourly_profile[0] == 0.0);
  CHECK(o.hourly_profile[23] == 16.0);
  CHECK(o.weekday_factor[6] == 0.25);
  CHECK(o.payment_share == 0.4);
  CHECK(o.reception_min == 4.0);
  CHECK(o.reception_due_hours == 16.0);
  CHECK(o.reception_miss_share == 0.1);
  CHECK(o.reception_miss_days == 5);
  const auto& birth = s.center.procedures.at(0);
  CHECK(birth.dossier);
  CHECK(birth.back_office.mean() == 20.0);
  CHECK(birth.online_weight == 3.0);
  CHECK_FALSE(s.center.procedures.at(1).dossier);
}

TEST_CASE(
    "without a systems file, back office and online tables, the defaults apply and no system is "
    "modelled",
    "[scenario]") {
  auto text = replaced(scenario, "systems = \"systems.toml\"\n", "");
  text = replaced(text, "ticket_system = \"kiosk\"\n", "");
  text = replaced(text, "manual_ticket_time = { type = \"deterministic\", value = 2.0 }\n", "");
  text = text.substr(0, text.find("[back_office]")) + text.substr(text.find("[[counters]]"));
  const auto s = load(text, catalogue, "this file is not read");
  CHECK(s.center.systems.empty());
  CHECK(s.systems_path.empty());
  const auto& birth = s.center.procedures.at(0);
  CHECK(birth.systems == std::vector<std::string>{"portal", "civil_db"});  // kept, unresolved
  CHECK(birth.system_ids.empty());
  CHECK(s.center.reception.ticket_system == UINT32_MAX);
  CHECK(s.center.reception.manual_ticket_time.mean() == 1.0);
  const auto& b = s.center.back_office;
  CHECK(b.counter_staff);
  CHECK(b.slice_min == 10.0);
  CHECK(b.workers == 0);
  CHECK(b.hours.empty());
  const auto& o = s.center.online;
  CHECK(o.hourly_profile == sim::scenario::default_online_profile);
  CHECK(o.hourly_profile[3] < o.hourly_profile[9]);    // night below the morning peak
  CHECK(o.hourly_profile[20] > o.hourly_profile[12]);  // evening filings from home above lunch
  CHECK(o.weekday_factor == std::array<double, 7>{1, 1, 1, 1, 1, 1, 1});
  CHECK(o.payment_share == 0.0);
  CHECK(o.payment_system == UINT32_MAX);
  // Catalogue defaults: a procedure files a dossier with no back-office work and no online weight.
  const auto c = replaced(
      replaced(catalogue, "back_office_min = { type = \"deterministic\", value = 20.0 }\n", ""),
      "online_weight = 3.0\n", "");
  const auto plain = load(replaced(text, "online_share = 0.2", "online_share = 0.0"), c, "");
  CHECK(plain.center.procedures.at(0).dossier);
  CHECK(plain.center.procedures.at(0).back_office.mean() == 0.0);
  CHECK(plain.center.procedures.at(0).online_weight == 0.0);
}

TEST_CASE("a dependency on an unknown system is rejected at its line in the systems file",
          "[scenario]") {
  const auto y = replaced(systems, "depends_on = [\"portal\"]", "depends_on = [\"portl\"]");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "depends_on"), "systems[0].depends_on",
                 {"unknown system 'portl'"}));
}

TEST_CASE("a dependency cycle is rejected, naming every system around it", "[scenario]") {
  auto y = replaced(systems, "id = \"portal\"\n", "id = \"portal\"\ndepends_on = [\"kiosk\"]\n");
  y = replaced(y, "name = \"Ticket machine\"\n",
               "name = \"Ticket machine\"\ndepends_on = [\"civil_db\"]\n");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "depends_on = [\"civil_db\"]"),
                 "systems[2].depends_on",
                 {"dependency cycle: civil_db -> portal -> kiosk -> civil_db"}));
}

TEST_CASE("a system that depends on itself is rejected", "[scenario]") {
  const auto y =
      replaced(systems, "id = \"portal\"\n", "id = \"portal\"\ndepends_on = [\"portal\"]\n");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "depends_on = [\"portal\"]\non_down"),
                 "systems[1].depends_on", {"cannot depend on itself"}));
}

TEST_CASE("an episode that ends before it starts is rejected at its end key", "[scenario]") {
  const auto y = replaced(systems, "end = 2025-07-01T12:30:00", "end = 2025-07-01T06:30:00");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "end = 2025-07-01T06:30:00"),
                 "systems[0].episodes[0].end", {"must be after the episode's start"}));
}

TEST_CASE("overlapping episodes of one system and date-times with a time zone are rejected",
          "[scenario]") {
  auto y = replaced(systems, "start = 2025-06-29T22:00:00", "start = 2025-07-01T12:00:00");
  y = replaced(y, "end = 2025-06-30T02:00:00", "end = 2025-07-01T14:00:00");
  y = replaced(y, "start = 2025-07-02T09:15:30", "start = 2025-07-02T09:15:30+07:00");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "start = 2025-07-01T12:00:00"),
                 "systems[0].episodes[1].start", {"overlaps episode 0"}));
  CHECK(reported(ps, "systems.toml", line_of(y, "+07:00"), "systems[2].episodes[0].start",
                 {"without a time zone offset"}));
}

TEST_CASE("an unknown outage policy is rejected with the allowed ones", "[scenario]") {
  const auto y = replaced(systems, "on_down = \"send_home\"", "on_down = \"retry\"");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "on_down = \"retry\""), "systems[0].on_down",
                 {"\"wait\", \"paper\" or \"send_home\"", "retry"}));
}

TEST_CASE("factors below 1, shares above 1 and zero-mean failure times are rejected",
          "[scenario]") {
  auto y = replaced(systems, "degraded_factor = 2.0", "degraded_factor = 0.5");
  y = replaced(y, "sync_failure_share = 0.05", "sync_failure_share = 5");
  y = replaced(y, "time_to_failure = { type = \"exponential\", mean = 40320.0 }",
               "time_to_failure = { type = \"deterministic\", value = 0.0 }");
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", line_of(y, "degraded_factor"), "systems[0].degraded_factor",
                 {"from 1 to 100"}));
  CHECK(reported(ps, "systems.toml", line_of(y, "sync_failure_share"),
                 "systems[0].sync_failure_share", {"between 0 and 1"}));
  CHECK(reported(ps, "systems.toml", line_of(y, "time_to_failure"), "systems[0].time_to_failure",
                 {"positive mean"}));
}

TEST_CASE("more than 64 systems are rejected", "[scenario]") {
  std::string y = systems;
  for (int i = 0; i < 62; ++i) y += "\n[[systems]]\nid = \"extra" + std::to_string(i) + "\"\n";
  const auto ps = problems(scenario, catalogue, y);
  INFO(listing(ps));
  CHECK(reported(ps, "systems.toml", 1, "systems", {"at most 64 systems, found 65"}));
}

TEST_CASE("a catalogue procedure that needs a system missing from the systems file is rejected",
          "[scenario]") {
  const auto c = replaced(catalogue, "systems = [\"portal\", \"civil_db\"]",
                          "systems = [\"portal\", \"civil_status\"]");
  const auto ps = problems(scenario, c, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "catalogue.toml", line_of(c, "systems = "), "procedures[0].systems",
                 {"procedure 'birth'", "unknown system 'civil_status'", "systems.toml"}));
}

TEST_CASE("a ticket system named without a systems file is rejected at the reception key",
          "[scenario]") {
  const auto text = replaced(scenario, "systems = \"systems.toml\"\n", "");
  const auto no_payment = replaced(text, "payment_system = \"portal\"\n", "");
  const auto ps = problems(no_payment, catalogue, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", line_of(no_payment, "ticket_system"), "reception.ticket_system",
                 {"system 'kiosk'", "models no systems"}));
}

TEST_CASE("unknown ticket and payment systems are rejected, naming the systems file",
          "[scenario]") {
  auto text = replaced(scenario, "ticket_system = \"kiosk\"", "ticket_system = \"kiosque\"");
  text = replaced(text, "payment_system = \"portal\"", "payment_system = \"bank\"");
  const auto ps = problems(text, catalogue, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", line_of(text, "ticket_system"), "reception.ticket_system",
                 {"unknown system 'kiosque'", "systems.toml"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "payment_system"), "online.payment_system",
                 {"unknown system 'bank'", "systems.toml"}));
}

TEST_CASE("an online share with no procedure weighted for online filing is rejected",
          "[scenario]") {
  const auto c = replaced(catalogue, "online_weight = 3.0", "online_weight = 0.0");
  const auto ps = problems(scenario, c, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", line_of(scenario, "online_share"), "demand.online_share",
                 {"no procedure of", "catalogue.toml", "online_weight > 0"}));
}

TEST_CASE("visits that file no dossier can have neither back-office work nor online weight",
          "[scenario]") {
  const auto c = replaced(catalogue, "dossier = false",
                          "dossier = false\nonline_weight = 1.0\nback_office_min = { type = "
                          "\"deterministic\", value = 5.0 }");
  const auto ps = problems(scenario, c, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "catalogue.toml", line_of(c, "online_weight = 1.0"),
                 "procedures[1].online_weight", {"dossier = false"}));
  CHECK(reported(ps, "catalogue.toml", line_of(c, "value = 5.0"), "procedures[1].back_office_min",
                 {"dossier = true"}));
}

TEST_CASE("bad back office and online values are rejected at their keys", "[scenario]") {
  auto text = replaced(scenario, "slice_min = 15", "slice_min = 0");
  text = replaced(text, "\"08:00-12:00\", \"13:00-16:30\"", "\"13:00-16:30\", \"08:00-12:00\"");
  text = replaced(text, "payment_share = 0.4", "payment_share = 40");
  text = replaced(text, "reception_min = 4", "reception_min = -1");
  text = replaced(text, "reception_due_hours = 16", "reception_due_hours = 0");
  text = replaced(text, "reception_miss_share = 0.1", "reception_miss_share = 2");
  text = replaced(text, "reception_miss_days = 5", "reception_miss_days = 0");
  text = replaced(text, "weekday_factors = [1.2, 1, 1, 1, 0.9, 0.5, 0.25]",
                  "weekday_factors = [1.2, 1]");
  text = replaced(text, "hourly_profile = [0, 0, 0, 0, 0, 0, 0, 0, 1",
                  "hourly_profile = [0, 0, 0, 0, 0, 0, 0, 1");
  const auto ps = problems(text, catalogue, systems);
  INFO(listing(ps));
  CHECK(
      reported(ps, "ward.toml", line_of(text, "slice_min"), "back_office.slice_min", {"positive"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "hours = ["), "back_office.hours", {"session 2"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "payment_share"), "online.payment_share",
                 {"between 0 and 1"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "reception_min"), "online.reception_min",
                 {"between 0 and 480", "got -1"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "reception_due_hours"),
                 "online.reception_due_hours", {"between 0.5 and 1000"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "reception_miss_share"),
                 "online.reception_miss_share", {"between 0 and 1", "got 2"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "reception_miss_days"),
                 "online.reception_miss_days", {"between 1 and 250", "got 0"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "weekday_factors"), "online.weekday_factors",
                 {"expected 7"}));
  CHECK(reported(ps, "ward.toml", line_of(text, "hourly_profile"), "online.hourly_profile",
                 {"expected 24", "got 23"}));
}

TEST_CASE("a back office with neither counter staff nor workers is rejected", "[scenario]") {
  const auto text = replaced(scenario, "workers = 2", "workers = 0");
  const auto ps = problems(text, catalogue, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "ward.toml", line_of(text, "workers = 0"), "back_office.workers",
                 {"nobody does back-office work"}));
}

TEST_CASE(
    "the software scenarios place the go-live episodes on their dates and share one system list",
    "[scenario]") {
  const auto launch = sim::scenario::load_scenario(
      test_support::repo_path("scenarios/software/launch_period.toml"));
  const auto stable =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/software/stable.toml"));
  REQUIRE(launch.center.systems.size() == 9);
  REQUIRE(stable.center.systems.size() == launch.center.systems.size());
  for (std::size_t i = 0; i < launch.center.systems.size(); ++i) {
    CHECK(stable.center.systems[i].id ==
          launch.center.systems[i].id);  // same indices in both outputs
    CHECK(stable.center.systems[i].episodes.empty());
  }
  const auto index = [&](const std::string& id) {
    const auto& s = launch.center.systems;
    const auto it = std::find_if(s.begin(), s.end(), [&](const auto& x) { return x.id == id; });
    REQUIRE(it != s.end());
    return static_cast<std::uint32_t>(it - s.begin());
  };
  // Run from 2025-07-01: the migration ends on 11 Aug, 41 days later (E1).
  const auto& civil = launch.center.systems[index("civil_status_software")];
  REQUIRE(civil.episodes.size() == 1);
  CHECK(civil.episodes[0].start == 0.0);
  CHECK(civil.episodes[0].end == 41 * 1440.0);
  CHECK(civil.episodes[0].factor == 2.0);
  CHECK(civil.depends_on == std::vector<std::uint32_t>{index("one_stop_system")});
  // The population-database overload on Wed 3 Sep, 64 days after 1 Jul, 07:00-12:00 (E4).
  const auto& population = launch.center.systems[index("population_database")];
  REQUIRE(population.episodes.size() == 2);
  CHECK(population.episodes[0].state == SystemState::down);
  CHECK(population.episodes[0].start == 64 * 1440.0 + 7 * 60);
  CHECK(population.episodes[0].end == 64 * 1440.0 + 12 * 60);
  CHECK(launch.center.reception.ticket_system == index("ticket_machine"));
  CHECK(launch.center.online.payment_system == index("online_payment"));
  // Every system name in the catalogue resolved to an index.
  for (const auto& p : launch.center.procedures) {
    INFO(p.id);
    CHECK(p.system_ids.size() == p.systems.size());
  }
}

TEST_CASE("a missing systems file is reported once, by its resolved path", "[scenario]") {
  const auto text = replaced(scenario, "systems = \"systems.toml\"", "systems = \"sytems.toml\"");
  const auto ps = problems(text, catalogue, systems);
  INFO(listing(ps));
  REQUIRE(ps.size() == 1);  // no follow-up complaint for every system name that cannot be checked
  CHECK(reported(ps, "sytems.toml", 0, "", {"cannot open"}));
}

TEST_CASE("a procedure's channels, delivery, fee and the pick-up procedure are read as written",
          "[scenario]") {
  auto c = replaced(catalogue, "online_weight = 3.0",
                    "online_weight = 3.0\nchannels = \"online_partly\"\nfee_vnd = 5000");
  c = replaced(c, "dossier = false", "dossier = false\nresult_pickup = true");
  const auto s = load(scenario, c, systems);
  const auto& birth = s.center.procedures.at(0);
  CHECK(birth.channels == sim::model::Channels::online_partly);
  CHECK(birth.delivery == sim::model::Delivery::counter);  // partly online: collected in person
  CHECK(birth.fee_vnd == 5000.0);
  CHECK(s.center.procedures.at(1).result_pickup);
  CHECK(s.center.procedures.at(1).channels == sim::model::Channels::in_person);
  // Without the keys: weighted procedures are fully online with electronic results, free.
  const auto plain = load(scenario, catalogue, systems);
  CHECK(plain.center.procedures.at(0).channels == sim::model::Channels::online_fully);
  CHECK(plain.center.procedures.at(0).delivery == sim::model::Delivery::electronic);
  CHECK(plain.center.procedures.at(0).fee_vnd == 0.0);
  CHECK(plain.center.procedures.at(1).channels == sim::model::Channels::in_person);
}

TEST_CASE("bad channels, deliveries and fees are rejected at their keys", "[scenario]") {
  const auto with = [](const std::string& keys) {
    return replaced(catalogue, "online_weight = 3.0", "online_weight = 3.0\n" + keys);
  };
  auto c = with("channels = \"by_fax\"");
  auto ps = problems(scenario, c, systems);
  INFO(listing(ps));
  CHECK(reported(ps, "catalogue.toml", line_of(c, "by_fax"), "procedures[0].channels",
                 {"\"in_person\", \"online_partly\" or \"online_fully\""}));
  c = with("channels = \"in_person\"");
  ps = problems(scenario, c, systems);
  CHECK(reported(ps, "catalogue.toml", line_of(c, "channels"), "procedures[0].channels",
                 {"online_weight is 3"}));
  c = with("channels = \"online_partly\"\ndelivery = \"post\"");
  ps = problems(scenario, c, systems);
  CHECK(reported(ps, "catalogue.toml", line_of(c, "delivery"), "procedures[0].delivery",
                 {"must be \"counter\" when channels = \"online_partly\""}));
  c = with("fee_vnd = -1");
  ps = problems(scenario, c, systems);
  CHECK(reported(ps, "catalogue.toml", line_of(c, "fee_vnd"), "procedures[0].fee_vnd",
                 {"between 0 and 1,000,000,000 VND"}));
  // Results collected at the counter need a pick-up procedure to come for them.
  c = with("delivery = \"counter\"");
  ps = problems(scenario, c, systems);
  INFO(listing(ps));
  CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& p) {
    return p.file.find("catalogue.toml") != std::string::npos &&
           p.key == "procedures.result_pickup" &&
           p.message.find("no procedure has result_pickup = true") != std::string::npos;
  }));
}

TEST_CASE("an online share larger than the part of the mix that may be filed online is rejected",
          "[scenario]") {
  // Only birth (0.7 of the mix) may be filed online; the question visits stay in person.
  const auto s = replaced(scenario, "online_share = 0.2", "online_share = 0.8");
  const auto ps = problems(s, catalogue, systems);
  INFO(listing(ps));
  CHECK(std::any_of(ps.begin(), ps.end(), [](const Problem& p) {
    return p.key == "demand.online_share" && p.message.find("only 0.7") != std::string::npos;
  }));
}
