// Files a ward leader can move: a copied template still runs, the first error is the root
// cause, a whole scenario can be a variant when its demand is the base's, validate checks overlays.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using test_support::motcua;
using test_support::repo_path;

namespace {
const std::string urban = repo_path("scenarios/templates/urban_ward.toml");

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string write(const fs::path& file, const std::string& text) {
  std::ofstream(file) << text;
  return file.string();
}
}  // namespace

TEST_CASE("a template copied to another folder finds the installed catalogue, calendar and systems",
          "[cli]") {
  const auto dir = test_support::scratch_dir("copied_template");
  fs::create_directories(dir / "ward");
  const auto copy = write(dir / "ward" / "my_ward.toml", sim::scenario::read_scenario_text(urban));
  const auto s = sim::scenario::load_scenario(copy);
  CHECK(fs::equivalent(s.catalogue_path, repo_path("scenarios/catalogue/commune.toml")));
  CHECK(fs::equivalent(s.systems_path, repo_path("scenarios/systems/stable.toml")));
  CHECK(motcua({"validate", copy}).code == sim::cli::exit_ok);
  // A catalogue where the reference points, next to the copy, wins over the installed one.
  fs::create_directories(dir / "catalogue");
  fs::copy_file(repo_path("scenarios/catalogue/commune.toml"), dir / "catalogue" / "commune.toml");
  CHECK(fs::equivalent(sim::scenario::load_scenario(copy).catalogue_path,
                       dir / "catalogue" / "commune.toml"));
  fs::remove_all(dir);
}

TEST_CASE("a missing catalogue is the first message, with the path it looked for", "[cli]") {
  const auto dir = test_support::scratch_dir("missing_catalogue");
  const auto file =
      write(dir / "ward.toml", replaced(sim::scenario::read_scenario_text(urban),
                                        "\"../catalogue/commune.toml\"", "\"my_catalogue.toml\""));
  const auto r = motcua({"validate", file});
  CHECK(r.code == sim::cli::exit_bad_input);
  const auto expected = (dir / "my_catalogue.toml").string();
  CHECK(r.err.rfind(expected, 0) == 0);  // the root cause comes first, with the resolved path
  // The counters and policies that name its domains are not reported as unknown domains.
  CHECK(r.err.find("unknown domain") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("validate checks overlays merged into the scenario before them", "[cli]") {
  const auto dir = test_support::scratch_dir("validate_overlays");
  const auto robot = repo_path("scenarios/policies/ai_robot.toml");
  const auto ok = motcua({"validate", urban, robot});
  CHECK(ok.code == sim::cli::exit_ok);
  CHECK(ok.out.find("ok: " + urban + " + " + robot) != std::string::npos);
  const auto bad =
      write(dir / "bad.toml", "[overlay]\nname = \"typo\"\n[policies.robot]\naccuracy = 2.0\n");
  // The typo overlay changes one key of the robot the first overlay brought: validate() runs
  // on the merged scenario and names the typo's file for it.
  const auto r = motcua({"validate", urban, robot, bad});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(r.err.find(bad + ":4") != std::string::npos);
  CHECK(r.err.find("accuracy") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a whole scenario is a variant when its demand is the base's, and refused otherwise",
          "[cli]") {
  const auto dir = test_support::scratch_dir("scenario_variant");
  const auto text = sim::scenario::read_scenario_text(urban);
  const auto out = (dir / "c.h5").string();
  SECTION("same demand: compared on common random numbers") {
    // The leader's edited copy: a fourth certification counter (a new layout, same citizens).
    const auto edited = write(dir / "ward_more.toml",
                              text +
                                  "\n[[counters]]\nid = \"8-certification\"\n"
                                  "domains = [\"certification\"]\n\n[[staff]]\n"
                                  "name = \"Ngô Văn Bình\"\ncounter = \"8-certification\"\n");
    const auto r =
        motcua({"compare", urban, "--variant", "more=" + edited, "-o", out, "-r", "2", "-q"});
    INFO(r.err);
    CHECK(r.code == sim::cli::exit_ok);
  }
  SECTION("different demand: refused, naming the difference") {
    const auto busier =
        write(dir / "ward_busier.toml", replaced(text, "daily_visits = 260", "daily_visits = 300"));
    const auto r =
        motcua({"compare", urban, "--variant", "busier=" + busier, "-o", out, "-r", "2", "-q"});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("demand.daily_visits = 300 here, 260 in the base") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  fs::remove_all(dir);
}
