// Writes a finished run (metadata, summaries, detail tables, layout labels) to a ResultFile.
#include "sim/run/result_writer.hpp"

#include <cstdio>

#include "sim/model/work_calendar.hpp"
#include "sim/run/replication.hpp"
#include "sim/version.hpp"

namespace sim::run {
namespace {

using Labels = std::vector<std::pair<std::string, std::vector<std::string>>>;

std::string iso_date(const model::Date& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

void write_layout(io::ResultFile& file, const model::CenterParams& c) {
  Labels domains{{"id", {}}, {"name", {}}};
  for (const auto& d : c.domains) {
    domains[0].second.push_back(d.id);
    domains[1].second.push_back(d.name);
  }
  file.write_labels("domains", "domain index -> id and name (row i is domain i)", domains);
  Labels counters{{"id", {}}, {"domains", {}}, {"overflow", {}}, {"cover", {}}};
  const auto names = [&](const std::vector<std::uint32_t>& list) {
    std::string text;
    for (auto d : list) text += (text.empty() ? "" : " ") + c.domains[d].id;
    return text;
  };
  for (const auto& k : c.counters) {
    counters[0].second.push_back(k.id);
    counters[1].second.push_back(names(k.domains));
    counters[2].second.push_back(names(k.overflow));
    counters[3].second.push_back(names(k.cover));
  }
  file.write_labels("layout_counters",
                    "counter index -> id, own domains, overflow domains, cover domains", counters);
  Labels staff{{"name", {}}, {"counter", {}}};
  for (const auto& s : c.staff) {
    staff[0].second.push_back(s.name);
    staff[1].second.push_back(c.counters[s.counter].id);
  }
  file.write_labels("layout_staff", "staff index -> name and counter", staff);
  Labels systems{{"id", {}}, {"name", {}}, {"depends_on", {}}};
  for (const auto& sys : c.systems) {
    std::string needs;
    for (auto d : sys.depends_on) needs += (needs.empty() ? "" : " ") + c.systems[d].id;
    systems[0].second.push_back(sys.id);
    systems[1].second.push_back(sys.name);
    systems[2].second.push_back(needs);
  }
  file.write_labels("layout_systems", "system index -> id, name, ids of the systems it needs",
                    systems);
  Labels procedures{{"id", {}}, {"domain", {}}};
  for (const auto& p : c.procedures) {
    procedures[0].second.push_back(p.id);
    procedures[1].second.push_back(c.domains[p.domain].id);
  }
  file.write_labels("procedures", "procedure index -> id and domain id", procedures);
}

void write_calendar(io::ResultFile& file, const model::CalendarSpec& spec) {
  const model::WorkCalendar cal(spec);
  const stats::TableDef def{"calendar",
                            "one row per day of the run",
                            {{"day", "1", "day of the run, from 0"},
                             {"weekday", "1", "0 = Monday ... 6 = Sunday"},
                             {"working", "1", "1 if the center opens that day"},
                             {"holiday", "1", "1 if a listed public holiday"},
                             {"surge", "1", "1 if the first working day after a holiday"}}};
  stats::TableRows rows;
  std::vector<std::string> dates;
  for (std::uint32_t d = 0; d < cal.days(); ++d) {
    const auto& p = cal.day(d);
    rows.push_back({static_cast<double>(d), static_cast<double>(p.weekday), p.working ? 1.0 : 0.0,
                    p.holiday ? 1.0 : 0.0, p.surge ? 1.0 : 0.0});
    dates.push_back(iso_date(p.date));
  }
  file.write_table(def, rows, {{"date", dates}});
}

}  // namespace

void write_results(io::ResultFile& file, const scenario::Scenario& s, const RunOptions& options,
                   const std::vector<stats::ReplicationResult>& results) {
  std::string overlays;
  for (const auto& o : s.overlays) overlays += (overlays.empty() ? "" : "\n") + o.path;
  file.write_metadata(io::RunMetadata{program_version, s.name, s.source_path, s.source_text,
                                      options.seed, options.replications, overlays,
                                      s.resolved_text});
  write_tables(file, s, results);
}

void write_tables(io::ResultFile& file, const scenario::Scenario& s,
                  const std::vector<stats::ReplicationResult>& results) {
  std::vector<stats::ReplicationRow> summaries;
  for (const auto& r : results) summaries.push_back(r.summary);
  const auto& metrics = summary_metrics(s.form);
  file.write_replications("replications", metrics, summaries);
  file.write_summary("summary", metrics, summaries);
  if (s.form != scenario::ScenarioForm::center) return;
  const auto& defs = center_table_defs();
  for (std::size_t t = 0; t < defs.size(); ++t) {
    // Rows of every replication in order, each either in memory or read back from a spill.
    const auto stored = [&](const stats::ReplicationResult& r) {
      return t < r.stored.size() ? r.stored[t].get() : nullptr;
    };
    std::uint64_t rows = 0;
    for (const auto& r : results) rows += stored(r) ? stored(r)->size() : r.tables.at(t).size();
    auto table = file.begin_table(defs[t], rows);
    for (const auto& r : results) {
      if (const auto* s = stored(r)) {
        s->read([&](const double* block, std::size_t n) { table.write(block, n); });
      } else {
        io::write_rows(table, defs[t], r.tables.at(t));
      }
    }
    table.finish();
  }
  write_layout(file, s.center);
  write_calendar(file, *s.center.calendar);
}

}  // namespace sim::run
