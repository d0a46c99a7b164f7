// Reading a national scenario's classes: each one's template, and the named units' own.
#include "sim/scenario/national_classes.hpp"

#include <optional>

#include "sim/scenario/policy_transforms.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sim::scenario {
namespace {

std::optional<UnitType> unit_type(const std::string& text) {
  if (text == "xã" || text == "xa") return UnitType::xa;
  if (text == "phường" || text == "phuong") return UnitType::phuong;
  if (text == "đặc khu" || text == "dac_khu") return UnitType::dac_khu;
  return std::nullopt;
}

}  // namespace

void read_class(TableReader& t, const std::string& path,
                const std::vector<std::string>& template_settings, NationalScenario& n,
                std::vector<Problem>& other) {
  CenterClass c;
  c.name = t.string("name", true).value_or("");
  for (const auto& name : t.strings("types", true).value_or(std::vector<std::string>{})) {
    const auto type = unit_type(name);
    t.check(type.has_value(), "types",
            "unknown unit type '" + name + "' (expected \"xã\", \"phường\" or \"đặc khu\")");
    if (type) c.types.push_back(*type);
  }
  c.min_population = t.number("min_population", false).value_or(0.0);
  c.max_population = t.number("max_population", false).value_or(1e300);
  t.check(c.min_population < c.max_population, "max_population", "must be above min_population");
  c.visits_per_1000 = t.number("visits_per_1000_per_day", true).value_or(1.0);
  const auto templ = t.string("template", true);
  std::vector<std::string> overlays;
  for (const auto& o : t.strings("overlays", false).value_or(std::vector<std::string>{}))
    overlays.push_back(resolve_path(t.file_of("overlays", path), o));
  auto settings = template_settings;
  for (const auto& s : t.strings("settings", false).value_or(std::vector<std::string>{}))
    settings.push_back(s);
  t.finish();
  if (!templ) return;
  try {
    // Read and transformed by its policies; validated per center, after the national scaling.
    const auto template_path = resolve_path(t.file_of("template", path), *templ);
    c.base = apply_policies(
        read_scenario(read_scenario_text(template_path), template_path, overlays, settings), other);
    t.check(c.base.form == ScenarioForm::center, "template", "must be a center-form scenario");
  } catch (const InputError& e) {
    other.insert(other.end(), e.problems().begin(), e.problems().end());
  }
  n.classes.push_back(std::move(c));
}

void read_unit_class(const std::string& code, const UnitOverride& o,
                     const std::vector<std::string>& template_settings, NationalScenario& n,
                     std::vector<Problem>& other) {
  CenterClass c;
  c.name = "unit " + code;
  c.unit_code = code;
  try {
    c.base = apply_policies(
        read_scenario(read_scenario_text(o.scenario), o.scenario, {}, template_settings), other);
    if (c.base.form != ScenarioForm::center)
      other.push_back(Problem{o.scenario, 0, "", "must be a center-form scenario"});
  } catch (const InputError& e) {
    other.insert(other.end(), e.problems().begin(), e.problems().end());
  }
  n.classes.push_back(std::move(c));
}

}  // namespace sim::scenario
