// `motcua regress`: passes on the committed references, finds drift, accepts new references and
// refuses bad manifests and reference files with exit code 2.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/run/drift_report.hpp"
#include "sim/run/reference_outputs.hpp"
#include "sim/stats/confidence.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using sim::run::ReferenceOutputs;

namespace {
using test_support::motcua;
using test_support::Outcome;

const std::string manifest = test_support::repo_path("scenarios/reference/manifest.toml");

/// The committed reference of a case.
std::string committed(const std::string& name) {
  return test_support::repo_path("scenarios/reference/" + name + ".toml");
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A regress run of one case against the reference files in `dir`.
Outcome regress_case(const std::string& name, const fs::path& dir,
                     const std::string& mode = "exact") {
  return motcua({"regress", "--manifest", manifest, "--references", dir.string(), "--case", name,
                 "--mode", mode, "-t", "2"});
}

/// Copies the committed reference of `name` into `dir` with `change` applied to it.
template <class Change>
void perturbed_copy(const std::string& name, const fs::path& dir, Change change) {
  auto ref = sim::run::read_reference(committed(name), name);
  change(ref);
  sim::run::write_reference((dir / (name + ".toml")).string(), ref);
}

std::vector<double>& column(ReferenceOutputs& ref, const std::string& metric) {
  const auto m = ref.find(metric);
  REQUIRE(m < ref.metrics.size());
  return ref.values[m];
}

/// A manifest in `dir` with the given text; returns its path.
std::string write_manifest(const fs::path& dir, const std::string& text) {
  const auto path = dir / "manifest.toml";
  std::ofstream(path) << text;
  return path.string();
}

/// A [[case]] block for the rural commune template (absolute path, so it works from `dir`).
std::string rural_case(const std::string& name) {
  return "[[case]]\nname = \"" + name + "\"\nscenario = '" +
         test_support::repo_path("scenarios/templates/rural_commune.toml") + "'\n";
}

/// How many [[case]] tables the committed manifest has.
std::size_t manifest_cases() {
  const std::string text = slurp(manifest);
  std::size_t n = 0;
  for (auto at = text.find("[[case]]"); at != std::string::npos; at = text.find("[[case]]", at + 1))
    ++n;
  return n;
}

ReferenceOutputs tiny(std::vector<double> values) {
  ReferenceOutputs r;
  r.case_name = "tiny";
  r.form = "station";
  r.seed = 1;
  r.replications = values.size();
  r.metrics = {"m"};
  r.values = {std::move(values)};
  return r;
}
}  // namespace

TEST_CASE("regress passes on the committed references whatever the number of threads",
          "[regression]") {
  for (const char* threads : {"1", "2"}) {
    const auto r = motcua({"regress", "--manifest", manifest, "-t", threads});
    INFO(r.out << r.err);
    CHECK(r.code == sim::cli::exit_ok);
    CHECK(r.out.find("regress: ok, " + std::to_string(manifest_cases()) +
                     " case(s) match their references exactly") != std::string::npos);
  }
}

TEST_CASE("regress lists every scenario of the templates, wards and software folders",
          "[regression]") {
  const std::string text = slurp(manifest);
  for (const char* folder : {"templates", "wards", "software"}) {
    for (const auto& entry :
         fs::directory_iterator(test_support::repo_path("scenarios/") + folder)) {
      const std::string relative =
          std::string("../") + folder + "/" + entry.path().filename().string();
      INFO(relative);
      CHECK(text.find("scenario = \"" + relative + "\"") != std::string::npos);
    }
  }
}

TEST_CASE("a value moved by one ulp fails exact mode with exit 1 naming case and metric",
          "[regression]") {
  const auto dir = test_support::scratch_dir("regress_ulp");
  perturbed_copy("rural_commune", dir, [](ReferenceOutputs& ref) {
    auto& v = column(ref, "wait_mean").at(3);
    v = std::nextafter(v, std::numeric_limits<double>::infinity());
  });
  const auto r = regress_case("rural_commune", dir);
  INFO(r.out << r.err);
  CHECK(r.code == sim::cli::exit_compare_failed);
  CHECK(r.out.find("rural_commune  wait_mean  replication 3") != std::string::npos);
  CHECK(r.out.find("DRIFT in 1 of 1 case(s) (1 row(s) moved") != std::string::npos);
  CHECK(r.out.find("rural_commune: 1 row(s) in 1 metric(s): wait_mean\n") != std::string::npos);
  CHECK(r.out.find("--accept") != std::string::npos);
}

TEST_CASE(
    "the JUnit and JSON files of regress report a drifting case as a failed test naming what moved",
    "[regression]") {
  const auto dir = test_support::scratch_dir("regress_junit");
  perturbed_copy("rural_commune", dir, [](ReferenceOutputs& ref) {
    auto& v = column(ref, "wait_mean").at(3);
    v = std::nextafter(v, std::numeric_limits<double>::infinity());
  });
  sim::run::write_reference((dir / "hong_ha.toml").string(),
                            sim::run::read_reference(committed("hong_ha"), "hong_ha"));
  const auto xml = dir / "regress.xml", json = dir / "regress.json";
  const auto r = motcua({"regress", "--manifest", manifest, "--references", dir.string(), "--case",
                         "rural_commune", "--case", "hong_ha", "-t", "2", "--junit", xml.string(),
                         "--json", json.string()});
  INFO(r.out << r.err);
  CHECK(r.code == sim::cli::exit_compare_failed);
  const auto x = slurp(xml);
  CHECK(x.find(R"(<testsuite name="motcua regress" tests="2" failures="1">)") != std::string::npos);
  CHECK(x.find(R"(<testcase classname="regress.exact" name="hong_ha"/>)") != std::string::npos);
  CHECK(x.find(R"(<failure message="1 value(s) moved" type="drift">wait_mean (replication 3))") !=
        std::string::npos);
  const auto j = nlohmann::json::parse(slurp(json));
  CHECK(j["passed"] == false);
  CHECK(j["cases"] == 2);
  REQUIRE(j["results"].size() == 2);
  CHECK(j["results"][0]["case"] == "rural_commune");
  CHECK(j["results"][0]["drifts"][0]["metric"] == "wait_mean");
  CHECK(j["results"][1]["passed"] == true);
  CHECK(fs::directory_iterator(dir) != fs::directory_iterator());
  for (const auto& e : fs::directory_iterator(dir))  // no partial file left behind
    CHECK(e.path().filename().string().find(".partial-") == std::string::npos);
}

TEST_CASE(
    "the JUnit file of regress may not overwrite the manifest or a reference: exit 2, file "
    "untouched",
    "[regression]") {
  const auto dir = test_support::scratch_dir("regress_junit_input");
  perturbed_copy("hong_ha", dir, [](ReferenceOutputs&) {});
  const auto reference = dir / "hong_ha.toml";
  const auto before = slurp(reference);
  const auto r = motcua({"regress", "--manifest", manifest, "--references", dir.string(), "--case",
                         "hong_ha", "--junit", reference.string()});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(slurp(reference) == before);
}

TEST_CASE("a changed seed, a removed metric and an unknown metric are drift in exact mode",
          "[regression]") {
  const auto dir = test_support::scratch_dir("regress_shape");
  perturbed_copy("hong_ha", dir, [](ReferenceOutputs& ref) {
    ref.seed += 1;
    ref.metrics.at(ref.find("served")) = "served_old";
  });
  const auto r = regress_case("hong_ha", dir);
  INFO(r.out);
  CHECK(r.code == sim::cli::exit_compare_failed);
  CHECK(r.out.find("(seed)") != std::string::npos);
  CHECK(r.out.find("served_old") != std::string::npos);
  CHECK(r.out.find("metric removed") != std::string::npos);
  CHECK(r.out.find("new metric") != std::string::npos);
}

TEST_CASE("statistical mode accepts a shift well inside the standard errors but not far outside",
          "[regression]") {
  const auto dir = test_support::scratch_dir("regress_stat");
  // Shifting every replication by d keeps the standard error SE, so z = d / (SE * sqrt 2).
  const auto shift_by = [&](double multiple_of_se) {
    perturbed_copy("urban_ward", dir, [&](ReferenceOutputs& ref) {
      auto& v = column(ref, "wait_mean");
      const double se = sim::stats::confidence_interval(v).std_error;
      REQUIRE(se > 0);
      for (double& x : v) x += multiple_of_se * se;
    });
  };
  SECTION("one standard error: z = 0.71, passes statistically, fails exactly") {
    shift_by(1.0);
    const auto stat = regress_case("urban_ward", dir, "statistical");
    INFO(stat.out << stat.err);
    CHECK(stat.code == sim::cli::exit_ok);
    CHECK(stat.out.find("match their references statistically") != std::string::npos);
    CHECK(regress_case("urban_ward", dir, "exact").code == sim::cli::exit_compare_failed);
  }
  SECTION("fifty standard errors: z = -35.36, fails") {
    shift_by(50.0);
    const auto stat = regress_case("urban_ward", dir, "statistical");
    INFO(stat.out << stat.err);
    CHECK(stat.code == sim::cli::exit_compare_failed);
    CHECK(stat.out.find("urban_ward  wait_mean  mean") != std::string::npos);
    CHECK(stat.out.find("-35.36") != std::string::npos);
  }
  SECTION("a metric without spread is compared exactly") {
    perturbed_copy("urban_ward", dir, [](ReferenceOutputs& ref) {
      for (double& x : column(ref, "window")) x += 1e-9;
    });
    const auto stat = regress_case("urban_ward", dir, "statistical");
    INFO(stat.out);
    CHECK(stat.code == sim::cli::exit_compare_failed);
    CHECK(stat.out.find("window") != std::string::npos);
    CHECK(stat.out.find("exact") != std::string::npos);
  }
}

TEST_CASE("the statistical limit is a Bonferroni Student-t quantile", "[regression]") {
  // Normal quantiles for a 1 % family: 1 comparison -> z(0.995) = 2.5758; 100 -> z(0.99995).
  CHECK(sim::run::z_limit(1e9, 1) == Approx(2.5758).epsilon(1e-4));
  CHECK(sim::run::z_limit(1e9, 100) == Approx(3.8906).epsilon(1e-4));
  // Estimated standard errors from ten replications each (about 18 degrees of freedom) have
  // heavier tails: t_18(0.99995) = 4.9657.
  CHECK(sim::run::z_limit(18, 100) == Approx(4.9657).epsilon(1e-4));
}

TEST_CASE("exact comparison treats NaN as equal to NaN and nothing else as equal to NaN",
          "[regression]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto moved = [](std::vector<double> a, std::vector<double> b) {
    sim::run::DriftReport report(sim::run::RegressMode::exact);
    report.add_case(tiny(std::move(a)), tiny(std::move(b)));
    return report.drifts().size();
  };
  CHECK(moved({nan, 1.0}, {-nan, 1.0}) == 0);
  CHECK(moved({nan, 1.0}, {0.0, 1.0}) == 1);
  CHECK(moved({1.0, 2.0}, {1.0, nan}) == 1);
  CHECK(moved({0.0}, {-0.0}) == 1);
}

