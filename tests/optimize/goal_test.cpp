// Goal files: what is read, and bad ones refused with file, line, key, value and range (exit 2).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/cli/exit_codes.hpp"
#include "sim/optimize/goal.hpp"
#include "sim/optimize/province.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using test_support::repo_path;

namespace {

const std::string station = repo_path("tests/optimize/data/mmc_station.toml");

const std::string good = R"([goal]
minimise = "cost"

[[variables]]
name = "counters"
key = "station.counters"
min = 3
max = 10
cost = 2.5

[[constraints]]
metric = "service_level"
at_least = 0.95
tolerance = 0.01
)";

/// Runs `motcua optimize` on a goal text; returns the exit code and standard error.
test_support::Outcome optimize_with(const std::string& name, const std::string& text) {
  const auto dir = test_support::scratch_dir("goal_" + name);
  const auto path = (dir / "goal.toml").string();
  std::ofstream(path) << text;
  return test_support::motcua(
      {"optimize", station, "--goal", path, "-o", (dir / "out.h5").string(), "-q"});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a goal file is read with today's value taken from the base scenario", "[optimize]") {
  const auto dir = test_support::scratch_dir("goal_read");
  const auto path = (dir / "goal.toml").string();
  std::ofstream(path) << good;
  const auto base = sim::scenario::load_scenario(station);
  const auto g = sim::optimize::read_goal(path, base);
  REQUIRE(g.variables.size() == 1);
  CHECK(g.variables[0].today == 3);  // [station] counters = 3
  CHECK(g.cost_objective());
  CHECK(sim::optimize::layout_cost(g, {6}) == 15.0);
  CHECK(sim::optimize::layout_text(g, {6}) == "counters=6");
  CHECK(g.stats.alpha == 0.05);
}

TEST_CASE("the goal files in scenarios/goals read against the scenarios they name", "[optimize]") {
  const auto ward = sim::scenario::load_scenario(repo_path("scenarios/templates/urban_ward.toml"));
  const auto g =
      sim::optimize::read_goal(repo_path("scenarios/goals/urban_ward_staffing.toml"), ward);
  CHECK(g.variables.size() == 5);
  CHECK(g.constraints.size() == 2);
  CHECK(g.variables[3].today == 10);  // back_office.workers in the template
  const auto n = sim::scenario::load_national_scenario(
      repo_path("scenarios/national/steady_state.toml"), {"national.provinces = [\"79\"]"});
  const auto p =
      sim::optimize::read_province_goal(repo_path("scenarios/goals/province_secondment.toml"), n);
  CHECK(p.budget == 10);
  CHECK(p.max_per_unit == 2);
}

TEST_CASE("a bad goal file is refused with its line, key, value and range, exit 2", "[optimize]") {
  SECTION("alpha outside (0, 0.5)") {
    const auto r = optimize_with("alpha", good + "[statistics]\nalpha = 1.5\n");
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("goal.toml:16: 'statistics.alpha': value 1.5 is out of range: expected > 0 "
                     "and < 0.5") != std::string::npos);
  }
  SECTION("min above max") {
    const auto r = optimize_with("minmax", replaced(good, "max = 10", "max = 2"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("goal.toml:8: 'variables[0].max': value 2 is below min = 3") !=
          std::string::npos);
  }
  SECTION("a metric that does not exist") {
    const auto r = optimize_with("metric", replaced(good, "\"service_level\"", "\"happiness\""));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("'constraints[0].metric': value \"happiness\" is not a summary metric") !=
          std::string::npos);
  }
  SECTION("a constraint without a tolerance") {
    const auto r = optimize_with("tolerance", replaced(good, "tolerance = 0.01\n", ""));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("'constraints[0].tolerance': missing required key") != std::string::npos);
  }
  SECTION("a goal on waiting times alone, which would reward sending people home") {
    const auto r =
        optimize_with("waits", replaced(replaced(good, "\"service_level\"", "\"wait_mean\""),
                                        "at_least = 0.95", "at_most = 1.0"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("would reward sending people home") != std::string::npos);
  }
  SECTION("a bound that makes the scenario invalid") {
    const auto r = optimize_with("bound", replaced(good, "min = 3", "min = 0"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("station.counters") != std::string::npos);
  }
  SECTION("an unknown key") {
    const auto r = optimize_with("unknown", replaced(good, "cost = 2.5", "cost = 2.5\nprice = 3"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("'variables[0].price'") != std::string::npos);
  }
  SECTION("a metric objective without delta") {
    const auto r = optimize_with(
        "delta", replaced(good, "minimise = \"cost\"", "maximise = \"service_level\""));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("needs [statistics] delta > 0") != std::string::npos);
  }
}
