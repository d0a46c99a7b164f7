// Several variants of one scenario run on common random numbers, and their paired comparison.
#include "sim/run/experiment.hpp"

#include <iterator>
#include <set>
#include <sstream>

#include "sim/run/replication.hpp"
#include "sim/run/result_writer.hpp"
#include "sim/run/unit_runner.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/stats/verdict.hpp"
#include "sim/version.hpp"

namespace sim::run {
namespace {

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
  std::string text;
  for (const auto& s : items) text += (text.empty() ? "" : sep) + s;
  return text;
}

std::vector<scenario::Problem> check_names(const std::vector<VariantSpec>& variants) {
  std::vector<scenario::Problem> problems;
  std::set<std::string> seen;
  for (const auto& v : variants) {
    if (v.name.empty() || v.name.find('/') != std::string::npos || v.name == "." ||
        v.name == "..") {
      problems.push_back({"--variant", 0, "",
                          "variant name '" + v.name + "' must be non-empty and contain no '/'"});
    } else if (!seen.insert(v.name).second) {
      problems.push_back({"--variant", 0, "", "variant name '" + v.name + "' is used twice"});
    }
  }
  return problems;
}

/// The first difference between two TOML nodes, as "key: a vs b"; empty when equal.
std::string first_difference(const std::string& key, const toml::node* a, const toml::node* b) {
  const auto text = [](const toml::node* n) {
    if (!n) return std::string("(absent)");
    std::ostringstream out;
    n->visit([&](const auto& v) { out << v; });
    return out.str();
  };
  const auto* ta = a ? a->as_table() : nullptr;
  const auto* tb = b ? b->as_table() : nullptr;
  if (ta && tb) {
    std::set<std::string> keys;
    for (const auto& [k, v] : *ta) keys.insert(std::string(k.str()));
    for (const auto& [k, v] : *tb) keys.insert(std::string(k.str()));
    for (const auto& k : keys) {
      auto d = first_difference(key + "." + k, ta->get(k), tb->get(k));
      if (!d.empty()) return d;
    }
    return "";
  }
  if (text(a) != text(b)) return key + " = " + text(b) + " here, " + text(a) + " in the base";
  return "";
}

/// Why the variant's citizens would not be the base's: the first difference in what draws them.
std::string demand_difference(const scenario::Scenario& base, const scenario::Scenario& variant) {
  // Both texts were written by toml++ from scenarios that parsed: they parse again.
  std::vector<scenario::Problem> problems;
  const auto a =
      scenario::parse_toml(base.resolved_text, base.source_path, problems).value_or(toml::table{});
  const auto b = scenario::parse_toml(variant.resolved_text, variant.source_path, problems)
                     .value_or(toml::table{});
  for (const char* key : {"demand", "online"}) {
    auto d = first_difference(key, a.get(key), b.get(key));
    if (!d.empty()) return d;
  }
  for (const char* key : {"start_date", "days"}) {
    auto d =
        first_difference(std::string("run.") + key, a["run"][key].node(), b["run"][key].node());
    if (!d.empty()) return d;
  }
  if (base.form != variant.form) return "the form (center or station)";
  if (base.form == scenario::ScenarioForm::center &&
      scenario::read_scenario_text(base.catalogue_path) !=
          scenario::read_scenario_text(variant.catalogue_path))
    return "the catalogue " + variant.catalogue_path + " here, " + base.catalogue_path +
           " in the base";
  return "";
}

void run_variants(Experiment& e, const RunOptions& options) {
  // Unit u is replication u % n of variant u / n.
  const std::size_t n = options.replications;
  auto results = run_units<stats::ReplicationResult>(
      n * e.variants.size(), {options.threads, options.progress, "replications"},
      [&](std::size_t u) {
        return run_replication(e.variants[u / n].scenario, options.seed,
                               options.first_replication + u % n, true, false, options.spill);
      },
      [&](stats::ReplicationResult& received) {
        if (options.spill != nullptr) spill_growing_tables(received, *options.spill);
      });
  for (std::size_t v = 0; v < e.variants.size(); ++v) {
    e.variants[v].results.assign(std::make_move_iterator(results.begin() + v * n),
                                 std::make_move_iterator(results.begin() + (v + 1) * n));
  }
}

std::vector<stats::ReplicationRow> summaries(const VariantRun& v) {
  std::vector<stats::ReplicationRow> rows;
  for (const auto& r : v.results) rows.push_back(r.summary);
  return rows;
}

}  // namespace

Experiment run_experiment(const std::string& kind, const std::string& scenario_path,
                          const std::vector<std::string>& base_overlays,
                          const std::vector<std::string>& base_settings,
                          const std::vector<VariantSpec>& variants, const RunOptions& options) {
  Experiment e{kind, "", {}};
  auto problems = check_names(variants);
  bool base_loaded = false;
  for (const auto& spec : variants) {
    std::vector<std::string> overlays = base_overlays;
    overlays.insert(overlays.end(), spec.overlays.begin(), spec.overlays.end());
    std::vector<std::string> settings = base_settings;
    settings.insert(settings.end(), spec.settings.begin(), spec.settings.end());
    if (!spec.scenario.empty()) overlays = spec.overlays;  // a full scenario stands alone
    try {
      e.variants.push_back(
          VariantRun{spec,
                     scenario::load_scenario(spec.scenario.empty() ? scenario_path : spec.scenario,
                                             overlays, settings),
                     {}});
    } catch (const scenario::InputError& err) {
      problems.insert(problems.end(), err.problems().begin(), err.problems().end());
      continue;
    }
    if (&spec == &variants.front()) base_loaded = true;
    if (spec.scenario.empty() || !base_loaded || &spec == &variants.front()) continue;
    const auto why = demand_difference(e.variants.front().scenario, e.variants.back().scenario);
    if (!why.empty()) {
      problems.push_back(
          {spec.scenario, 0, "",
           "variant '" + spec.name + "' is a full scenario whose demand differs from the base's (" +
               why +
               "): common random numbers need the same citizens in every variant; give it the "
               "base's [demand], [online], run dates and catalogue, or write the change as an "
               "overlay of " +
               scenario_path});
    }
  }
  if (!problems.empty()) throw scenario::InputError(problems);
  run_variants(e, options);
  return e;
}