TEST_CASE("reference files round-trip every double exactly, NaN and -0 included", "[regression]") {
  const std::vector<double> values = {0.1,
                                      1.0 / 3,
                                      -0.0,
                                      5e-324,
                                      1e300,
                                      12345678901234567168.0,
                                      942.0,
                                      std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity()};
  const auto text = sim::run::format_reference(tiny(values));
  const auto back = sim::run::parse_reference(text, "tiny.toml", "tiny");
  REQUIRE(back.values.at(0).size() == values.size());
  sim::run::DriftReport report(sim::run::RegressMode::exact);
  report.add_case(tiny(values), back);
  CHECK(report.drifts().empty());
  CHECK(std::signbit(back.values[0][2]));
  CHECK(sim::run::format_reference(back) == text);
}

TEST_CASE("accept into a scratch folder reproduces the committed reference bytes", "[regression]") {
  const auto dir = test_support::scratch_dir("regress_accept");
  const auto r =
      motcua({"regress", "--manifest", manifest, "--references", dir.string(), "--accept"});
  INFO(r.out << r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    INFO(entry.path());
    CHECK(slurp(entry.path()) == slurp(committed(entry.path().stem().string())));
    ++files;
  }
  CHECK(files == manifest_cases());
  CHECK(files >= 19);  // 8 scenarios and 11 policy overlays
  const auto again = motcua({"regress", "--manifest", manifest, "--references", dir.string(),
                             "--accept", "--case", "megaward"});
  CHECK(again.out.find("unchanged") != std::string::npos);
  CHECK(again.out.find("0 changed") != std::string::npos);
}

