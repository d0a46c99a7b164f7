// What the page draws from a finished comparison: paired differences, the queue through the
// day, waits and unserved by domain, staff utilisation — all found by column name.
#include "sim/serve/result_view.hpp"

#include <cmath>
#include <map>
#include <optional>

#include "sim/run/replication.hpp"
#include "sim/stats/variant_comparison.hpp"

namespace sim::serve {
namespace {

/// One detail table of every replication of a variant, with columns looked up by name.
class TableView {
 public:
  TableView(const run::VariantRun& v, const std::string& name) {
    const auto& defs = run::center_table_defs();
    for (std::size_t t = 0; t < defs.size(); ++t) {
      if (defs[t].name != name) continue;
      def_ = &defs[t];
      for (const auto& r : v.results)
        if (t < r.tables.size()) rows_.insert(rows_.end(), r.tables[t].begin(), r.tables[t].end());
    }
  }
  const stats::TableRows& rows() const { return rows_; }
  /// Column index, or nullopt when the table or the column does not exist (older outputs).
  std::optional<std::size_t> col(const std::string& name) const {
    if (def_ == nullptr) return std::nullopt;
    for (std::size_t c = 0; c < def_->columns.size(); ++c)
      if (def_->columns[c].name == name) return c;
    return std::nullopt;
  }
  double at(const std::vector<double>& row, const std::string& name) const {
    const auto c = col(name);
    return c ? row[*c] : 0.0;
  }

 private:
  const stats::TableDef* def_ = nullptr;
  stats::TableRows rows_;
};

double finite_or_zero(double v) { return std::isfinite(v) ? v : 0.0; }

/// Tickets waiting through the day: the 15-minute bins averaged over the open days (days when
/// anyone was inside) of every replication.
Json queue_through_day(const run::VariantRun& v) {
  TableView t(v, "timeseries");
  std::map<std::pair<double, double>, double> day_total;  // (replication, day) -> presence
  for (const auto& row : t.rows())
    day_total[{t.at(row, "replication"), t.at(row, "day")}] += t.at(row, "citizens_present");
  std::map<double, std::pair<double, double>> bins;  // bin start -> (sum, count)
  for (const auto& row : t.rows()) {
    if (day_total[{t.at(row, "replication"), t.at(row, "day")}] <= 0) continue;
    auto& b = bins[t.at(row, "bin_start")];
    b.first += finite_or_zero(t.at(row, "tickets_waiting"));
    b.second += 1;
  }
  Json out = Json::object({{"bin_start", Json::array()}, {"tickets_waiting", Json::array()}});
  for (const auto& [start, b] : bins) {
    out["bin_start"].push_back(start);
    out["tickets_waiting"].push_back(b.first / b.second);
  }
  return out;
}

/// Per domain over the whole run: arrivals, mean wait of those served, and the share who left
/// unserved (reneged, balked, turned away — the columns that exist) among all who came.
Json by_domain(const run::VariantRun& v) {
  TableView t(v, "days_by_domain");
  const auto& domains = v.scenario.center.domains;
  std::vector<double> came(domains.size()), served(domains.size()), wait(domains.size()),
      unserved(domains.size());
  for (const auto& row : t.rows()) {
    const auto d = static_cast<std::size_t>(t.at(row, "domain"));
    if (d >= domains.size()) continue;
    const double s = t.at(row, "served");
    came[d] += t.at(row, "arrived") + t.at(row, "returned");
    served[d] += s;
    if (s > 0) wait[d] += finite_or_zero(t.at(row, "wait_mean")) * s;
    for (const char* c : {"reneged", "balked", "turned_away"}) unserved[d] += t.at(row, c);
  }
  Json out = Json::array();
  for (std::size_t d = 0; d < domains.size(); ++d) {
    const double reps = static_cast<double>(std::max<std::size_t>(v.results.size(), 1));
    out.push_back({{"id", domains[d].id},
                   {"name", domains[d].name},
                   {"came_per_replication", came[d] / reps},
                   {"wait_mean", served[d] > 0 ? wait[d] / served[d] : NAN},
                   {"unserved_share", came[d] > 0 ? unserved[d] / came[d] : NAN}});
  }
  return out;
}

/// Staff utilisation (busy / present) and overtime, averaged over replications.
Json staff_use(const run::VariantRun& v) {
  TableView t(v, "staff");
  const auto& staff = v.scenario.center.staff;
  std::vector<double> present(staff.size()), busy(staff.size()), overtime(staff.size());
  for (const auto& row : t.rows()) {
    const auto s = static_cast<std::size_t>(t.at(row, "staff"));
    if (s >= staff.size()) continue;
    present[s] += t.at(row, "present");
    busy[s] += t.at(row, "busy");
    overtime[s] += t.at(row, "overtime");
  }
  const double reps = static_cast<double>(std::max<std::size_t>(v.results.size(), 1));
  Json out = Json::array();
  for (std::size_t s = 0; s < staff.size(); ++s)
    out.push_back({{"name", staff[s].name},
                   {"utilization", present[s] > 0 ? busy[s] / present[s] : 0.0},
                   {"present_min", present[s] / reps},
                   {"overtime_min", overtime[s] / reps}});
  return out;
}

}  // namespace

Json metric_definitions() {
  Json out = Json::array();
  for (const auto& m : run::summary_metrics(scenario::ScenarioForm::center))
    out.push_back({{"name", m.name},
                   {"unit", m.unit},
                   {"description", m.description},
                   {"better", stats::better_name(stats::better_direction(m.name))}});
  return out;
}

Json result_json(const run::Experiment& e) {
  const auto& metrics = run::summary_metrics(e.variants.front().scenario.form);
  Json comparison = Json::array();
  for (const auto& c : run::compare_with_base(e, 1)) {
    Json row = {{"metric", c.metric},       {"better", stats::better_name(c.better)},
                {"base_mean", c.base_mean}, {"variant_mean", c.variant_mean},
                {"diff", c.paired.mean},    {"low", c.paired.low()},
                {"high", c.paired.high()},  {"n", c.paired.n}};
    // Shares of replication pairs: NaN (no direction, no pairs) becomes null, not a number.
    const auto share = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
    row["better_share"] = share(c.better_share);
    row["equal_share"] = share(c.equal_share);
    row["worse_share"] = share(c.worse_share);
    for (const auto& m : metrics)
      if (m.name == c.metric) row["unit"] = m.unit, row["description"] = m.description;
    comparison.push_back(row);
  }
  Json variants = Json::array();
  for (const auto& v : e.variants)
    variants.push_back({{"name", v.spec.name},
                        {"scenario", v.scenario.name},
                        {"queue", queue_through_day(v)},
                        {"domains", by_domain(v)},
                        {"staff", staff_use(v)}});
  const auto& base = e.variants.front().scenario;
  return Json{{"replications", e.variants.front().results.size()},
              {"days", base.run.horizon_min / 1440.0},
              {"comparison", comparison},
              {"variants", variants}};
}

}  // namespace sim::serve
