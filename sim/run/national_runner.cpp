// A national run: every (replication, center) unit on one thread pool, reduced in a fixed order.
#include "sim/run/national_runner.hpp"

#include "sim/model/work_calendar.hpp"
#include "sim/run/national_aggregate.hpp"
#include "sim/run/replication.hpp"
#include "sim/run/unit_runner.hpp"
#include "sim/stats/confidence.hpp"
#include "sim/version.hpp"

namespace sim::run {
namespace {

const std::vector<stats::MetricDef>& metrics() {
  return summary_metrics(scenario::ScenarioForm::center);
}

std::vector<stats::MetricDef> aggregate_columns(std::vector<stats::MetricDef> first) {
  for (const auto& d : aggregate_defs()) first.push_back(d.metric);
  return first;
}

}  // namespace

NationalResults run_national(const scenario::NationalScenario& n, const RunOptions& options) {
  NationalResults out;
  out.centers = n.centers.size();
  // Unit u is center u % centers of replication u / centers. The center's scenario is built
  // inside its unit, so no more than one per thread is alive at a time.
  out.rows = run_units<std::vector<double>>(
      out.centers * options.replications,
      {options.threads, options.progress, "centers",
       // A center's work grows with its visits; the constant is its days' fixed events.
       [&](std::size_t u) { return n.centers[u % out.centers].daily_visits + 10.0; }},
      [&](std::size_t u) {
        const auto s = scenario::center_scenario(n, u % out.centers);
        return run_replication(s, options.seed, u / out.centers, false).summary.values;
      });
  return out;
}

std::vector<std::vector<double>> province_rows(const scenario::NationalScenario& n,
                                               const NationalResults& results,
                                               std::size_t replication,
                                               std::vector<std::size_t>& provinces) {
  std::vector<std::vector<const std::vector<double>*>> members(n.dataset.provinces.size());
  for (std::size_t c = 0; c < n.centers.size(); ++c) {
    members[n.centers[c].province].push_back(&results.row(replication, c));
  }
  std::vector<std::vector<double>> rows;
  provinces.clear();
  for (std::size_t p = 0; p < members.size(); ++p) {
    if (members[p].empty()) continue;
    provinces.push_back(p);
    rows.push_back(aggregate(metrics(), members[p]));
  }
  return rows;
}

void write_national(io::ResultFile& file, const scenario::NationalScenario& n,
                    const RunOptions& options, const NationalResults& results) {
  file.write_metadata(io::RunMetadata{program_version, n.name, n.source_path, n.source_text,
                                      options.seed, options.replications, "", n.resolved_text});
  file.set_root_attribute("national", static_cast<std::uint64_t>(n.centers.size()));
  // The bases of per-day figures, so that a reader puts like beside like: calendar days of the
  // run, and statutory working days (Monday-Friday, not a holiday) of its calendar.
  if (!n.classes.empty() && n.classes.front().base.center.calendar) {
    const model::WorkCalendar calendar(*n.classes.front().base.center.calendar);
    std::uint64_t working = 0;
    for (std::uint32_t d = 0; d < calendar.days(); ++d)
      working += calendar.is_working_day(calendar.day(d).date) ? 1 : 0;
    file.set_root_attribute("calendar_days", static_cast<std::uint64_t>(calendar.days()));
    file.set_root_attribute("working_days", working);
  }
  std::vector<std::string> code, name, province, type, kind, klass;
  for (const auto& c : n.centers) {
    const auto& u = n.dataset.units[c.unit];
    code.push_back(u.code);
    name.push_back(u.name);
    province.push_back(u.province_code);
    type.push_back(scenario::to_string(u.type));
    kind.push_back(scenario::to_string(u.kind));
    klass.push_back(n.classes[c.klass].name);
  }
  file.write_labels("centers",
                    "center index -> GSO code, name, province code, unit type, kind, class",
                    {{"code", code},
                     {"name", name},
                     {"province", province},
                     {"type", type},
                     {"kind", kind},
                     {"class", klass}});
  // Per center: the national metrics of that one center (a compact subset of its summary).
  const auto center_cols = aggregate_columns(
      {{"replication", "1", "replication index"},
       {"center", "1", "center index (labels in /centers)"},
       {"population", "persons", "planning population of the unit"},
       {"daily_visits", "visits/working day",
        "expected visits on an ordinary working day, weekday factor 1 (in person and online); "
        "per working day, not per calendar day (root attribute working_days)"},
       {"back_office_workers", "persons", "dedicated back-office workers"},
       {"seconded_workers", "persons",
        "seconded back-office officers ([national] secondment_per_unit), from secondment_from"}});
  stats::TableRows center_rows;
  for (std::size_t r = 0; r < options.replications; ++r) {
    for (std::size_t c = 0; c < n.centers.size(); ++c) {
      const auto& nc = n.centers[c];
      std::vector<double> row{static_cast<double>(r),
                              static_cast<double>(c),
                              n.dataset.units[nc.unit].population,
                              nc.daily_visits,
                              static_cast<double>(nc.back_office_workers),
                              static_cast<double>(nc.seconded_workers)};
      const auto agg = aggregate(metrics(), {&results.row(r, c)});
      row.insert(row.end(), agg.begin(), agg.end());
      center_rows.push_back(std::move(row));
    }
  }
  file.write_table({"center_results", "one row per replication and center", center_cols},
                   center_rows);
  std::vector<std::string> pcode, pname;
  for (const auto& p : n.dataset.provinces) {
    pcode.push_back(p.code);
    pname.push_back(p.name);
  }
  file.write_labels("provinces", "province index -> code and name",
                    {{"code", pcode}, {"name", pname}});
  stats::TableRows prov, national;
  for (std::size_t r = 0; r < options.replications; ++r) {
    std::vector<std::size_t> index;
    const auto rows = province_rows(n, results, r, index);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::vector<double> row{static_cast<double>(r), static_cast<double>(index[i])};
      row.insert(row.end(), rows[i].begin(), rows[i].end());
      prov.push_back(std::move(row));
    }
    std::vector<const std::vector<double>*> all;
    for (std::size_t c = 0; c < n.centers.size(); ++c) all.push_back(&results.row(r, c));
    std::vector<double> row{static_cast<double>(r)};
    const auto agg = aggregate(metrics(), all);
    row.insert(row.end(), agg.begin(), agg.end());
    national.push_back(std::move(row));
  }
  file.write_table(
      {"province_results", "one row per replication and province (centers of the run only)",
       aggregate_columns({{"replication", "1", "replication index"},
                          {"province", "1", "province index (labels in /provinces)"}})},
      prov);
  file.write_table({"national_results", "one row per replication: all centers of the run",
                    aggregate_columns({{"replication", "1", "replication index"}})},
                   national);
  // Across replications: mean and 95 % interval of each national metric.
  std::vector<stats::ReplicationRow> reps;
  for (std::size_t r = 0; r < national.size(); ++r) {
    reps.push_back({r, std::vector<double>(national[r].begin() + 1, national[r].end())});
  }
  std::vector<stats::MetricDef> defs;
  for (const auto& d : aggregate_defs()) defs.push_back(d.metric);
  file.write_summary("national_summary", defs, reps);
}

}  // namespace sim::run
