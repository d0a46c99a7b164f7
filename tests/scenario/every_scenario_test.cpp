// Every scenario file in the repository loads, runs, and conserves citizens visit by visit.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/scenario_runs.hpp"

namespace fs = std::filesystem;

namespace {
std::vector<std::string> scenario_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(test_support::repo_path("scenarios"))) {
    if (entry.path().extension() != ".toml") continue;
    // Data files (procedure catalogue, holiday lists, software systems) are read through the
    // scenarios that use them; reference/ holds the regression manifest and reference outputs;
    // policies/ holds overlays, which are applied to scenarios (overlay_test.cpp); national/
    // scenarios run every center of the dataset (national_runner_test.cpp); goals/ holds
    // motcua optimize's goal files (tests/optimize/goal_test.cpp).
    const auto folder = entry.path().parent_path().filename();
    if (folder == "catalogue" || folder == "calendar" || folder == "systems" ||
        folder == "reference" || folder == "policies" || folder == "national" || folder == "goals")
      continue;
    files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}
}  // namespace

TEST_CASE("every scenario in the repository runs and every visit ends exactly one way",
          "[scenario]") {
  const auto files = scenario_files();
  REQUIRE(files.size() >= 15);
  for (const auto& file : files) {
    INFO(file);
    auto s = sim::scenario::load_scenario(file);
    sim::run::RunOptions options;
    options.replications = 1;
    options.seed = s.run.seed;
    const auto results = sim::run::run_replications(s, options);
    const std::vector<sim::stats::ReplicationRow> rows{results.at(0).summary};
    const auto get = [&](const char* m) { return test_support::column(rows, m).at(0); };
    // A visit (first or return) ends served, answered by the robot, reneged, balked, turned
    // away or sent home; after the run drains nobody is inside, so the two sides must match.
    CHECK(get("arrived") + get("returned") == get("served") + get("answered") + get("reneged") +
                                                  get("balked") + get("turned_away") +
                                                  get("sent_home"));
    // And citizen by citizen: each one who came ends in exactly one outcome, the last one.
    // Those who gave up (reneged, balked, turned away, sent home on the last visit) and those
    // still meant to come back at the end; a departure followed by a return is not an outcome.
    CHECK(get("arrived") ==
          get("served") + get("answered") + get("gave_up") + get("sent_home_pending"));
    CHECK(get("gave_up") + get("sent_home_pending") + get("returned") ==
          get("reneged") + get("balked") + get("turned_away") + get("sent_home"));
    CHECK(get("helped") == get("served") + get("answered"));
    CHECK(get("arrived") > 0);
    CHECK(get("served") > 0);
  }
}