TEST_CASE("bad manifests exit with code 2 and name the file, line and key", "[regression]") {
  const auto dir = test_support::scratch_dir("regress_bad_manifest");
  const auto run = [&](const std::string& path) {
    return motcua({"regress", "--manifest", path, "--references", dir.string()});
  };
  SECTION("missing") {
    const auto r = run((dir / "nope.toml").string());
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("nope.toml: cannot open manifest file") != std::string::npos);
  }
  SECTION("malformed TOML") {
    const auto r = run(write_manifest(dir, "[[case]\nname = 1\n"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("manifest.toml:1: malformed TOML") != std::string::npos);
  }
  SECTION("duplicate name, unknown key, wrong type") {
    const auto path = write_manifest(dir, rural_case("a") + rural_case("a") +
                                              "[[case]]\nname = \"b\"\nscenario = 3\nseeds = 1\n");
    const auto r = run(path);
    INFO(r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(
        r.err.find("manifest.toml:5: 'case[1].name': duplicate case name 'a' (first at line 2)") !=
        std::string::npos);
    CHECK(r.err.find("manifest.toml:9: 'case[2].scenario': expected a string") !=
          std::string::npos);
    CHECK(r.err.find("'case[2].seeds'") != std::string::npos);
  }
  SECTION("no cases") {
    const auto r = run(write_manifest(dir, "# nothing\n"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("'case': missing required key") != std::string::npos);
  }
  SECTION("a scenario that does not exist") {
    const auto r = run(write_manifest(dir, "[[case]]\nname = \"x\"\nscenario = \"gone.toml\"\n"));
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("gone.toml: cannot open scenario file") != std::string::npos);
  }
  SECTION("an overlay that does not exist") {
    const auto r = run(write_manifest(
        dir, rural_case("x") + "overlays = ['" + (dir / "no_policy.toml").string() + "']\n"));
    INFO(r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("no_policy.toml") != std::string::npos);
  }
  SECTION("an unknown --case") {
    const auto r = motcua({"regress", "--manifest", manifest, "--case", "atlantis"});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("no case named 'atlantis'") != std::string::npos);
  }
  SECTION("an unknown --mode") {
    const auto r = motcua({"regress", "--manifest", manifest, "--mode", "roughly"});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("--mode must be exact or statistical") != std::string::npos);
  }
}

