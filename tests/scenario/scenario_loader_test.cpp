// Scenario loader: valid files load, and every kind of bad input is named by file, line and key.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

using sim::scenario::InputError;
using sim::scenario::parse_scenario;
using sim::scenario::Problem;

namespace {
const std::string valid = R"([scenario]
name = "test"

[run]
replications = 3
seed = 5
warmup_min = 10
horizon_min = 100

[station]
counters = 2

[arrivals]
rate_per_min = 0.5
priority_share = 0.1

[service]
type = "exponential"
mean = 2.0
)";

/// Replaces the first occurrence of `from` in the valid text by `to`.
std::string edit(const std::string& from, const std::string& to) {
  std::string text = valid;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

std::vector<Problem> problems_of(const std::string& text) {
  try {
    parse_scenario(text, "bad.toml");
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

bool has_problem(const std::vector<Problem>& ps, const std::string& key, std::uint32_t line,
                 const std::string& fragment) {
  for (const auto& p : ps) {
    if (p.file == "bad.toml" && p.key == key && p.line == line &&
        p.message.find(fragment) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string all(const std::vector<Problem>& ps) {
  std::string text;
  for (const auto& p : ps) text += p.to_string() + "\n";
  return text;
}
}  // namespace

TEST_CASE("a valid scenario loads with every value as written", "[scenario]") {
  const auto s = parse_scenario(valid, "ok.toml");
  CHECK(s.name == "test");
  CHECK(s.run.replications == 3);
  CHECK(s.run.seed == 5);
  CHECK(s.run.warmup_min == 10.0);
  CHECK(s.run.horizon_min == 100.0);
  CHECK(s.center.counters.size() == 2);
  CHECK(s.center.staff.size() == 2);
  CHECK(s.center.interarrival.mean() == Approx(2.0));
  CHECK(s.center.priority_share == 0.1);
  CHECK(s.center.procedures.at(0).service.mean() == Approx(2.0));
  CHECK_FALSE(s.center.patience.has_value());
  CHECK(s.center.arrivals_end == 110.0);
  CHECK(s.source_text == valid);
}

TEST_CASE("malformed TOML is reported with its line", "[scenario]") {
  const auto ps = problems_of(edit("counters = 2", "counters = = 2"));
  INFO(all(ps));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].line == 11);
  CHECK(ps[0].message.find("malformed TOML") != std::string::npos);
}

TEST_CASE("an unknown key is rejected with its line and the keys that were expected",
          "[scenario]") {
  const auto ps = problems_of(edit("counters = 2", "counters = 2\ncountres = 3"));
  INFO(all(ps));
  CHECK(has_problem(ps, "station.countres", 12, "unknown key"));
  CHECK(has_problem(ps, "station.countres", 12, "counters"));
}

TEST_CASE("an unknown table is rejected", "[scenario]") {
  const auto ps = problems_of(valid + "\n[staff]\nn = 1\n");
  INFO(all(ps));
  CHECK(has_problem(ps, "staff", 21, "unknown key"));  // 19 lines + blank line
}

TEST_CASE("a wrong type is reported with what was expected and what was found", "[scenario]") {
  const auto ps = problems_of(edit("counters = 2", "counters = \"two\""));
  INFO(all(ps));
  CHECK(has_problem(ps, "station.counters", 11, "expected an integer, found a string"));
}

TEST_CASE("a missing required key is reported at its table", "[scenario]") {
  const auto ps = problems_of(edit("rate_per_min = 0.5\n", ""));
  INFO(all(ps));
  CHECK(has_problem(ps, "arrivals.rate_per_min", 13, "missing required key"));
}

TEST_CASE("zero or negative rates and durations are rejected", "[scenario]") {
  SECTION("zero arrival rate") {
    const auto ps = problems_of(edit("rate_per_min = 0.5", "rate_per_min = 0"));
    INFO(all(ps));
    CHECK(has_problem(ps, "arrivals.rate_per_min", 14, "positive"));
  }
  SECTION("negative service mean") {
    const auto ps = problems_of(edit("mean = 2.0", "mean = -2.0"));
    INFO(all(ps));
    CHECK(has_problem(ps, "service.mean", 19, "positive"));
  }
  SECTION("share outside [0, 1]") {
    const auto ps = problems_of(edit("priority_share = 0.1", "priority_share = 1.5"));
    INFO(all(ps));
    CHECK(has_problem(ps, "arrivals.priority_share", 15, "between 0 and 1"));
  }
}

TEST_CASE("zero counters are rejected", "[scenario]") {
  const auto ps = problems_of(edit("counters = 2", "counters = 0"));
  INFO(all(ps));
  CHECK(has_problem(ps, "station.counters", 11, "between 1 and"));
}

TEST_CASE("an unknown distribution type names the allowed ones", "[scenario]") {
  const auto ps = problems_of(edit("type = \"exponential\"", "type = \"weibull\""));
  INFO(all(ps));
  CHECK(has_problem(ps, "service.type", 18, "lognormal"));
}

TEST_CASE("all problems of a file are reported together, in one error", "[scenario]") {
  std::string text = edit("counters = 2", "counters = 0");
  text.replace(text.find("rate_per_min = 0.5"), 18, "rate_per_min = -1");
  text.replace(text.find("seed = 5"), 8, "seed = \"x\"");
  const auto ps = problems_of(text);
  INFO(all(ps));
  CHECK(ps.size() == 3);
  CHECK(has_problem(ps, "run.seed", 6, "expected an integer"));
  CHECK(has_problem(ps, "station.counters", 11, "between 1 and"));
  CHECK(has_problem(ps, "arrivals.rate_per_min", 14, "positive"));
}

TEST_CASE("a missing file is reported by name", "[scenario]") {
  try {
    sim::scenario::load_scenario("/nonexistent/ward.toml");
    FAIL("no error");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].file == "/nonexistent/ward.toml");
    CHECK(e.problems()[0].message.find("cannot open") != std::string::npos);
  }
}
