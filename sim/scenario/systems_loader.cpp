// Reads a systems file (software, failure processes, episodes) and resolves system ids.
#include "sim/scenario/systems_loader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {
namespace {

using engine::Distribution;
using model::SystemEpisode;
using model::SystemParams;
using model::SystemState;

/// A distribution under `key`, if present and valid. A process time must have a positive mean:
/// with a zero mean a failure or degradation cycle would repeat without the clock moving.
std::optional<Distribution> process_time(TableReader& t, const std::string& key) {
  auto sub = t.table(key, false);
  if (!sub) return std::nullopt;
  auto d = read_distribution(*sub);
  if (d) t.check(d->mean() > 0, key, "must have a positive mean, got " + d->describe());
  return d && d->mean() > 0 ? d : std::nullopt;
}

/// A number under `key` in [lo, hi]; nullopt when absent or out of range (after a problem).
std::optional<double> bounded(TableReader& t, const std::string& key, double lo, double hi,
                              const std::string& expected) {
  auto v = t.number(key, false);
  if (!v) return std::nullopt;
  const bool ok = std::isfinite(*v) && *v >= lo && *v <= hi;
  t.check(ok, key, expected + ", got " + std::to_string(*v));
  return ok ? v : std::nullopt;
}

double run_minute(const toml::date_time& at, model::Date start) {
  const auto days =
      (std::chrono::sys_days{calendar_date(at.date)} - std::chrono::sys_days{start}).count();
  return static_cast<double>(days) * 1440.0 + at.time.hour * 60.0 + at.time.minute +
         at.time.second / 60.0 + at.time.nanosecond / 60e9;
}

/// One [[systems.episodes]] table as written, with its reader kept for later messages.
struct WrittenEpisode {
  TableReader table;
  SystemEpisode episode;
  bool valid = false;
};

/// Reads, checks and places the episodes of system `s`. Episodes are checked as written
/// (so a shared systems file is valid for every run), then those entirely outside the run are
/// dropped and one that began before the run is cut to start at minute 0; its end is kept.
void read_episodes(TableReader& t, const RunFrame& frame, SystemParams& s) {
  std::vector<WrittenEpisode> written;
  for (auto& e : t.tables("episodes", false).value_or(std::vector<TableReader>{})) {
    SystemEpisode episode;
    const auto start = e.date_time("start", true);
    const auto end = e.date_time("end", true);
    if (start && end) {
      episode.start = run_minute(*start, frame.start);
      episode.end = run_minute(*end, frame.start);
      e.check(episode.end > episode.start, "end", "must be after the episode's start");
    }
    bool valid = start && end && episode.end > episode.start;
    const auto state = e.string("state", true);
    if (state) {
      e.check(*state == "down" || *state == "degraded", "state",
              "expected \"down\" or \"degraded\", got \"" + *state + "\"");
      episode.state = *state == "degraded" ? SystemState::degraded : SystemState::down;
    }
    valid = valid && state && (*state == "down" || *state == "degraded");
    episode.factor = s.degraded_factor;
    if (auto f =
            bounded(e, "factor", 1.0, 100.0, "must be a service-time multiplier from 1 to 100")) {
      episode.factor = *f;
    }
    e.check(!(e.has("factor") && state && *state == "down"), "factor",
            "applies only to degraded episodes (a down system serves nobody)");
    e.finish();
    written.push_back(WrittenEpisode{std::move(e), episode, valid});
  }
  std::vector<std::size_t> order(written.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return written[a].episode.start < written[b].episode.start;
  });
  // Overlapping episodes would leave the system's state ambiguous when the first one ends.
  const WrittenEpisode* previous = nullptr;
  std::size_t previous_index = 0;
  for (std::size_t i : order) {
    WrittenEpisode& w = written[i];
    if (!w.valid) continue;
    if (previous && w.episode.start < previous->episode.end) {
      w.table.check(false, "start",
                    "overlaps episode " + std::to_string(previous_index) +
                        " of the same system; split them into episodes that do not overlap");
    }
    if (!previous || w.episode.end > previous->episode.end) {
      previous = &w;
      previous_index = i;
    }
    if (w.episode.end <= 0.0 || w.episode.start >= frame.horizon_min) continue;
    w.episode.start = std::max(w.episode.start, 0.0);
    s.episodes.push_back(w.episode);
  }
}

