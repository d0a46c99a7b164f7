// A layout of the goal's variables as a scenario variant (overlays and settings of the base).
#pragma once

#include <string>

#include "sim/optimize/goal.hpp"
#include "sim/run/experiment.hpp"

namespace sim::optimize {

/// The variant that runs `layout`: the base plus each variable's settings and overlays. Counters
/// variables add counters ("opt-<variable>-<n>") with one officer each to the base's [[counters]]
/// and [[staff]] (an overlay replaces arrays whole, so the setting carries the base's too).
run::VariantSpec layout_variant(const Goal& goal, const scenario::Scenario& base,
                                const Layout& layout, const std::string& name);

/// A scenario file that `motcua run` accepts: the base with its overlays and --set lines and the
/// layout's, merged and written whole, the files it names (catalogue, systems, holidays) made
/// relative to `out_path`'s folder (absolute when far away). Its demand is the base's, so
/// `motcua compare` accepts it as a variant of the base.
std::string layout_scenario_text(const Goal& goal, const scenario::Scenario& base,
                                 const std::vector<std::string>& base_overlays,
                                 const std::vector<std::string>& base_settings,
                                 const Layout& layout, const std::string& out_path);

}  // namespace sim::optimize
