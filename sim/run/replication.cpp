// One replication as a pure function: (scenario, seed, index) -> summary row, sharing nothing.
#include "sim/run/replication.hpp"

#include <array>
#include <memory>
#include <optional>
#include <stdexcept>

#include "sim/scenario/model_builder.hpp"
#include "sim/stats/trace_collector.hpp"

namespace sim::run {

namespace {
/// The detail tables that grow with simulated days; the others have a row per counter, staff
/// member, system or procedure.
constexpr std::array<const char*, 5> growing_table_names{"days", "days_by_domain", "timeseries",
                                                         "staff_days", "backlog"};

/// The position of a table in center_table_defs().
std::size_t table_index(const std::string& name) {
  const auto& defs = center_table_defs();
  for (std::size_t t = 0; t < defs.size(); ++t)
    if (defs[t].name == name) return t;
  throw std::logic_error("no detail table " + name);
}

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}
}  // namespace

stats::ReplicationResult run_replication(const scenario::Scenario& scenario,
                                         std::uint64_t root_seed, std::uint64_t replication,
                                         bool detail, bool trace, io::SpillFile* spill) {
  scenario::ReplicationModel model(scenario, root_seed, replication, detail);
  std::optional<stats::TraceCollector> tracer;
  if (trace) model.center().add_observer(tracer.emplace(model.window()));
  const auto& defs = center_table_defs();
  std::vector<std::shared_ptr<io::SpilledRows>> spilled(defs.size());
  if (spill != nullptr && detail && model.days()) {
    // The tables that grow with simulated days; the others have a row per counter, staff
    // member, system or procedure and stay in memory.
    const auto spill_table = [&](const char* name) {
      const std::size_t t = table_index(name);
      spilled[t] = std::make_shared<io::SpilledRows>(*spill, defs[t].columns.size());
      return spilled[t].get();
    };
    model.days()->stream_to(spill_table("days"), spill_table("days_by_domain"),
                            spill_table("timeseries"), spill_table("staff_days"));
    model.back_office()->stream_backlog_to(spill_table("backlog"));
  }
  // Without detail the hourly backlog rows would be built and thrown away (24 a day per center).
  if (!detail && model.back_office()) model.back_office()->drop_backlog();
  model.center().start();
  model.simulation().run();
  stats::ReplicationResult result;
  result.summary = {replication, model.collector().row(model.simulation().events_processed())};
  if (model.systems()) {
    // The last day's end closes the integrals already; finishing at the run's end again is a
    // no-op then, and a safeguard if the model ever stops signalling day ends.
    const double run_end = scenario.run.warmup_min + scenario.run.horizon_min;
    model.systems()->finish(run_end);
    model.back_office()->finish(run_end);
    append(result.summary.values, model.systems()->row());
    append(result.summary.values, model.back_office()->row());
    append(result.summary.values, model.tickets()->row());
    append(result.summary.values, model.back_office()->reception_row());
    if (detail) {
      result.tables = model.days()->tables();
      append(result.tables, model.systems()->tables());
      append(result.tables, model.back_office()->tables());
      result.stored.resize(result.tables.size());
      for (std::size_t t = 0; t < spilled.size(); ++t) {
        if (!spilled[t]) continue;
        spilled[t]->flush();
        result.stored[t] = spilled[t];
      }
    }
  }
  if (tracer) result.trace = tracer->take_rows();
  return result;
}

void spill_growing_tables(stats::ReplicationResult& result, io::SpillFile& spill) {
  const auto& defs = center_table_defs();
  if (result.tables.size() != defs.size()) return;  // the station form has no detail tables
  result.stored.resize(defs.size());
  for (const char* name : growing_table_names) {
    const std::size_t t = table_index(name);
    if (result.stored[t]) continue;
    auto rows = std::make_shared<io::SpilledRows>(spill, defs[t].columns.size());
    for (const auto& row : result.tables[t]) rows->append(row);
    rows->flush();
    stats::TableRows().swap(result.tables[t]);  // frees the rows' memory
    result.stored[t] = std::move(rows);
  }
}

const std::vector<stats::MetricDef>& summary_metrics(scenario::ScenarioForm form) {
  static const std::vector<stats::MetricDef> center = [] {
    auto m = stats::SummaryCollector::metrics();
    append(m, stats::SystemCollector::metrics());
    append(m, stats::BackOfficeCollector::metrics());
    append(m, stats::TicketCollector::metrics());
    append(m, stats::BackOfficeCollector::reception_metrics());
    return m;
  }();
  return form == scenario::ScenarioForm::center ? center : stats::SummaryCollector::metrics();
}

const std::vector<stats::TableDef>& center_table_defs() {
  static const std::vector<stats::TableDef> defs = [] {
    auto d = stats::DayCollector::table_defs();
    append(d, stats::SystemCollector::table_defs());
    append(d, stats::BackOfficeCollector::table_defs());
    return d;
  }();
  return defs;
}

}  // namespace sim::run