void read_system(TableReader& t, const RunFrame& frame, SystemParams& s) {
  if (auto id = t.string("id", true)) {
    s.id = *id;
    t.check(!id->empty(), "id", "must not be empty");
  }
  s.name = t.string("name", false).value_or(s.id);
  s.time_to_failure = process_time(t, "time_to_failure");
  if (auto d = process_time(t, "repair_time")) s.repair_time = *d;
  s.time_to_degrade = process_time(t, "time_to_degrade");
  if (auto d = process_time(t, "degraded_time")) s.degraded_time = *d;
  const std::string multiplier = "must be a service-time multiplier from 1 to 100";
  if (auto v = bounded(t, "degraded_factor", 1.0, 100.0, multiplier)) s.degraded_factor = *v;
  if (auto v = t.string("on_down", false)) {
    if (*v == "wait") {
      s.on_down = model::OutagePolicy::wait;
    } else if (*v == "paper") {
      s.on_down = model::OutagePolicy::paper;
    } else if (*v == "send_home") {
      s.on_down = model::OutagePolicy::send_home;
    } else {
      t.check(false, "on_down",
              "expected \"wait\", \"paper\" or \"send_home\", got \"" + *v + "\"");
    }
  }
  if (auto v = bounded(t, "paper_factor", 1.0, 100.0, multiplier)) s.paper_factor = *v;
  if (auto sub = t.table("paper_entry", false)) {
    if (auto d = read_distribution(*sub)) s.paper_entry = *d;
  }
  const std::string share = "must be a share between 0 and 1";
  if (auto v = bounded(t, "sync_failure_share", 0.0, 1.0, share)) s.sync_failure_share = *v;
  if (auto sub = t.table("sync_delay", false)) {
    if (auto d = read_distribution(*sub)) s.sync_delay = *d;
  }
  if (auto v = bounded(t, "rework_share", 0.0, 1.0, share)) s.rework_share = *v;
  read_episodes(t, frame, s);
}

/// Resolves depends_on names to indices and reports unknown ids and self-dependencies.
void resolve_dependencies(std::vector<TableReader>& tables, std::vector<SystemParams>& systems,
                          const SystemIndex& index) {
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader& t = tables[i];
    for (const auto& name : t.strings("depends_on", false).value_or(std::vector<std::string>{})) {
      const auto it = index.ids.find(name);
      t.check(it != index.ids.end(), "depends_on",
              "unknown system '" + name + "' (not in [[systems]])");
      t.check(name != systems[i].id, "depends_on", "system '" + name + "' cannot depend on itself");
      if (it == index.ids.end() || it->second == i) continue;
      auto& deps = systems[i].depends_on;
      if (std::find(deps.begin(), deps.end(), it->second) == deps.end()) deps.push_back(it->second);
    }
  }
}

/// Reports every dependency cycle once, at the depends_on key of the system where the depth-first
/// search closed it, naming the systems around the cycle.
void report_cycles(std::vector<TableReader>& tables, const std::vector<SystemParams>& systems) {
  enum class Mark { fresh, open, done };
  std::vector<Mark> mark(systems.size(), Mark::fresh);
  std::vector<std::uint32_t> path;
  const auto visit = [&](const auto& self, std::uint32_t s) -> void {
    mark[s] = Mark::open;
    path.push_back(s);
    for (std::uint32_t next : systems[s].depends_on) {
      if (mark[next] == Mark::open) {
        std::string cycle;
        const auto from = std::find(path.begin(), path.end(), next);
        for (auto it = from; it != path.end(); ++it) cycle += systems[*it].id + " -> ";
        tables[s].check(false, "depends_on", "dependency cycle: " + cycle + systems[next].id);
      } else if (mark[next] == Mark::fresh) {
        self(self, next);
      }
    }
    path.pop_back();
    mark[s] = Mark::done;
  };
  for (std::uint32_t s = 0; s < systems.size(); ++s) {
    if (mark[s] == Mark::fresh) visit(visit, s);
  }
}

}  // namespace

std::optional<std::uint32_t> SystemIndex::find(TableReader& t, const std::string& key,
                                               const std::string& name,
                                               const std::string& who) const {
  if (path.empty()) {
    t.check(false, key,
            (who.empty() ? "names " : who) + "system '" + name +
                "' but the scenario models no systems (no [scenario] systems file)");
    return std::nullopt;
  }
  if (!readable) return std::nullopt;
  const auto it = ids.find(name);
  t.check(it != ids.end(), key, who + "unknown system '" + name + "' (not in " + path + ")");
  return it == ids.end() ? std::nullopt : std::optional(it->second);
}

std::vector<SystemParams> read_systems(const std::string& path, const RunFrame& frame,
                                       SystemIndex& index, std::vector<Problem>& problems,
                                       SourceMap* sources) {
  index.path = path;
  index.ids.clear();
  index.readable = false;
  std::vector<SystemParams> systems;
  const auto root = parse_toml_file(path, problems);
  if (!root) return systems;
  index.readable = true;
  ProblemList list{path, {}, sources};
  TableReader top(*root, "", list);
  auto tables = top.tables("systems", true).value_or(std::vector<TableReader>{});
  top.check(tables.size() <= max_systems, "systems",
            "at most " + std::to_string(max_systems) + " systems, found " +
                std::to_string(tables.size()));
  for (auto& t : tables) {
    SystemParams s;
    read_system(t, frame, s);
    t.check(!index.ids.count(s.id), "id", "duplicate system id '" + s.id + "'");
    index.ids.emplace(s.id, static_cast<std::uint32_t>(systems.size()));
    systems.push_back(std::move(s));
  }
  resolve_dependencies(tables, systems, index);
  report_cycles(tables, systems);
  for (auto& t : tables) t.finish();
  top.finish();
  problems.insert(problems.end(), list.items.begin(), list.items.end());
  return systems;
}

}  // namespace sim::scenario
