// The one validation after the last transform: every class of absurd value is refused before
// the run, by file, line, key, value and range; the expected work of a replication is bounded.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/policy_transforms.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/validate.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/problems.hpp"

using sim::scenario::InputError;
using sim::scenario::Problem;
using test_support::listing;
using test_support::reported;

namespace {

const std::string station = R"([scenario]
name = "test"

[run]
replications = 3
seed = 5
warmup_min = 10
horizon_min = 1000

[station]
counters = 2

[arrivals]
rate_per_min = 0.5

[service]
type = "exponential"
mean = 2.0
)";

/// The station text with the first `from` replaced by `to`.
std::string edit(const std::string& from, const std::string& to) {
  std::string text = station;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::vector<Problem> station_problems(const std::string& text) {
  try {
    sim::scenario::parse_scenario(text, "bad.toml");
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

const std::string urban = test_support::repo_path("scenarios/templates/urban_ward.toml");

std::vector<Problem> urban_problems(const std::vector<std::string>& settings) {
  try {
    sim::scenario::load_scenario(urban, {}, settings);
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

}  // namespace

TEST_CASE("an astronomical arrival rate is refused with its line, value and range", "[scenario]") {
  const auto ps = station_problems(edit("rate_per_min = 0.5", "rate_per_min = 1e300"));
  INFO(listing(ps));
  CHECK(reported(ps, "bad.toml", 14, "arrivals.rate_per_min",
                 "must be between 1e-06 and 69.4444, got 1e+300"));
}

TEST_CASE("a non-finite warm-up and an absurd horizon are refused", "[scenario]") {
  auto ps = station_problems(edit("warmup_min = 10", "warmup_min = nan"));
  INFO(listing(ps));
  CHECK(reported(ps, "bad.toml", 7, "run.warmup_min", "got nan"));
  ps = station_problems(edit("horizon_min = 1000", "horizon_min = inf"));
  CHECK(ps.size() == 1);  // the reader refuses a non-finite horizon as it reads it
  ps = station_problems(edit("horizon_min = 1000", "horizon_min = 1e300"));
  CHECK(reported(ps, "bad.toml", 8, "run.horizon_min", "got 1e+300"));
}

TEST_CASE("a denormal service mean is refused, a zero one is not", "[scenario]") {
  const auto ps = station_problems(
      edit("type = \"exponential\"\nmean = 2.0", "type = \"deterministic\"\nvalue = 5e-320"));
  INFO(listing(ps));
  CHECK(reported(ps, "bad.toml", 16, "service", "mean of 0 or between 1e-06 and 480 minutes"));
  CHECK(station_problems(
            edit("type = \"exponential\"\nmean = 2.0", "type = \"deterministic\"\nvalue = 0"))
            .empty());
}

TEST_CASE("a 3,000-minute service time and a lognormal with an absurd CV are refused",
          "[scenario]") {
  auto ps = station_problems(edit("mean = 2.0", "mean = 3000.0"));
  INFO(listing(ps));
  CHECK(reported(ps, "bad.toml", 16, "service", "exponential(mean=3000)"));
  ps = station_problems(
      edit("type = \"exponential\"\nmean = 2.0", "type = \"lognormal\"\nmedian = 2.0\ncv = 50"));
  INFO(listing(ps));
  CHECK(reported(ps, "bad.toml", 16, "service", "coefficient of variation of at most 10"));
}

TEST_CASE("a station whose expected arrivals exceed the bound is refused before it runs",
          "[scenario]") {
  // 60 a minute for 10^6 minutes: 6 x 10^7 expected arrivals > 2 x 10^7.
  const auto ps = station_problems(
      edit("rate_per_min = 0.5", "rate_per_min = 60").replace(station.find("1000"), 4, "1000000"));
  INFO(listing(ps));
  CHECK(reported(ps, "bad.toml", 14, "arrivals.rate_per_min", "6e+07 arrivals a replication"));
}

TEST_CASE("center form: absurd demand values are named at the --set line that wrote them",
          "[scenario]") {
  const std::string daily = "demand.daily_visits = 1e300";
  auto ps = urban_problems({daily});
  INFO(listing(ps));
  CHECK(reported(ps, "--set " + daily, 1, "demand.daily_visits", "got 1e+300"));
  const std::string factors = "demand.weekday_factors = [1.0, 1.0, 1.0, 1.0, 1.0, inf, 0.0]";
  ps = urban_problems({factors});
  CHECK(reported(ps, "--set " + factors, 1, "demand.weekday_factors", "got inf"));
  const std::string surge = "demand.surge_factor = 1e-310";
  ps = urban_problems({surge});
  CHECK(reported(ps, "--set " + surge, 1, "demand.surge_factor", "must be between 0.01 and 10"));
}

TEST_CASE("a reception miss share without a reception step is refused at its key", "[scenario]") {
  const std::string no_step = "online.reception_min = 0";
  const std::string miss = "online.reception_miss_share = 0.1";
  const auto ps = urban_problems({no_step, miss});
  INFO(listing(ps));
  CHECK(reported(ps, "--set " + miss, 1, "online.reception_miss_share", "no reception step"));
  CHECK(urban_problems({miss}).empty());  // the template has a reception step
}

TEST_CASE("center form: the busiest day's expected arrivals are bounded", "[scenario]") {
  // 90,000 a day x Monday factor 1.15 x surge 1.5 = 155,250 > 100,000.
  const std::string daily = "demand.daily_visits = 90000";
  const auto ps = urban_problems({daily});
  INFO(listing(ps));
  CHECK(reported(ps, "--set " + daily, 1, "demand.daily_visits",
                 "expects up to 155250 arrivals on the busiest day"));
}

TEST_CASE("a value a transform pushed out of range is refused naming the transform", "[scenario]") {
  // Seconded officers at speed 5, then digital training x 5: speed 25, above 10.
  const auto ps =
      urban_problems({"policies.secondment = { staff = 1, domains = [\"land\"], "
                      "speed = 5.0 }",
                      "policies.digital_training.speed_factor = 5.0"});
  INFO(listing(ps));
  REQUIRE(!ps.empty());
  // The officer was written by no file: the problem is placed at the secondment's table.
  bool named = false;
  for (const auto& p : ps)
    named = named || (p.key.find(".skills.") != std::string::npos &&
                      p.file ==
                          "--set policies.secondment = { staff = 1, domains = [\"land\"], "
                          "speed = 5.0 }" &&
                      p.message.find("got 25 (after the transform secondment, digital_training)") !=
                          std::string::npos);
  CHECK(named);
}

TEST_CASE("a policy setting outside its range is refused, not applied", "[scenario]") {
  const std::string zero = "policies.it_support.repair_factor = 0";
  const auto ps = urban_problems({zero});
  INFO(listing(ps));
  CHECK(reported(ps, "--set " + zero, 1, "policies.it_support.repair_factor",
                 "must be between 0.01 and 10, got 0"));
}

TEST_CASE("read, a named transform and validate give problems as data without throwing",
          "[scenario]") {
  namespace sc = sim::scenario;
  const auto text = sc::read_scenario_text(urban);
  auto read = sc::read_scenario(text, urban, {}, {"policies.online_shift.share = 0.3"});
  CHECK(read.transforms.empty());
  const double before = read.center.demand.online_share;
  const auto* shift = sc::find_transform("online_shift");
  REQUIRE(shift != nullptr);
  std::vector<Problem> problems;
  const auto shifted = shift->apply(read, problems);
  CHECK(problems.empty());
  CHECK(read.center.demand.online_share == before);  // the input is not changed
  const double eligible = sim::model::online_eligible_share(read.center);  // channels allow it
  CHECK(shifted.center.demand.online_share == Approx(before + 0.3 * (eligible - before)));
  CHECK(sc::validate(shifted).empty());
  auto bad = sc::read_scenario(text, urban, {}, {"demand.online_share = 2"});
  const auto ps = sc::validate(sc::apply_policies(bad, problems));
  INFO(listing(ps));
  CHECK(reported(ps, "--set demand.online_share = 2", 1, "demand.online_share", "got 2"));
}

TEST_CASE("policies apply in their fixed order whatever the order of the overlays", "[scenario]") {
  namespace sc = sim::scenario;
  const auto policy = [](const std::string& name) {
    return test_support::repo_path("scenarios/policies/" + name + ".toml");
  };
  const auto a = sc::load_scenario(urban, {policy("it_support"), policy("ai_robot")});
  const auto b = sc::load_scenario(urban, {policy("ai_robot"), policy("it_support")});
  CHECK(a.transforms == std::vector<std::string>{"robot", "it_support"});
  CHECK(b.transforms == a.transforms);
  // IT support came after the robot, so the robot's repairs are faster too.
  const auto& robot = a.center.systems.at(a.center.reception.robot->system);
  const auto plain = sc::load_scenario(urban, {policy("ai_robot")});
  CHECK(robot.repair_time.mean() <
        plain.center.systems.at(plain.center.reception.robot->system).repair_time.mean());
}

TEST_CASE("national factors out of range are refused before any center is built",
          "[scenario][national]") {
  const auto path = test_support::repo_path("scenarios/national/launch_2025.toml");
  const std::string capacity = "national.back_office_capacity = 1e300";
  try {
    sim::scenario::load_national_scenario(path, {"national.provinces = [\"79\"]", capacity});
    FAIL("accepted");
  } catch (const InputError& e) {
    INFO(listing(e.problems()));
    CHECK(reported(e.problems(), "--set " + capacity, 1, "national.back_office_capacity",
                   "must be between"));
  }
  const std::string miss = "national.reception_miss_share = 1.5";
  const std::string hcmc_miss = "provinces.79.reception_miss_share = -0.1";
  try {
    sim::scenario::load_national_scenario(path, {"national.provinces = [\"79\"]", miss, hcmc_miss});
    FAIL("accepted");
  } catch (const InputError& e) {
    INFO(listing(e.problems()));
    CHECK(reported(e.problems(), "--set " + miss, 1, "national.reception_miss_share",
                   "must be between"));
    CHECK(reported(e.problems(), "--set " + hcmc_miss, 1, "provinces.79.reception_miss_share",
                   "must be between"));
  }
}

TEST_CASE("a national demand factor that makes a center's day too large is refused per center",
          "[scenario][national]") {
  const auto path = test_support::repo_path("scenarios/national/launch_2025.toml");
  // x 100 on HCMC's wards for ten years: the larger wards expect more than 2 x 10^7 arrivals.
  const std::string factor = "provinces.79.visits_factor = 100";
  try {
    sim::scenario::load_national_scenario(
        path, {"national.provinces = [\"79\"]", "run.days = 3660", factor});
    FAIL("accepted");
  } catch (const InputError& e) {
    INFO(listing(e.problems()));
    bool named = false;
    for (const auto& p : e.problems())
      named = named || (p.message.rfind("center ", 0) == 0 &&
                        p.message.find("(after the transform national)") != std::string::npos);
    CHECK(named);
  }
}
