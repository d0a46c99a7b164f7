// National sizing: counters follow demand, and named units follow what is known of them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

namespace sc = sim::scenario;

namespace {
const sc::NationalScenario& hcmc() {
  static const auto n =
      sc::load_national_scenario(test_support::repo_path("scenarios/national/steady_state.toml"),
                                 {"national.provinces = [\"79\"]"});
  return n;
}

std::size_t center_of(const sc::NationalScenario& n, const std::string& code) {
  for (std::size_t i = 0; i < n.centers.size(); ++i)
    if (n.dataset.units[n.centers[i].unit].code == code) return i;
  FAIL("no center " << code);
  return 0;
}
}  // namespace

TEST_CASE("a national center's counters follow its demand by its template's staffing norm",
          "[scenario][national]") {
  // Điện Biên (45 units, small) with four times the demand: units above their template's
  // typical load get more counters; HCMC as it is for the named units.
  const auto small = sc::load_national_scenario(
      test_support::repo_path("scenarios/national/steady_state.toml"),
      {"national.provinces = [\"11\", \"79\"]", "provinces.11.visits_factor = 4"});
  const auto& n = small;
  REQUIRE(n.counters_follow_demand);
  std::size_t grown = 0;
  for (std::size_t i = 0; i < n.centers.size(); ++i) {
    const auto& c = n.centers[i];
    const auto& klass = n.classes[c.klass];
    const auto& code = n.dataset.units[c.unit].code;
    INFO("center " << code << " (" << klass.name << ")");
    const auto s = sc::center_scenario(n, i);
    CHECK(s.center.counters.size() == c.counters);
    CHECK(s.center.staff.size() >= s.center.counters.size());
    const auto& t = klass.base.center;
    if (!klass.unit_code.empty() || n.unit_overrides.count(code)) continue;
    // ceil(template counters / template demand x demand), never below the template's.
    const double norm = t.counters.size() / t.demand.daily_visits;
    const auto expected = std::max<std::size_t>(
        t.counters.size(), static_cast<std::size_t>(std::ceil(norm * c.daily_visits - 1e-9)));
    CHECK(c.counters == expected);
    if (c.counters > t.counters.size()) ++grown;
  }
  CHECK(grown > 0);  // Điện Biên's larger units at four times the demand
  // Xóm Chiếu: 480 a day (C7) on the urban-ward template (7 counters for 260 a day):
  // ceil(7 / 260 x 480) = 13 counters; its added counters copy the template's, in order.
  const auto i = center_of(n, "27259");
  const auto s = sc::center_scenario(n, i);
  CHECK(s.center.demand.daily_visits == 480.0);
  REQUIRE(s.center.counters.size() == 13);
  CHECK(s.center.counters[7].domains == s.center.counters[0].domains);
  CHECK(s.center.counters[7].id == s.center.counters[0].id + " +1");
}

TEST_CASE(
    "a national center's back-office workers are its template's norm times its demand "
    "rounded up",
    "[scenario][national]") {
  const auto n = sc::load_national_scenario(
      test_support::repo_path("scenarios/national/launch_2025.toml"),
      {"national.provinces = [\"11\", \"79\"]", "national.back_office_capacity = 1.2",
       "provinces.11.back_office_factor = 1.3"});
  std::size_t checked = 0, rounded_up = 0;
  for (const auto& c : n.centers) {
    const auto& klass = n.classes[c.klass];
    const auto& unit = n.dataset.units[c.unit];
    INFO("center " << unit.code << " (" << klass.name << ")");
    const auto& t = klass.base.center;
    const double factor = unit.province_code == "11" ? 1.3 : 1.0;
    const double exact =
        t.back_office.workers / t.demand.daily_visits * c.daily_visits * 1.2 * factor;
    // ceil(norm x demand x factors), at least one; the 1e-9 keeps an exact product its value.
    CHECK(c.back_office_workers ==
          std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::ceil(exact - 1e-9))));
    ++checked;
    if (exact > 1.0 && exact - std::floor(exact) < 0.5) ++rounded_up;  // round() would go down
  }
  CHECK(checked == n.centers.size());
  CHECK(rounded_up > 0);
}

TEST_CASE("a named ward's national center has the ward scenario's demand and layout",
          "[scenario][national]") {
  const auto& n = hcmc();
  for (const auto& [code, file] :
       {std::pair<std::string, std::string>{"26704", "phu_my"}, {"25942", "di_an"}}) {
    INFO("unit " << code);
    const auto ward =
        sc::load_scenario(test_support::repo_path("scenarios/wards/" + file + ".toml"));
    const auto national = sc::center_scenario(n, center_of(n, code));
    // Agree: demand, counters and their domains, staff, dedicated back-office workers.
    CHECK(national.center.demand.daily_visits == Approx(ward.center.demand.daily_visits));
    REQUIRE(national.center.counters.size() == ward.center.counters.size());
    for (std::size_t k = 0; k < ward.center.counters.size(); ++k)
      CHECK(national.center.counters[k].domains == ward.center.counters[k].domains);
    CHECK(national.center.staff.size() == ward.center.staff.size());
    CHECK(national.center.back_office.workers == ward.center.back_office.workers);
    // Differ, on purpose: the national run's days and its systems file.
    CHECK(national.center.calendar->start != ward.center.calendar->start);
    CHECK(national.center.systems.size() != ward.center.systems.size());
  }
}

