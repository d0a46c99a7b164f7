// Reference outputs of a regression case: per-replication summary metrics, read and written
// as small TOML files whose numbers round-trip exactly.
#include "sim/run/reference_outputs.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/output_error.hpp"
#include "sim/io/whole_file.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::run {
namespace {

namespace fs = std::filesystem;
using scenario::InputError;
using scenario::Problem;

constexpr std::int64_t format_version = 1;

std::string toml_string(const std::string& s) {
  std::ostringstream out;
  out << toml::value<std::string>(s);
  return out.str();
}

std::string toml_strings(const std::vector<std::string>& items) {
  toml::array array;
  for (const auto& s : items) array.push_back(s);
  std::ostringstream out;
  out << array;
  return out.str();
}

}  // namespace

/// The shortest text that reads back to the same double (std::to_chars), made a TOML float:
/// "3" would be read as an integer (and "12345678901234567168" overflows TOML's 64-bit
/// integers), so integral values get ".0". NaN is always "nan": its sign and payload carry no
/// meaning here, and one spelling keeps the file bytes stable.
std::string exact_text(double v) {
  if (std::isnan(v)) return "nan";
  char buf[64];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  std::string text(buf, end);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

std::size_t ReferenceOutputs::find(const std::string& metric) const {
  return static_cast<std::size_t>(std::find(metrics.begin(), metrics.end(), metric) -
                                  metrics.begin());
}

ReferenceOutputs make_reference(const RegressionCase& c, const scenario::Scenario& s,
                                const RunOptions& options,
                                const std::vector<stats::ReplicationResult>& results) {
  ReferenceOutputs ref;
  ref.case_name = c.name;
  ref.scenario = c.scenario;
  ref.overlays = c.overlays;
  ref.settings = c.settings;
  ref.form = s.form == scenario::ScenarioForm::center ? "center" : "station";
  ref.seed = options.seed;
  ref.replications = results.size();
  const auto& defs = summary_metrics(s.form);
  for (std::size_t m = 0; m < defs.size(); ++m) {
    ref.metrics.push_back(defs[m].name);
    std::vector<double> column;
    for (const auto& r : results) column.push_back(r.summary.values.at(m));
    ref.values.push_back(std::move(column));
  }
  return ref;
}

std::string format_reference(const ReferenceOutputs& ref) {
  std::ostringstream out;
  out << "# Reference outputs of regression case '" << ref.case_name
      << "' for `motcua regress` (docs/regression.md).\n"
         "# Written by `motcua regress --accept`: rerun it rather than editing by hand.\n"
         "# [metrics]: one array per summary metric (docs/output-schema.md, /replications), one\n"
         "# value per replication in replication order, written so that it reads back exactly.\n\n"
         "[reference]\n"
      << "format = " << format_version << "\n"
      << "case = " << toml_string(ref.case_name) << "\n"
      << "scenario = " << toml_string(ref.scenario) << "\n"
      << "overlays = " << toml_strings(ref.overlays) << "\n"
      << "settings = " << toml_strings(ref.settings) << "\n"
      << "form = " << toml_string(ref.form) << "\n"
      << "seed = " << ref.seed << "\n"
      << "replications = " << ref.replications << "\n\n"
      << "[metrics]\n";
  for (std::size_t m = 0; m < ref.metrics.size(); ++m) {
    out << ref.metrics[m] << " = [";
    for (std::size_t r = 0; r < ref.values[m].size(); ++r) {
      out << (r ? ", " : "") << exact_text(ref.values[m][r]);
    }
    out << "]\n";
  }
  return out.str();
}

ReferenceOutputs parse_reference(const std::string& text, const std::string& path,
                                 const std::string& expected_case) {
  scenario::ProblemList problems{path, {}};
  auto parsed = scenario::parse_toml(text, path, problems.items);
  if (!parsed) throw InputError(problems.items);
  const toml::table& root = *parsed;
  ReferenceOutputs ref;
  scenario::TableReader top(root, "", problems);
  if (auto head = top.table("reference", true)) {
    if (auto v = head->integer("format", true)) {
      head->check(*v == format_version, "format",
                  "unknown reference format " + std::to_string(*v) + " (this build reads " +
                      std::to_string(format_version) + ")");
    }
    ref.case_name = head->string("case", true).value_or("");
    if (head->has("case") && !expected_case.empty()) {
      head->check(
          ref.case_name == expected_case, "case",
          "is the reference of case '" + ref.case_name + "', expected '" + expected_case + "'");
    }
    ref.scenario = head->string("scenario", true).value_or("");
    ref.overlays = head->strings("overlays", false).value_or(std::vector<std::string>{});
    ref.settings = head->strings("settings", false).value_or(std::vector<std::string>{});
    ref.form = head->string("form", true).value_or("");
    if (head->has("form")) {
      head->check(ref.form == "station" || ref.form == "center", "form",
                  "must be \"station\" or \"center\", got '" + ref.form + "'");
    }
    if (auto v = head->integer("seed", true)) {
      head->check(*v >= 0, "seed", "must be a non-negative integer");
      ref.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
    }
    if (auto v = head->integer("replications", true)) {
      head->check(*v >= 1, "replications", "must be at least 1");
      ref.replications = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
    }
    head->finish();
  }
  if (auto metrics = top.table("metrics", true)) {
    // toml++ keeps keys sorted; the file's order (that of the summary metrics) is restored
    // from the source lines so that reports list metrics as the output files do.
    auto names = metrics->keys();
    std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
      return metrics->line_of(a) < metrics->line_of(b);
    });
    for (const auto& name : names) {
      auto column = metrics->numbers(name, true);
      if (!column) continue;
      metrics->check(ref.replications == 0 || column->size() == ref.replications, name,
                     "has " + std::to_string(column->size()) + " values, expected one per " +
                         "replication (" + std::to_string(ref.replications) + ")");
      ref.metrics.push_back(name);
      ref.values.push_back(std::move(*column));
    }
    top.check(!names.empty(), "metrics", "lists no metric");
    metrics->finish();
  }
  top.finish();
  if (!problems.items.empty()) throw InputError(problems.items);
  return ref;
}

ReferenceOutputs read_reference(const std::string& path, const std::string& expected_case) {
  if (fs::is_directory(path))
    throw InputError({Problem{path, 0, "", "is a folder, expected a reference file"}});
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError({Problem{path, 0, "",
                              "cannot open reference file (create it with `motcua regress "
                              "--accept`)"}});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_reference(text.str(), path, expected_case);
}

bool write_reference(const std::string& path, const ReferenceOutputs& ref) {
  const std::string text = format_reference(ref);
  const bool changed = io::read_whole_file_or_empty(path) != text;
  io::write_whole_file(path, text);
  return changed;
}

}  // namespace sim::run
