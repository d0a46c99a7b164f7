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

/// The channel keys: where the procedure may be filed, how an online filing's result reaches
/// the citizen, the fee paid per dossier, and whether it is the visit to collect a result.
/// Read after read_dossier (they check online_weight and dossier).
void read_channels(TableReader& t, model::ProcedureParams& p) {
  using model::Channels;
  using model::Delivery;
  p.channels = p.online_weight > 0 ? Channels::online_fully : Channels::in_person;
  if (auto v = t.string("channels", false)) {
    static const std::map<std::string, Channels> names{{"in_person", Channels::in_person},
                                                       {"online_partly", Channels::online_partly},
                                                       {"online_fully", Channels::online_fully}};
    const auto it = names.find(*v);
    t.check(it != names.end(), "channels",
            "must be \"in_person\", \"online_partly\" or \"online_fully\", got \"" + *v + "\"");
    if (it != names.end()) p.channels = it->second;
    // Online demand is drawn by online_weight: a channel without weight would lose its walk-ins.
    t.check(p.channels == Channels::in_person || p.online_weight > 0, "channels",
            "allows online filing but online_weight is 0 (give the procedure a weight)");
    t.check(p.channels != Channels::in_person || p.online_weight == 0, "channels",
            "is \"in_person\" but online_weight is " + std::to_string(p.online_weight) +
                " (an in-person procedure is never filed online)");
  }
  if (auto v = t.string("delivery", false)) {
    static const std::map<std::string, Delivery> names{{"counter", Delivery::counter},
                                                       {"post", Delivery::post},
                                                       {"electronic", Delivery::electronic}};
    const auto it = names.find(*v);
    t.check(it != names.end(), "delivery",
            "must be \"counter\", \"post\" or \"electronic\", got \"" + *v + "\"");
    if (it != names.end()) p.delivery = it->second;
  } else if (p.channels == Channels::online_partly) {
    p.delivery = Delivery::counter;  // the citizen comes in once: to collect the result
  }
  t.check(p.channels != Channels::online_partly || p.delivery == Delivery::counter, "delivery",
          "must be \"counter\" when channels = \"online_partly\" (the citizen comes to the "
          "counter once, for the result)");
  if (auto v = t.number("fee_vnd", false)) {
    t.check(std::isfinite(*v) && *v >= 0 && *v <= 1e9, "fee_vnd",
            "must be between 0 and 1,000,000,000 VND, got " + std::to_string(*v));
    t.check(p.dossier || *v == 0, "fee_vnd", "must be 0 when dossier = false (no dossier, no fee)");
    if (std::isfinite(*v) && *v >= 0 && *v <= 1e9) p.fee_vnd = *v;
  }
  p.result_pickup = t.boolean("result_pickup", false).value_or(false);
  t.check(!p.result_pickup || !p.dossier, "result_pickup",
          "must be false when dossier = true (collecting a result files no dossier)");
}

/// Across procedures: one pick-up procedure at most, and one when results are collected.
void check_channels(const std::vector<model::ProcedureParams>& procedures, ProblemList& list,
                    std::uint32_t line) {
  const auto pickups = std::count_if(procedures.begin(), procedures.end(),
                                     [](const auto& p) { return p.result_pickup; });
  if (pickups > 1) {
    list.add(line, "procedures.result_pickup",
             "is true for " + std::to_string(pickups) + " procedures; at most one may be");
  }
  for (const auto& p : procedures) {
    if (pickups == 0 && model::collected_at_counter(p)) {
      list.add(line, "procedures.result_pickup",
               "no procedure has result_pickup = true, but online filings of '" + p.id +
                   "' are collected at the counter (channels or delivery)");
      return;
    }
  }
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
  read_channels(t, p);
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
  check_channels(procedures, list, root->source().begin.line);
  if (!procedures.empty() && std::abs(total - 1.0) > 1e-6) {
    list.add(root->source().begin.line, "procedures.share",
             "shares of all procedures must sum to 1, they sum to " + std::to_string(total));
  }
  problems.insert(problems.end(), list.items.begin(), list.items.end());
  return true;
}

CalendarFacts read_holidays(const std::string& path, std::vector<Problem>& problems) {
  CalendarFacts out;
  const auto root = parse_toml_file(path, problems);
  if (!root) return out;
  ProblemList list{path, {}};
  TableReader top(*root, "", list);
  for (const auto& d : top.dates("dates", true).value_or(std::vector<toml::date>{})) {
    out.holidays.push_back(calendar_date(d));
  }
  static const std::map<std::string, unsigned> weekdays{
      {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4}};
  for (auto& t : top.tables("working_days", false).value_or(std::vector<TableReader>{})) {
    const auto d = t.date("date", true);
    const auto follows = t.string("follows", true);
    const auto it = follows ? weekdays.find(*follows) : weekdays.end();
    t.check(!follows || it != weekdays.end(), "follows",
            "must be a weekday from \"monday\" to \"friday\" (the day the make-up day pays "
            "back), got \"" +
                follows.value_or("") + "\"");
    if (d) {
      const model::Date date = calendar_date(*d);
      t.check(std::find(out.holidays.begin(), out.holidays.end(), date) == out.holidays.end(),
              "date", "is also listed in dates (a closed day cannot be a make-up working day)");
      if (it != weekdays.end()) out.working_days.emplace_back(date, it->second);
    }
    t.finish();
  }
  top.finish();
  problems.insert(problems.end(), list.items.begin(), list.items.end());
  return out;
}

}  // namespace sim::scenario
