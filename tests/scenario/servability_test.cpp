// Demand nobody can serve is refused, naming the domain and the layout's line, unless the
// scenario turns those citizens away on purpose.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

using sim::scenario::InputError;
using test_support::repo_path;

namespace {

const std::string ward_path = repo_path("scenarios/templates/urban_ward.toml");

/// The urban ward without the civil-status counter's cover of land and construction: the
/// tests below take away the land counter's ability to serve and expect nobody else to.
std::string ward_text() {
  auto text = sim::scenario::read_scenario_text(ward_path);
  const auto at = text.find("cover = [\"land\", \"construction\"]");
  REQUIRE(at != std::string::npos);
  return text.erase(at, text.find('\n', at) - at + 1);
}

/// The text without the [[header]] block that contains `marker` (up to the next blank line).
std::string without_block(std::string text, const std::string& marker) {
  const auto at = text.find(marker);
  REQUIRE(at != std::string::npos);
  const auto begin = text.rfind("\n[[", at) + 1;
  const auto end = text.find("\n\n", at);
  return text.erase(begin, end - begin + 1);
}

/// The urban ward with its only land and construction counter, and its officer, removed.
std::string ward_without_land_counter() {
  return without_block(without_block(ward_text(), "id = \"5-land-construction\""),
                       "name = \"Hoàng Thị Mai\"");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

/// The problems of loading `text` as if it were the ward file; empty when it loads.
std::vector<sim::scenario::Problem> problems_of(const std::string& text) {
  try {
    sim::scenario::parse_scenario(text, ward_path);
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

std::uint32_t line_of(const std::string& text, const std::string& marker) {
  const auto at = text.find(marker);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + at, '\n') + 1);
}

}  // namespace

TEST_CASE("a ward without a land counter is refused, naming the domains and the layout's line",
          "[scenario]") {
  const auto text = ward_without_land_counter();
  const auto problems = problems_of(text);
  REQUIRE(problems.size() == 2);  // land and construction, one problem each
  const auto first_counter = line_of(text, "[[counters]]");
  for (const auto& p : problems) {
    CHECK(p.file == ward_path);
    CHECK(p.line == first_counter);
    CHECK(p.message.find("no counter serves it") != std::string::npos);
    CHECK(p.message.find("unserved = \"turn_away\"") != std::string::npos);
  }
  CHECK(problems[0].message.find("domain 'land'") != std::string::npos);
  CHECK(problems[1].message.find("domain 'construction'") != std::string::npos);
}

TEST_CASE("a counter without staff leaves its domains unservable, at the counter's line",
          "[scenario]") {
  const auto text = without_block(ward_text(), "name = \"Hoàng Thị Mai\"");
  const auto problems = problems_of(text);
  REQUIRE(problems.size() == 2);
  for (const auto& p : problems) {
    CHECK(p.line == line_of(text, "id = \"5-land-construction\"") - 1);  // its [[counters]]
    CHECK(p.message.find("counter '5-land-construction' has no staff") != std::string::npos);
  }
}

TEST_CASE("a counter that covers land keeps the ward servable without its land officer",
          "[scenario]") {
  const auto text =
      without_block(sim::scenario::read_scenario_text(ward_path), "name = \"Hoàng Thị Mai\"");
  CHECK(problems_of(text).empty());
}

TEST_CASE("an officer whose only skill for a domain is 0 cannot serve it", "[scenario]") {
  const auto text = replaced(ward_text(), "skills = { land = 1.0, construction = 0.8 }",
                             "skills = { land = 0.0, construction = 0.8 }");
  const auto problems = problems_of(text);
  REQUIRE(problems.size() == 1);  // construction is still served
  CHECK(problems[0].message.find("domain 'land'") != std::string::npos);
  CHECK(problems[0].message.find("'Hoàng Thị Mai'") != std::string::npos);
  CHECK(problems[0].message.find("skill land = 0") != std::string::npos);
  CHECK(problems[0].line == line_of(text, "name = \"Hoàng Thị Mai\"") - 1);  // her [[staff]]
}

TEST_CASE("unserved = turn_away keeps the layout and marks exactly the unservable domains",
          "[scenario]") {
  const auto text =
      replaced(ward_without_land_counter(), "[policy]\n", "[policy]\nunserved = \"turn_away\"\n");
  const auto s = sim::scenario::parse_scenario(text, ward_path);
  const auto& c = s.center;
  REQUIRE(c.policy.turn_away.size() == c.domains.size());
  for (std::size_t d = 0; d < c.domains.size(); ++d) {
    INFO(c.domains[d].id);
    CHECK(c.policy.turn_away[d] ==
          (c.domains[d].id == "land" || c.domains[d].id == "construction"));
  }
  // A servable ward says turn_away too: nothing is turned away.
  const auto full = replaced(ward_text(), "[policy]\n", "[policy]\nunserved = \"turn_away\"\n");
  CHECK(sim::scenario::parse_scenario(full, ward_path).center.policy.turn_away.empty());
}

TEST_CASE("the check runs after policies: extra counters for land make the ward servable",
          "[scenario]") {
  const auto text = ward_without_land_counter() +
                    "\n[policies.extra_counters]\ncounters = 1\n"
                    "domains = [\"land\", \"construction\"]\n";
  CHECK(problems_of(text).empty());
}

TEST_CASE("an unknown unserved policy is refused", "[scenario]") {
  const auto text = replaced(ward_text(), "[policy]\n", "[policy]\nunserved = \"ignore\"\n");
  const auto problems = problems_of(text);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].key == "policy.unserved");
}

TEST_CASE("motcua validate and run refuse the ward without a land counter with exit 2",
          "[scenario][cli]") {
  const auto dir = test_support::scratch_dir("servability");
  auto text = ward_without_land_counter();
  for (const char* ref : {"../catalogue/", "../systems/", "../calendar/"})
    while (text.find(ref) != std::string::npos)
      text = replaced(text, ref, repo_path("scenarios/") + std::string(ref).substr(3));
  const auto file = (dir / "no_land.toml").string();
  std::ofstream(file) << text;
  const auto validate = test_support::motcua({"validate", file});
  CHECK(validate.code == 2);
  CHECK(validate.err.find(file) != std::string::npos);
  CHECK(validate.err.find("domain 'land'") != std::string::npos);
  const auto run = test_support::motcua({"run", file, "-o", (dir / "out.h5").string(), "-q"});
  CHECK(run.code == 2);
  CHECK(run.err.find("domain 'land'") != std::string::npos);
}
