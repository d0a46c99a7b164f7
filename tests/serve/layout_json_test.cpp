// The form's view of a counter layout: written from the model's parameters, read back the same.
#include <catch2/catch.hpp>

#include "sim/scenario/scenario_loader.hpp"
#include "sim/serve/layout_json.hpp"
#include "tests/support/paths.hpp"

using sim::serve::Json;

TEST_CASE("A layout written for the form reads back as the same counters and staff", "[serve]") {
  for (const char* file :
       {"scenarios/templates/rural_commune.toml", "scenarios/templates/urban_ward.toml",
        "scenarios/templates/megaward.toml", "scenarios/wards/hong_ha.toml"}) {
    INFO(file);
    const auto path = test_support::repo_path(file);
    auto a = sim::scenario::load_scenario(path).center;
    a.staff.front().works = {true, false, true, false, false, false, false};  // Mon and Wed only
    auto json = sim::serve::to_json(toml::parse(sim::scenario::read_scenario_text(path)));
    json.erase("counters");
    json.erase("staff");
    sim::serve::write_layout(a, json);
    std::ostringstream text;
    text << toml::toml_formatter(sim::serve::to_toml(json));
    const auto back = sim::scenario::parse_scenario(text.str(), path);
    const auto& b = back.center;
    REQUIRE(b.counters.size() == a.counters.size());
    for (std::size_t k = 0; k < a.counters.size(); ++k) {
      CHECK(b.counters[k].id == a.counters[k].id);
      CHECK(b.counters[k].domains == a.counters[k].domains);
      CHECK(b.counters[k].overflow == a.counters[k].overflow);
      CHECK(b.counters[k].cover == a.counters[k].cover);
    }
    REQUIRE(b.staff.size() == a.staff.size());
    for (std::size_t s = 0; s < a.staff.size(); ++s) {
      CHECK(b.staff[s].name == a.staff[s].name);
      CHECK(b.staff[s].counter == a.staff[s].counter);
      CHECK(b.staff[s].speed == a.staff[s].speed);
      CHECK(b.staff[s].absence_prob == a.staff[s].absence_prob);
      CHECK(b.staff[s].works == a.staff[s].works);
    }
  }
}
