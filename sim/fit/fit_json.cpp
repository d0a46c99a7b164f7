// The fit as JSON for the fit report (analysis/fit_report.py): estimates and ready-to-plot curves.
#include "sim/fit/fit_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sim/fit/scenario_writer.hpp"

namespace sim::fit {

namespace {

using nlohmann::json;

json estimate(const Estimate& e) {
  return {{"value", e.value}, {"se", e.se}, {"low", e.low}, {"high", e.high}};
}

json domain_json(const WardFit& fit, const DomainFit& d) {
  json j = {{"id", fit.domain_ids[d.domain]},
            {"name", fit.domain_names[d.domain]},
            {"tickets", d.tickets},
            {"share", estimate(d.share)},
            {"sample", d.sample}};
  if (!d.service) return j;
  const auto& s = *d.service;
  std::vector<double> sorted;
  for (double x : d.sample)
    if (x > 0.0) sorted.push_back(x);
  std::sort(sorted.begin(), sorted.end());
  const double top = sorted.back();
  std::vector<double> grid;
  for (int i = 1; i <= 200; ++i) grid.push_back(top * i / 200.0);
  json fits = json::array();
  for (const auto& f : s.fits) {
    json params = json::array();
    for (const auto& p : f.params) params.push_back(estimate(p));
    std::vector<double> density;
    for (double x : grid) density.push_back(f.pdf(x));
    fits.push_back({{"family", family_name(f.family)},
                    {"params", params},
                    {"log_likelihood", f.log_likelihood},
                    {"aic", f.aic},
                    {"ks", f.ks},
                    {"ks_p", f.ks_p},
                    {"mean", f.mean()},
                    {"density", density}});
  }
  // Q-Q of the chosen family at the plotting positions (i - 0.5) / n, at most 400 points.
  const auto& best = s.fits[s.best];
  std::vector<double> qq_sample, qq_model;
  const std::size_t n = sorted.size(), step = std::max<std::size_t>(1, n / 400);
  for (std::size_t i = 0; i < n; i += step) {
    qq_sample.push_back(sorted[i]);
    qq_model.push_back(best.quantile((static_cast<double>(i) + 0.5) / static_cast<double>(n)));
  }
  j["n"] = s.n;
  j["zeros"] = s.zeros;
  j["mean"] = estimate(s.mean);
  j["best"] = family_name(best.family);
  j["fits"] = fits;
  j["grid"] = grid;
  j["qq"] = {{"sample", qq_sample}, {"model", qq_model}};
  return j;
}

}  // namespace

std::string fit_json(const WardFit& fit, const std::string& scenario_path) {
  json hours = json::array();
  for (int h = 0; h < 24; ++h) {
    const auto& hf = fit.hours[h];
    hours.push_back({{"hour", h},
                     {"tickets", hf.tickets},
                     {"open_hours", hf.open_minutes / 60.0},
                     {"per_open_hour", estimate(hf.per_open_hour)}});
  }
  json weekdays = json::array();
  for (const auto& w : fit.weekdays) {
    weekdays.push_back({{"open_days", w.open_days},
                        {"closed_days", w.closed_days},
                        {"tickets", w.tickets},
                        {"per_day", estimate(w.per_day)},
                        {"factor", estimate(w.factor)}});
  }
  json domains = json::array();
  for (const auto& d : fit.domains) domains.push_back(domain_json(fit, d));
  json counters = json::array();
  for (const auto& c : fit.counters) {
    json calls = json::object();
    for (const auto& [d, n] : c.calls) calls[fit.domain_ids[d]] = n;
    counters.push_back({{"id", c.id}, {"calls", calls}, {"days_seen", c.days_seen}});
  }
  json officers = json::array();
  for (const auto& o : fit.officers)
    officers.push_back({{"name", o.name},
                        {"counter", fit.counters[o.counter].id},
                        {"calls", o.calls},
                        {"days_seen", o.days_seen}});
  json sessions = json::array();
  for (const auto& day : fit.sessions) sessions.push_back(day);
  const auto& p = fit.patience;
  json patience = {{"reneged", p.reneged},
                   {"censored", p.censored},
                   {"unknown", p.unknown},
                   {"time_at_risk", p.time_at_risk}};
  if (p.mean) patience["mean"] = estimate(*p.mean);
  json j = {{"log", fit.log_path},
            {"scenario", scenario_path},
            {"rows", fit.rows},
            {"kept", fit.kept},
            {"dropped", fit.dropped},
            {"first_day", vn_date(fit.first_day)},
            {"last_day", vn_date(fit.last_day)},
            {"open_days", fit.open_days},
            {"replications", fit.replications},
            {"sessions", sessions},
            {"daily_visits", estimate(fit.daily_visits)},
            {"weekdays", weekdays},
            {"hours", hours},
            {"domains", domains},
            {"patience", patience},
            {"counters", counters},
            {"officers", officers},
            {"served", fit.served},
            {"reneged", fit.reneged},
            {"unserved", fit.unserved},
            {"wait_mean", estimate(fit.wait_mean)}};
  if (fit.priority_share) j["priority_share"] = estimate(*fit.priority_share);
  return j.dump(1);
}

}  // namespace sim::fit
