// Province scale: a budget of seconded officers shared among units of a national run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "sim/cli/exit_codes.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/h5_read.hpp"
#include "tests/support/paths.hpp"

using test_support::H5Read;
using test_support::motcua;
using test_support::repo_path;

namespace {

// The four most populous wards of Hồ Chí Minh City (province 79), five days, four replications:
// well under a second.
const std::vector<std::string> common = {
    "optimize", repo_path("scenarios/national/steady_state.toml"),
    "--set",    "national.provinces=[\"79\"]",
    "--set",    "run.days=5",
    "-q"};

std::string goal_file(const std::string& dir, int budget, int max_per_unit,
                      const std::string& units = "[\"25942\", \"26809\", \"26842\", \"27418\"]") {
  const auto path = dir + "/goal.toml";
  std::ofstream(path) << "[province]\nbudget = " << budget << "\nmax_per_unit = " << max_per_unit
                      << "\ndomains = [\"land\", \"construction\"]\nreplications = 4\nunits = "
                      << units << "\n";
  return path;
}

test_support::Outcome run(const std::string& goal, const std::string& out) {
  auto args = common;
  args.insert(args.end(), {"--goal", goal, "-o", out});
  return motcua(args);
}

}  // namespace

TEST_CASE("province scale gives the one officer to the unit it helps most", "[optimize]") {
  const auto dir = test_support::scratch_dir("province_one").string();
  const auto out = dir + "/p.h5";
  REQUIRE(run(goal_file(dir, 1, 2), out).code == sim::cli::exit_ok);
  H5Read f(out);
  const auto officers = f.numbers("/allocation/officers");
  const auto last = f.numbers("/allocation/last_gain");
  const auto next = f.numbers("/allocation/next_gain");
  REQUIRE(officers.size() == 4);  // only the listed units
  const auto sum = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  };
  // These wards are busy: a land officer shortens their queues, so the officer is assigned.
  REQUIRE(sum(officers) == 1);
  const auto got =
      static_cast<std::size_t>(std::find(officers.begin(), officers.end(), 1.0) - officers.begin());
  // Greedy: its gain is at least every other unit's gain from a first officer (these are the
  // same means the choice compared; the receiving unit's next_gain is now its second officer's).
  CHECK(last[got] > 0);
  for (std::size_t u = 0; u < officers.size(); ++u)
    if (u != got) CHECK(last[got] >= next[u]);
}

TEST_CASE("province scale keeps within the budget and the most per unit", "[optimize]") {
  const auto dir = test_support::scratch_dir("province_budget").string();
  const auto out = dir + "/p.h5";
  REQUIRE(run(goal_file(dir, 3, 1), out).code == sim::cli::exit_ok);
  H5Read f(out);
  double total = 0;
  for (double k : f.numbers("/allocation/officers")) {
    CHECK(k <= 1);
    total += k;
  }
  CHECK(total <= 3);
  CHECK(f.strings("/recommendation/advice_vi").front().find("cán bộ") != std::string::npos);
}

TEST_CASE("a province goal naming a unit outside the run is refused, exit 2", "[optimize]") {
  const auto dir = test_support::scratch_dir("province_bad").string();
  const auto r = run(goal_file(dir, 1, 1, "[\"79999\"]"), dir + "/p.h5");
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(r.err.find("'province.units': unit \"79999\" is not a center of this national run") !=
        std::string::npos);
}
