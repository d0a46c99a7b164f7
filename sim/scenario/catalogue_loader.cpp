// Reads a procedure catalogue file (domains and procedures) into CenterParams.
#include "sim/scenario/catalogue_loader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/scenario/toml_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {
namespace {

/// The dossier keys: whether a visit files a dossier, its back-office work, its online weight.
void read_dossier(TableReader& t, model::ProcedureParams& p) {
  p.dossier = t.boolean("dossier", false).value_or(true);
  if (auto sub = t.table("back_office_min", false)) {
    if (auto d = read_distribution(*sub)) p.back_office = *d;
    // Without a dossier there is nothing to work on; a value here would be silently unused.
    t.check(p.dossier, "back_office_min",
            "applies only to procedures that file a dossier (dossier = true)");
  }
  if (auto v = t.number("online_weight", false)) {
    t.check(std::isfinite(*v) && *v >= 0, "online_weight",
            "must be a weight >= 0, got " + std::to_string(*v));
    t.check(p.dossier || *v == 0, "online_weight",
            "must be 0 when dossier = false (an online filing is a dossier)");
    if (std::isfinite(*v) && *v >= 0 && p.dossier) p.online_weight = *v;
  }
}

/// A share key of a route table: between 0 and 1.
void read_share(TableReader& t, const char* key, double& out) {
  if (auto v = t.number(key, false)) {
    t.check(*v >= 0 && *v <= 1, key, "must be a share between 0 and 1");
    if (*v >= 0 && *v <= 1) out = *v;
  }
}

/// [procedures.route]: the dossier's steps after intake (docs/scenario-format.md). Absent: the
/// default route (specialist work, then the result), as before routes existed.
void read_route(TableReader& t, model::ProcedureParams& p) {
  auto r = t.table("route", false);
  if (!r) return;
  t.check(p.dossier, "route", "applies only to procedures that file a dossier (dossier = true)");
  read_share(*r, "missing_papers_share", p.route.missing_papers_share);
  if (auto d = read_distribution(*r, "missing_papers_days", p.route.missing_papers_share > 0))
    p.route.missing_papers_days = *d;
  read_share(*r, "missing_papers_rework", p.route.missing_papers_rework);
  p.route.signature = r->boolean("signature", false).value_or(false);
  if (auto h = r->table("handoff", false)) {
    model::HandoffParams handoff;
    handoff.agency = h->string("agency", true).value_or("");
    read_share(*h, "share", handoff.share);
    read_share(*h, "deadline_share", handoff.deadline_share);
    if (auto d = read_distribution(*h, "working_days", true)) handoff.working_days = *d;
    h->check(handoff.deadline_share > 0, "deadline_share",
             "must be above 0: the agency's share of the statutory time");
    h->finish();
    p.route.handoff = std::move(handoff);
  }
  r->finish();
}

void read_procedure(TableReader& t, const std::map<std::string, std::uint32_t>& domain_index,
                    const SystemIndex* systems, model::ProcedureParams& p) {
  p.id = t.string("id", true).value_or("");
  t.string("name", false);
  t.string("source", false);
  if (auto d = t.string("domain", true)) {
    const auto it = domain_index.find(*d);
    t.check(it != domain_index.end(), "domain", "unknown domain '" + *d + "' (not in [[domains]])");
    if (it != domain_index.end()) p.domain = it->second;
  }
  if (auto v = t.number("share", true)) {
    t.check(*v >= 0 && *v <= 1, "share", "must be a share between 0 and 1");
    p.share = *v;
  }
  const auto distribution = [&](const char* key, bool required, engine::Distribution& out) {
    if (auto sub = t.table(key, required)) {
      if (auto d = read_distribution(*sub)) out = *d;
    }
  };
  distribution("service", true, p.service);
  distribution("form_min", false, p.form);
  distribution("fix_on_spot_min", false, p.fix_on_spot);
  for (auto [key, target] : {std::pair{"incomplete_share", &p.incomplete_share},
                             std::pair{"fix_on_spot_share", &p.fix_on_spot_share}}) {
    if (auto v = t.number(key, false)) {
      t.check(*v >= 0 && *v <= 1, key, "must be a share between 0 and 1");
      *target = *v;
    }
  }
  if (auto v = t.integer("deadline_working_days", true)) {
    t.check(*v >= 0 && *v <= 365, "deadline_working_days", "must be between 0 and 365");
    p.deadline_working_days = static_cast<int>(*v);
  }
  p.same_day_rule = t.boolean("same_day_rule", false).value_or(true);
  p.proxy_writing_allowed = t.boolean("proxy_writing_allowed", false).value_or(true);
  p.systems = t.strings("systems", false).value_or(std::vector<std::string>{});
  for (const auto& name : systems ? p.systems : std::vector<std::string>{}) {
    const auto id = systems->find(t, "systems", name, "procedure '" + p.id + "' needs ");
    if (id && std::find(p.system_ids.begin(), p.system_ids.end(), *id) == p.system_ids.end()) {
      p.system_ids.push_back(*id);
    }
  }
  read_dossier(t, p);
  read_route(t, p);
  t.finish();
}

}  // namespace

bool read_catalogue(const std::string& path, std::vector<model::DomainParams>& domains,
                    std::vector<model::ProcedureParams>& procedures, std::vector<Problem>& problems,
                    const SystemIndex* systems, SourceMap* sources) {
  const auto root = parse_toml_file(path, problems);
  if (!root) return false;
  ProblemList list{path, {}, sources};
  TableReader top(*root, "", list);
  std::map<std::string, std::uint32_t> domain_index;
  domains.clear();
  procedures.clear();
  for (auto& t : top.tables("domains", true).value_or(std::vector<TableReader>{})) {
    model::DomainParams d{t.string("id", true).value_or(""), t.string("name", false).value_or("")};
    t.check(!domain_index.count(d.id), "id", "duplicate domain id '" + d.id + "'");
    domain_index[d.id] = static_cast<std::uint32_t>(domains.size());
    domains.push_back(d);
    t.finish();
  }
  double total = 0.0;
  std::map<std::string, int> seen;
  for (auto& t : top.tables("procedures", true).value_or(std::vector<TableReader>{})) {
    model::ProcedureParams p;
    read_procedure(t, domain_index, systems, p);
    t.check(seen[p.id]++ == 0, "id", "duplicate procedure id '" + p.id + "'");
    total += p.share;
    procedures.push_back(std::move(p));
  }
  top.finish();
  if (!procedures.empty() && std::abs(total - 1.0) > 1e-6) {
    list.add(root->source().begin.line, "procedures.share",
             "shares of all procedures must sum to 1, they sum to " + std::to_string(total));
  }
  problems.insert(problems.end(), list.items.begin(), list.items.end());
  return true;
}

std::vector<model::Date> read_holidays(const std::string& path, std::vector<Problem>& problems) {
  std::vector<model::Date> out;
  const auto root = parse_toml_file(path, problems);
  if (!root) return out;
  ProblemList list{path, {}};
  TableReader top(*root, "", list);
  for (const auto& d : top.dates("dates", true).value_or(std::vector<toml::date>{})) {
    out.push_back(std::chrono::year{d.year} / std::chrono::month{d.month} /
                  std::chrono::day{d.day});
  }
  top.finish();
  problems.insert(problems.end(), list.items.begin(), list.items.end());
  return out;
}

}  // namespace sim::scenario
