// motcua optimize's outputs: the HDF5 file (docs/output-schema.md) and the one-sentence advice.
#include "sim/optimize/result_file.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <utility>

#include "sim/run/replication.hpp"
#include "sim/stats/confidence.hpp"
#include "sim/version.hpp"

namespace sim::optimize {
namespace {

/// A number as people read it: up to 3 decimals, a decimal comma in Vietnamese.
std::string number(double x, const std::string& lang) {
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << x;
  auto s = out.str();
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    const bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  if (lang == "vi") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string value_text(const Variable& v, int value) {
  return v.kind == VariableKind::choice ? v.options[static_cast<std::size_t>(value)].name
                                        : std::to_string(value);
}

std::string changes(const Goal& goal, const Layout& from, const Layout& to,
                    const std::string& lang) {
  std::string text;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (from[i] == to[i]) continue;
    const auto& v = goal.variables[i];
    text += (text.empty() ? "" : ", ") + (lang == "vi" ? v.label_vi : v.label) + " " +
            value_text(v, from[i]) + " → " + value_text(v, to[i]);
  }
  return text;
}

/// A metric as the advice names it; shares (unit 1) are shown in percent.
std::pair<std::string, bool> metric_words(const std::string& metric, const std::string& lang) {
  static const std::vector<std::array<std::string, 3>> words = {
      {"service_level", "service level", "tỷ lệ lượt được phục vụ trong thời gian chờ mục tiêu"},
      {"on_time_rate", "dossiers on time", "tỷ lệ hồ sơ đúng hạn"},
      {"unserved_share", "share who go home unserved", "tỷ lệ người dân về mà chưa được phục vụ"},
      {"abandon_prob", "share who give up waiting", "tỷ lệ người bỏ về khi đang chờ"},
      {"prob_wait", "share who wait", "tỷ lệ người phải chờ"},
      {"wait_mean", "mean wait (min)", "thời gian chờ trung bình (phút)"},
      {"wait_p90", "90th percentile wait (min)", "thời gian chờ phân vị 90 (phút)"}};
  for (const auto& w : words)
    if (w[0] == metric) return {lang == "vi" ? w[2] : w[1], metric.find("wait_") != 0};
  return {metric, false};
}

std::string targets(const Goal& goal, const std::string& lang) {
  std::string text;
  for (const auto& c : goal.constraints) {
    const auto [name, share] = metric_words(c.metric, lang);
    const auto shown = [&, share = share](double x) {
      return share ? number(100 * x, lang) + " %" : number(x, lang);
    };
    text += (text.empty() ? "" : (lang == "vi" ? " và " : " and ")) + name +
            (c.sense == Sense::at_least ? " ≥ " : " ≤ ") + shown(c.bound) + " (± " +
            shown(c.tolerance) + ")";
  }
  return text;
}

std::string sure(const Goal& goal, const std::string& lang) {
  return number(100 * (1 - goal.stats.alpha), lang) + " %";
}

std::vector<std::string> goal_metrics(const Goal& goal) {
  std::vector<std::string> out;
  for (const auto& c : goal.constraints)
    if (std::find(out.begin(), out.end(), c.metric) == out.end()) out.push_back(c.metric);
  if (!goal.cost_objective() && std::find(out.begin(), out.end(), goal.objective) == out.end())
    out.push_back(goal.objective);
  return out;
}

const FinalEntry* entry_of(const Result& r, std::size_t id) {
  for (const auto& e : r.final)
    if (e.id == id) return &e;
  return nullptr;
}

std::string status(const Result& r, std::size_t id) {
  if (r.recommended && *r.recommended == id) return "recommended";
  const auto* e = entry_of(r, id);
  if (!e) return "not in final stage";
  if (e->indifferent) return "indifferent";
  return decision_name(e->decision);
}

}  // namespace

std::string advice(const Goal& goal, const Evaluator& ev, const Result& r,
                   const std::string& lang) {
  const bool vi = lang == "vi";
  const auto today = today_layout(goal);
  const double today_cost = layout_cost(goal, today);
  if (!r.recommended) {
    return vi ? "Không có phương án nào trong giới hạn đã cho đạt mục tiêu " + targets(goal, lang) +
                    ": cần nới giới hạn, tăng ngân sách hoặc hạ mục tiêu (độ tin cậy " +
                    sure(goal, lang) + ")."
              : "No layout within the bounds meets " + targets(goal, lang) +
                    ": widen the bounds, raise the budget or lower the targets (" +
                    sure(goal, lang) + " sure).";
  }
  const auto& best = ev.candidate(*r.recommended);
  const auto what = changes(goal, today, best.layout, lang);
  const double extra = best.cost - today_cost;
  std::string cost = number(best.cost, lang) + " " + (vi ? goal.cost_unit_vi : goal.cost_unit);
  const std::string diff = (extra >= 0 ? "+" : "") + number(extra, lang);
  std::string meets = targets(goal, lang);
  if (!goal.cost_objective())
    meets += (meets.empty() ? "" : ", ") +
             (vi ? std::string("tốt nhất về ") : std::string("the best ")) +
             metric_words(goal.objective, lang).first + (vi ? " (sai khác dưới " : " (to within ") +
             number(goal.stats.delta, lang) + ")";
  if (vi) {
    return (what.empty() ? std::string("Giữ nguyên bố trí hiện nay")
                         : "So với hiện nay, thay đổi: " + what) +
           "; chi phí " + cost + " (" + diff + " so với hiện nay); độ tin cậy " + sure(goal, lang) +
           " rằng phương án này đạt " + meets +
           (goal.cost_objective() ? " và không phương án rẻ hơn nào đã thử đạt được." : ".") +
           (r.guarantee_holds ? "" : " (Chưa đủ lần chạy để bảo đảm độ tin cậy này.)");
  }
  return (what.empty() ? std::string("Keep today's layout")
                       : "Change from today's layout: " + what) +
         "; cost " + cost + " (" + diff + " on today); " + sure(goal, lang) + " sure it meets " +
         meets + (goal.cost_objective() ? " and that no cheaper layout tried does." : ".") +
         (r.guarantee_holds ? "" : " (Too few replications to guarantee this.)");
}

void write_result(io::ResultFile& file, const Goal& goal, const Evaluator& ev, const Result& r,
                  const std::string& scenario_file) {
  const auto& base = ev.base();
  std::string overlays;
  for (const auto& o : ev.base_spec().overlays) overlays += o + "\n";
  file.write_metadata(io::RunMetadata{program_version, base.name, base.source_path,
                                      base.source_text, ev.options().seed, goal.stats.search,
                                      overlays, base.resolved_text});
  file.set_root_attribute("experiment", "optimize");
  file.set_root_attribute("goal_path", goal.path);
  file.set_root_attribute("goal_text", goal.text);
  file.set_root_attribute("replications_run", ev.replications_run());
  // Variables.
  std::vector<std::string> vname, kind, what, vmin, vmax, vcost, vtoday;
  for (const auto& v : goal.variables) {
    vname.push_back(v.name);
    kind.push_back(v.kind == VariableKind::key        ? "key"
                   : v.kind == VariableKind::counters ? "counters"
                                                      : "choice");
    std::string w = v.key;
    for (const auto& d : v.domains) w += (w.empty() ? "" : ",") + d;
    for (const auto& o : v.options)
      w += (w.empty() ? "" : ",") + o.name + ":" + number(o.cost, "en");
    what.push_back(w);
    vmin.push_back(value_text(v, v.min));
    vmax.push_back(value_text(v, v.max));
    vcost.push_back(number(v.cost, "en"));
    vtoday.push_back(value_text(v, v.today));
  }
  file.write_labels("variables",
                    "the goal's decision variables: kind, key or domains or options (name:cost), "
                    "bounds, cost per unit, today's value",
                    {{"name", vname},
                     {"kind", kind},
                     {"what", what},
                     {"min", vmin},
                     {"max", vmax},
                     {"cost", vcost},
                     {"today", vtoday}});
  // Candidates: every layout simulated.
  stats::TableDef def{
      "candidates",
      "one row per layout simulated, ranked in the final stage (rank 1 = "
      "recommended, 0 = no rank); <metric> columns are means over the final "
      "stage's feasibility replications when the layout reached it, else over "
      "the search's, with a 95 % Student-t interval",
      {{"cost", goal.cost_unit, "cost of the layout"},
       {"rank", "1", "final rank (0: infeasible or not in the final stage)"},
       {"search_replications", "replications", "replications in the search"},
       {"final_replications", "replications", "replications in the final feasibility checks"},
       {"selection_replications", "replications",
        "replications in the final selection (metric objective)"},
       {"shortfall", "tolerances",
        "search means' total violation of the constraints, in tolerances"}}};
  const auto metrics = goal_metrics(goal);
  for (const auto& m : metrics) {
    def.columns.push_back({m + "_mean", "(metric)", "mean of " + m});
    def.columns.push_back({m + "_low", "(metric)", "lower end of the 95 % interval"});
    def.columns.push_back({m + "_high", "(metric)", "upper end of the 95 % interval"});
  }
  stats::TableRows rows;
  std::vector<std::string> names, layouts, statuses, checks;
  std::vector<std::size_t> order(ev.candidates().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto rank_key = [&](std::size_t id) {
    const auto* e = entry_of(r, id);
    const std::size_t rank = e && e->rank ? e->rank : 1000000;
    return std::make_tuple(rank, e ? 0 : 1, shortfall(goal, ev, id, Block::search),
                           ev.candidate(id).cost, id);
  };
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return rank_key(a) < rank_key(b); });
  for (auto id : order) {
    const auto& c = ev.candidate(id);
    const auto* e = entry_of(r, id);
    const Block block = e ? Block::feasibility : Block::search;
    std::vector<double> row{c.cost,
                            static_cast<double>(e ? e->rank : 0),
                            static_cast<double>(c.rows[0].size()),
                            static_cast<double>(c.rows[1].size()),
                            static_cast<double>(c.rows[2].size()),
                            shortfall(goal, ev, id, Block::search)};
    for (const auto& m : metrics) {
      const auto v = ev.values(id, block, m);
      const auto ci = stats::confidence_interval(v);
      row.insert(row.end(), {ci.mean, ci.low(), ci.high()});
    }
    rows.push_back(row);
    names.push_back(c.name);
    layouts.push_back(layout_text(goal, c.layout));
    statuses.push_back(status(r, id));
    std::string text;
    for (std::size_t k = 0; e && k < e->checks.size(); ++k)
      text += (k ? "; " : "") + goal.constraints[k].metric + ": " + decision_name(e->checks[k]) +
              " (n=" + std::to_string(e->check_size[k]) + ")";
    checks.push_back(text);
  }
  file.write_table(
      def, rows, {{"name", names}, {"layout", layouts}, {"status", statuses}, {"checks", checks}});
  // Every summary metric of the final layouts.
  const auto& all = run::summary_metrics(base.form);
  stats::TableDef fm{"final_metrics",
                     "one row per final layout and summary metric: mean over the final stage's "
                     "feasibility replications with a 95 % Student-t interval",
                     {{"mean", "(metric)", "mean over replications"},
                      {"low", "(metric)", "lower end of the 95 % interval"},
                      {"high", "(metric)", "upper end of the 95 % interval"},
                      {"n", "replications", "replications where the metric is defined"}}};
  stats::TableRows frows;
  std::vector<std::string> fname, fmetric;
  for (const auto& e : r.final) {
    for (const auto& m : all) {
      const auto ci = stats::confidence_interval(ev.values(e.id, Block::feasibility, m.name));
      frows.push_back({ci.mean, ci.low(), ci.high(), static_cast<double>(ci.n)});
      fname.push_back(ev.candidate(e.id).name);
      fmetric.push_back(m.name);
    }
  }
  file.write_table(fm, frows, {{"name", fname}, {"metric", fmetric}});
  // The recommendation.
  const auto today = today_layout(goal);
  const bool found = r.recommended.has_value();
  file.write_labels(
      "recommendation",
      "one row: outcome (recommended or infeasible), the layout, its cost and the change in cost "
      "from today's layout, the advice in Vietnamese and English, the guarantee (English, "
      "Vietnamese), the scenario "
      "file written",
      {{"outcome", {found ? "recommended" : "infeasible"}},
       {"name", {found ? ev.candidate(*r.recommended).name : ""}},
       {"layout", {found ? layout_text(goal, ev.candidate(*r.recommended).layout) : ""}},
       {"today", {layout_text(goal, today)}},
       {"cost", {found ? number(ev.candidate(*r.recommended).cost, "en") : ""}},
       {"cost_change",
        {found ? number(ev.candidate(*r.recommended).cost - layout_cost(goal, today), "en") : ""}},
       {"cost_unit", {goal.cost_unit}},
       {"indifference", {r.indifference ? "yes" : "no"}},
       {"advice_vi", {advice(goal, ev, r, "vi")}},
       {"advice_en", {advice(goal, ev, r, "en")}},
       {"guarantee", {r.guarantee}},
       {"guarantee_vi", {r.guarantee_vi}},
       {"scenario_file", {found ? scenario_file : ""}}});
}

}  // namespace sim::optimize
