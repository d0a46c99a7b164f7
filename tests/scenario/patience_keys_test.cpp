// The [demand] keys of patience with a ticket: read as written, refused with file, key and value.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/problems.hpp"

namespace {
const std::string urban = "scenarios/templates/urban_ward.toml";

std::vector<sim::scenario::Problem> problems_with(const std::string& setting) {
  try {
    sim::scenario::load_scenario(test_support::repo_path(urban), {}, {setting});
  } catch (const sim::scenario::InputError& e) {
    return e.problems();
  }
  return {};
}
}  // namespace

TEST_CASE("patience_from, no_show_share and no_show_min are read as written", "[scenario]") {
  using From = sim::model::BehaviourParams::PatienceFrom;
  const auto base = sim::scenario::load_scenario(test_support::repo_path(urban));
  CHECK(base.center.behaviour.patience_from == From::ticket);  // the default
  CHECK(base.center.behaviour.no_show_share == 0.0);
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path(urban), {},
                                   {"demand.patience_from = \"expected_call\"",
                                    "demand.no_show_share = 0.03", "demand.no_show_min = 0.5"});
  CHECK(s.center.behaviour.patience_from == From::expected_call);
  CHECK(s.center.behaviour.no_show_share == 0.03);
  CHECK(s.center.behaviour.no_show_min == 0.5);
}

TEST_CASE("a wrong patience_from or a no-show share out of range is refused naming key and value",
          "[scenario]") {
  const auto from = problems_with("demand.patience_from = \"later\"");
  INFO(test_support::listing(from));
  REQUIRE(from.size() == 1);
  CHECK(from[0].key == "demand.patience_from");
  CHECK(from[0].message == "expected \"ticket\" or \"expected_call\", got \"later\"");
  const auto share = problems_with("demand.no_show_share = 1.5");
  INFO(test_support::listing(share));
  REQUIRE(share.size() == 1);
  CHECK(share[0].key == "demand.no_show_share");
  CHECK(share[0].message.find("between 0 and 1, got 1.5") != std::string::npos);
}