TEST_CASE("missing or malformed reference files exit with code 2 and name the file",
          "[regression]") {
  const auto dir = test_support::scratch_dir("regress_bad_reference");
  const auto file = dir / "rural_commune.toml";
  SECTION("missing") {
    const auto r = regress_case("rural_commune", dir);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("rural_commune.toml: cannot open reference file (create it with `motcua "
                     "regress --accept`)") != std::string::npos);
  }
  SECTION("a metric with too few values, a wrong case and a missing seed") {
    std::string text = slurp(committed("rural_commune"));
    const auto at = text.find("wait_mean = [");
    text.insert(at + 13, "1.0, ");  // now 11 values for 10 replications
    text.replace(text.find("case = 'rural_commune'"), 22, "case = 'urban_ward'");
    text.replace(text.find("seed = "), 7, "sead = ");
    std::ofstream(file) << text;
    const auto r = regress_case("rural_commune", dir);
    INFO(r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("rural_commune.toml:8: 'reference.case': is the reference of case "
                     "'urban_ward', expected 'rural_commune'") != std::string::npos);
    CHECK(r.err.find("'reference.seed': missing required key") != std::string::npos);
    CHECK(r.err.find("'reference.sead'") != std::string::npos);
    CHECK(r.err.find("'metrics.wait_mean': has 11 values") != std::string::npos);
  }
  SECTION("malformed TOML") {
    std::ofstream(file) << "[reference\n";
    const auto r = regress_case("rural_commune", dir);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("rural_commune.toml:1: malformed TOML") != std::string::npos);
  }
}
