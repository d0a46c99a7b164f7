// Reads the value forms every scenario file shares: distributions, sessions, weekdays, paths.
#include "sim/scenario/value_reader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sim/scenario/data_paths.hpp"

namespace sim::scenario {

using engine::Distribution;

std::optional<double> positive(TableReader& t, const std::string& key) {
  auto v = t.number(key, true);
  if (v)
    t.check(*v > 0 && std::isfinite(*v), key,
            "must be a positive number, got " + std::to_string(*v));
  return (v && *v > 0 && std::isfinite(*v)) ? v : std::nullopt;
}

std::optional<Distribution> read_distribution(TableReader& t) {
  const auto type = t.string("type", true);
  if (!type) {
    t.finish();
    return std::nullopt;
  }
  std::optional<Distribution> result;
  const auto build = [&](auto make) {
    try {
      result = make();
    } catch (const std::invalid_argument& e) {
      t.check(false, "type", e.what());
    }
  };
  if (*type == "exponential") {
    if (auto m = positive(t, "mean")) build([&] { return Distribution::exponential(*m); });
  } else if (*type == "deterministic") {
    if (auto v = t.number("value", true)) build([&] { return Distribution::deterministic(*v); });
  } else if (*type == "uniform") {
    auto a = t.number("min", true), b = t.number("max", true);
    if (a && b) build([&] { return Distribution::uniform(*a, *b); });
  } else if (*type == "triangular") {
    auto a = t.number("min", true), c = t.number("mode", true), b = t.number("max", true);
    if (a && b && c) build([&] { return Distribution::triangular(*a, *c, *b); });
  } else if (*type == "lognormal") {
    if (t.has("median") || t.has("cv")) {
      auto m = positive(t, "median"), cv = positive(t, "cv");
      if (m && cv) build([&] { return Distribution::lognormal_median_cv(*m, *cv); });
    } else {
      auto m = positive(t, "mean"), sd = positive(t, "sd");
      if (m && sd) build([&] { return Distribution::lognormal_mean_sd(*m, *sd); });
    }
  } else if (*type == "gamma") {
    auto k = positive(t, "shape"), theta = positive(t, "scale");
    if (k && theta) build([&] { return Distribution::gamma(*k, *theta); });
  } else if (*type == "erlang") {
    auto k = t.integer("k", true);
    auto m = positive(t, "mean");
    if (k) t.check(*k >= 1 && *k <= 1000, "k", "must be an integer between 1 and 1000");
    if (k && *k >= 1 && *k <= 1000 && m)
      build([&] { return Distribution::erlang(static_cast<int>(*k), *m); });
  } else if (*type == "empirical") {
    auto v = t.numbers("values", true), w = t.numbers("weights", true);
    if (v && w) build([&] { return Distribution::empirical(*v, *w); });
  } else {
    t.check(false, "type",
            "unknown distribution '" + *type +
                "' (expected exponential, deterministic, uniform, triangular, lognormal, gamma, "
                "erlang or empirical)");
  }
  t.finish();
  return result;
}

std::optional<Distribution> read_distribution(TableReader& t, const std::string& key,
                                              bool required) {
  auto table = t.table(key, required);
  return table ? read_distribution(*table) : std::nullopt;
}

std::vector<model::Session> read_sessions(TableReader& t, const std::string& key) {
  std::vector<model::Session> out;
  for (const auto& text : t.strings(key, false).value_or(std::vector<std::string>{})) {
    const auto dash = text.find('-');
    const auto open =
        dash == std::string::npos ? std::nullopt : model::parse_clock(text.substr(0, dash));
    const auto close =
        dash == std::string::npos ? std::nullopt : model::parse_clock(text.substr(dash + 1));
    t.check(open && close, key, "expected sessions like \"07:30-11:30\", got \"" + text + "\"");
    if (open && close) out.push_back(model::Session{*open, *close});
  }
  return out;
}

std::optional<int> read_clock(TableReader& t, const std::string& key, bool required) {
  const auto text = t.string(key, required);
  if (!text) return std::nullopt;
  const auto minutes = model::parse_clock(*text);
  t.check(minutes.has_value(), key, "expected a time of day \"HH:MM\", got \"" + *text + "\"");
  return minutes;
}

std::array<bool, 7> read_weekdays(TableReader& t, const std::string& key, bool required) {
  std::array<bool, 7> out{};
  for (const auto& d : t.strings(key, required).value_or(std::vector<std::string>{})) {
    const auto it = std::find(weekday_names.begin(), weekday_names.end(), d);
    t.check(it != weekday_names.end(), key, "unknown weekday '" + d + "' (use mon ... sun)");
    if (it != weekday_names.end()) out[it - weekday_names.begin()] = true;
  }
  return out;
}

std::string resolve_path(const std::string& scenario_path, const std::string& relative) {
  const std::filesystem::path p(relative);
  if (p.is_absolute()) return relative;
  const auto beside = (std::filesystem::path(scenario_path).parent_path() / p).lexically_normal();
  std::error_code error;
  if (std::filesystem::exists(beside, error)) return beside.string();
  // A template copied to another folder: "../catalogue/commune.toml" is the installed one.
  // When it is nowhere, the path next to the file is the one the error names.
  return installed_scenario_file(p).value_or(beside.string());
}

void read_service_target(TableReader& t, RunSettings& run) {
  if (auto v = t.number("service_target_min", false)) {
    t.check(*v >= 0 && *v <= 1440, "service_target_min",
            "must be between 0 and 1440 minutes, got " + std::to_string(*v));
    run.service_target_min = std::clamp(*v, 0.0, 1440.0);
  }
}

}  // namespace sim::scenario
