// The final stage's error rate on a cheap station model: motcua optimize, run over many seeds on
// one M/M/6 layout placed at the edge of the tolerance band, calls it infeasible at most alpha
// of the time.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <string>

#include "sim/cli/exit_codes.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/h5_read.hpp"
#include "tests/support/paths.hpp"

TEST_CASE("optimize's feasibility check errs at most alpha of the time on an M/M/6 station",
          "[cli][optimize][statistics]") {
  const auto station = test_support::repo_path("tests/optimize/data/mmc_station.toml");
  const std::vector<std::string> settings = {"station.counters = 6", "run.horizon_min = 500.0",
                                             "run.warmup_min = 50.0"};
  // Pilot: the layout's mean service level from 1000 replications far from any index the runs
  // below use (the final stage uses 1,000,000 + r under each root seed).
  const auto scenario = sim::scenario::load_scenario(station, {}, settings);
  const auto index = [] {
    const auto& m = sim::run::summary_metrics(sim::scenario::ScenarioForm::station);
    for (std::size_t i = 0; i < m.size(); ++i)
      if (m[i].name == "service_level") return i;
    return std::size_t{0};
  }();
  const std::size_t pilot = 1000;
  double sum = 0, sum2 = 0;
  for (std::size_t r = 0; r < pilot; ++r) {
    const double x =
        sim::run::run_replication(scenario, 99, 50'000'000 + r, false).summary.values[index];
    sum += x, sum2 += x * x;
  }
  const double mu = sum / pilot;
  const double se = std::sqrt((sum2 / pilot - mu * mu) / (pilot - 1));
  // The bound q puts the layout at (or, by the pilot's 3 standard errors, above) the band's upper
  // edge q + eps: a layout there must be judged feasible with probability >= 1 - alpha.
  const double eps = 0.01, alpha = 0.2;
  const double q = mu - eps - 3 * se;
  const auto dir = test_support::scratch_dir("optimize_error_rate");
  const auto goal = (dir / "goal.toml").string();
  std::ofstream(goal) << "[goal]\nminimise = \"cost\"\n[statistics]\nalpha = " << alpha
                      << "\n[[variables]]\nname = \"counters\"\nkey = \"station.counters\"\n"
                         "min = 6\nmax = 6\ncost = 1.0\n[[constraints]]\nmetric = "
                         "\"service_level\"\nat_least = "
                      << q << "\ntolerance = " << eps << "\n";
  const int trials = 120;
  int infeasible = 0;
  for (int seed = 1; seed <= trials; ++seed) {
    const auto r =
        test_support::motcua({"optimize", station, "--goal", goal, "-o", (dir / "o.h5").string(),
                              "--seed", std::to_string(seed), "--set", "run.horizon_min=500.0",
                              "--set", "run.warmup_min=50.0", "-t", "1", "-q"});
    REQUIRE((r.code == sim::cli::exit_ok || r.code == sim::cli::exit_infeasible));
    infeasible += r.code == sim::cli::exit_infeasible;
  }
  // Sampling error of the observed rate: at most 3 x sqrt(alpha (1 - alpha) / trials) = 0.110.
  // (The service level's replications are skewed to the left, so the checks are conservative
  // here: at most a few runs in a hundred say infeasible with this seed set.)
  INFO("infeasible in " << infeasible << " of " << trials << " runs");
  CHECK(infeasible / double(trials) <= alpha + 3 * std::sqrt(alpha * (1 - alpha) / trials));
}
