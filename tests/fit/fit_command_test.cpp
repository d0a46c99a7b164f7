// `motcua fit` on the shipped synthetic log: the three files, a scenario that runs, the report.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;

TEST_CASE("motcua fit turns the example log into a scenario that runs, and draws its report",
          "[fit][cli]") {
  const auto dir = test_support::scratch_dir("fit_cli");
  const auto log = test_support::repo_path("scenarios/logs/synthetic_urban_ward_week.csv");
  const auto ward = (dir / "ward.toml").string();
  const auto r = test_support::motcua({"fit", log, "-o", ward, "--report", (dir / "fit").string()});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  CHECK_THAT(r.out, Catch::Contains("tickets kept") && Catch::Contains("dropped"));
  CHECK(fs::exists(dir / "ward.catalogue.toml"));
  CHECK(fs::exists(dir / "ward.fit.json"));
  CHECK(fs::exists(dir / "fit" / "index.html"));
  const auto s = sim::scenario::load_scenario(ward);
  CHECK(s.center.counters.size() == 7);  // the template's seven counters all called tickets
  CHECK(s.center.patience.has_value());
  const auto run =
      test_support::motcua({"run", ward, "-r", "2", "-q", "-o", (dir / "w.h5").string()});
  CHECK(run.code == sim::cli::exit_ok);
}