TEST_CASE("the launch's back-office time factor reaches every center with its end date",
          "[scenario][national]") {
  // 1 Jul to 11 Aug 2025 is 41 days: dossiers received before minute 41 x 1440 carry the factor.
  const auto n = sc::load_national_scenario(
      test_support::repo_path("scenarios/national/launch_2025.toml"),
      {"national.provinces = [\"11\"]", "national.back_office_time_factor = 2.5",
       "national.back_office_time_factor_until = 2025-08-11"});
  REQUIRE(!n.centers.empty());
  for (std::size_t i = 0; i < n.centers.size(); ++i) {
    const auto s = sc::center_scenario(n, i);
    CHECK(s.center.back_office.time_factor == 2.5);
    CHECK(s.center.back_office.time_factor_until == 41.0 * 1440.0);
  }
}

TEST_CASE("a launch factor ending before the run starts is refused with the dates",
          "[scenario][national]") {
  try {
    sc::load_national_scenario(test_support::repo_path("scenarios/national/launch_2025.toml"),
                               {"national.back_office_time_factor_until = 2025-07-01"});
    FAIL("loaded");
  } catch (const sc::InputError& e) {
    const std::string text = e.what();
    CHECK(text.find("back_office_time_factor_until") != std::string::npos);
    CHECK(text.find("'2025-07-01' must be after run.start_date (2025-07-01), or "
                    "back_office_time_factor would apply to no dossier") != std::string::npos);
  }
}

TEST_CASE("the national synchronisation factor scales every system's failure share up to one",
          "[scenario][national]") {
  const auto path = test_support::repo_path("scenarios/national/launch_2025.toml");
  // The base at factor 1: the systems file's own shares (the launch file's factor is fitted).
  const auto base = sc::load_national_scenario(
      path, {"national.provinces = [\"11\"]", "national.sync_failure_factor = 1"});
  const auto scaled = sc::load_national_scenario(
      path, {"national.provinces = [\"11\"]", "national.sync_failure_factor = 10"});
  REQUIRE(base.centers.size() == scaled.centers.size());
  const auto b = sc::center_scenario(base, 0), s = sc::center_scenario(scaled, 0);
  REQUIRE(!b.center.systems.empty());
  bool capped = false;
  for (std::size_t k = 0; k < b.center.systems.size(); ++k) {
    const double share = b.center.systems[k].sync_failure_share;
    INFO("system " << b.center.systems[k].id << ", share " << share);
    CHECK(s.center.systems[k].sync_failure_share == std::min(1.0, 10.0 * share));
    capped = capped || 10.0 * share > 1.0;
  }
  CHECK(capped);  // the civil-status software's 0.15 x 10 is held at one
}

TEST_CASE("a province's synchronisation factor replaces the national one for its centers only",
          "[scenario][national]") {
  const auto path = test_support::repo_path("scenarios/national/launch_2025.toml");
  const std::vector<std::string> two = {"national.provinces = [\"11\", \"04\"]",
                                        "national.sync_failure_factor = 1"};  // the file's shares
  auto with = two;
  with.insert(with.end(),
              {"national.sync_failure_factor = 3", "provinces.11.sync_failure_factor = 0.5"});
  const auto base = sc::load_national_scenario(path, two);
  const auto scaled = sc::load_national_scenario(path, with);
  REQUIRE(base.centers.size() == scaled.centers.size());
  std::set<std::string> seen;
  for (std::size_t i = 0; i < base.centers.size(); ++i) {
    const auto& code = base.dataset.units[base.centers[i].unit].province_code;
    const double factor = code == "11" ? 0.5 : 3.0;  // Điện Biên's own, else the national
    seen.insert(code);
    const auto b = sc::center_scenario(base, i), s = sc::center_scenario(scaled, i);
    for (std::size_t k = 0; k < b.center.systems.size(); ++k) {
      INFO("center " << i << " of province " << code << ", system " << b.center.systems[k].id);
      CHECK(s.center.systems[k].sync_failure_share ==
            std::min(1.0, factor * b.center.systems[k].sync_failure_share));
    }
  }
  CHECK(seen == std::set<std::string>{"04", "11"});
}

TEST_CASE("a province's reception miss share replaces the national one for its centers only",
          "[scenario][national]") {
  const auto path = test_support::repo_path("scenarios/national/launch_2025.toml");
  const auto n = sc::load_national_scenario(
      path, {"national.provinces = [\"11\", \"04\"]", "national.reception_miss_share = 0.02",
             "provinces.11.reception_miss_share = 0.2"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n.centers.size(); ++i) {
    const auto& code = n.dataset.units[n.centers[i].unit].province_code;
    seen.insert(code);
    INFO("center " << i << " of province " << code);
    CHECK(sc::center_scenario(n, i).center.online.reception_miss_share ==
          (code == "11" ? 0.2 : 0.02));
  }
  CHECK(seen == std::set<std::string>{"04", "11"});
}

TEST_CASE("a province's synchronisation factor out of range is refused with its key",
          "[scenario][national]") {
  const auto path = test_support::repo_path("scenarios/national/launch_2025.toml");
  try {
    sc::load_national_scenario(
        path, {"national.provinces = [\"11\"]", "provinces.11.sync_failure_factor = -1"});
    FAIL("a negative factor was accepted");
  } catch (const sc::InputError& e) {
    const std::string text = e.what();
    CHECK(text.find("provinces.11.sync_failure_factor") != std::string::npos);
    CHECK(text.find("must be between 0") != std::string::npos);
  }
}