std::vector<stats::MetricComparison> compare_with_base(const Experiment& e, std::size_t v) {
  const auto& metrics = summary_metrics(e.variants.front().scenario.form);
  auto out =
      stats::compare_variants(metrics, summaries(e.variants.front()), summaries(e.variants.at(v)));
  stats::lead_with_verdict_metrics(out);
  return out;
}

void write_experiment(io::ResultFile& file, const Experiment& e, const RunOptions& options) {
  const auto& base = e.variants.front();
  file.write_metadata(io::RunMetadata{
      program_version, base.scenario.name, base.scenario.source_path, base.scenario.source_text,
      options.seed, options.replications, "", base.scenario.resolved_text});
  file.set_root_attribute("experiment", e.kind);
  file.set_root_attribute("sweep_key", e.sweep_key);
  file.set_root_attribute("variants", static_cast<std::uint64_t>(e.variants.size()));
  std::vector<std::string> names, scenarios, overlays, settings, resolved;
  for (const auto& v : e.variants) {
    names.push_back(v.spec.name);
    scenarios.push_back(v.spec.scenario);
    overlays.push_back(joined(v.spec.overlays, " + "));
    settings.push_back(joined(v.spec.settings, "; "));
    resolved.push_back(v.scenario.resolved_text);
  }
  file.write_labels(
      "variants",
      "variant index -> name, its own scenario file (\"\": the base's), its overlays and "
      "settings, resolved scenario (row 0 is the base)",
      {{"name", names},
       {"scenario", scenarios},
       {"overlays", overlays},
       {"settings", settings},
       {"resolved_scenario", resolved}});
  for (const auto& v : e.variants) {
    file.set_group_prefix("variant/" + v.spec.name);
    write_tables(file, v.scenario, v.results);
  }
  file.set_group_prefix("");
  const stats::TableDef def{
      "comparison",
      "one row per variant (after the base) and summary metric: variant minus base, paired by "
      "replication; each variant's rows start with service_level, unserved_share, helped, served, "
      "turned_away",
      {{"base_mean", "(metric)", "mean over replications, base variant"},
       {"variant_mean", "(metric)", "mean over replications, this variant"},
       {"diff_mean", "(metric)", "mean of (variant - base) over replications"},
       {"diff_low", "(metric)",
        "lower end of the paired 95 % Student-t interval of the difference"},
       {"diff_high", "(metric)", "upper end of the paired 95 % interval"},
       {"diff_se", "(metric)", "standard error of the paired difference"},
       {"unpaired_low", "(metric)",
        "lower end of the Welch 95 % interval (as if run independently)"},
       {"unpaired_high", "(metric)", "upper end of the Welch 95 % interval"},
       {"width_ratio", "1", "paired interval width / unpaired interval width"},
       {"better_share", "1",
        "share of replication pairs where the variant is better (NaN: no direction)"},
       {"equal_share", "1", "share of replication pairs where both are equal (a tie, not a loss)"},
       {"worse_share", "1", "share of replication pairs where the variant is worse"},
       {"win_share", "1", "same as better_share (kept for readers of older files)"},
       {"n", "replications", "replication pairs where the metric is defined on both sides"}}};
  stats::TableRows rows;
  std::vector<std::string> variant_col, metric_col, better_col;
  for (std::size_t v = 1; v < e.variants.size(); ++v) {
    for (const auto& c : compare_with_base(e, v)) {
      variant_col.push_back(e.variants[v].spec.name);
      metric_col.push_back(c.metric);
      better_col.push_back(stats::better_name(c.better));
      rows.push_back({c.base_mean, c.variant_mean, c.paired.mean, c.paired.low(), c.paired.high(),
                      c.paired.std_error, c.unpaired.low(), c.unpaired.high(),
                      c.paired.half_width / c.unpaired.half_width, c.better_share, c.equal_share,
                      c.worse_share, c.better_share, static_cast<double>(c.paired.n)});
    }
  }
  file.write_table(def, rows,
                   {{"variant", variant_col}, {"metric", metric_col}, {"better", better_col}});
  std::vector<std::string> verdict_variant, overall, text;
  for (std::size_t v = 1; v < e.variants.size(); ++v) {
    const auto comparisons = compare_with_base(e, v);
    std::string sentences;
    for (const auto& s : stats::verdict_sentences(comparisons))
      sentences += (sentences.empty() ? "" : " ") + s;
    verdict_variant.push_back(e.variants[v].spec.name);
    overall.push_back(stats::overall_name(stats::overall_verdict(comparisons)));
    text.push_back(sentences);
  }
  file.write_labels("verdicts",
                    "one row per variant (after the base): its overall verdict on the people who "
                    "came (better, worse, mixed, no significant difference) and the sentences "
                    "motcua compare prints",
                    {{"variant", verdict_variant}, {"overall", overall}, {"text", text}});
}

}  // namespace sim::run
