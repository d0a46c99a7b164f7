// Compares reruns of regression cases with their reference outputs, exactly or statistically,
// and reports what moved.
#include "sim/run/drift_report.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>

#include <boost/math/distributions/students_t.hpp>

#include "sim/stats/confidence.hpp"

namespace sim::run {
namespace {

/// Bit-identical, except that every NaN equals every NaN (NaN means "undefined" in the
/// outputs, whatever its payload). -0.0 and 0.0 differ: the runs promise identical bits.
bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::string short_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

/// The statistical comparison of one metric's means.
struct MeanTest {
  stats::ConfidenceInterval reference, current;  ///< NaN replications are left out
  bool exact = false;  ///< no standard error on either side: the means must be equal
  double z = 0.0;
  double dof = 0.0;
};

/// A standard error that cannot be estimated (fewer than two values) counts as 0, so such a
/// metric is compared exactly unless the other side has a spread.
double known_se(const stats::ConfidenceInterval& ci) {
  return std::isnan(ci.std_error) ? 0.0 : ci.std_error;
}

MeanTest mean_test(const std::vector<double>& reference, const std::vector<double>& current) {
  MeanTest t;
  t.reference = stats::confidence_interval(reference);
  t.current = stats::confidence_interval(current);
  const double a = std::pow(known_se(t.reference), 2), b = std::pow(known_se(t.current), 2);
  t.exact = (a == 0 && b == 0) || t.reference.n == 0 || t.current.n == 0 ||
            !std::isfinite(t.reference.mean) || !std::isfinite(t.current.mean);
  if (t.exact) return t;
  t.z = (t.current.mean - t.reference.mean) / std::sqrt(a + b);
  // Welch–Satterthwaite degrees of freedom of the difference of two means whose variances are
  // estimated; a side with no spread contributes nothing.
  double denominator = 0.0;
  if (a > 0) denominator += a * a / static_cast<double>(t.reference.n - 1);
  if (b > 0) denominator += b * b / static_cast<double>(t.current.n - 1);
  t.dof = (a + b) * (a + b) / denominator;
  return t;
}

std::vector<std::size_t> column_widths(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  return widths;
}

}  // namespace

double z_limit(double dof, std::size_t comparisons) {
  const double tail =
      family_alpha / (2.0 * static_cast<double>(std::max<std::size_t>(comparisons, 1)));
  const boost::math::students_t dist(dof);
  return boost::math::quantile(boost::math::complement(dist, tail));
}

void DriftReport::add_case(ReferenceOutputs reference, ReferenceOutputs current) {
  cases_.push_back(Pair{std::move(reference), std::move(current)});
}

std::size_t DriftReport::statistical_comparisons() const {
  if (mode_ != RegressMode::statistical) return 0;
  std::size_t k = 0;
  for (const auto& p : cases_) {
    for (std::size_t m = 0; m < p.reference.metrics.size(); ++m) {
      const std::size_t c = p.current.find(p.reference.metrics[m]);
      if (c < p.current.metrics.size() &&
          !mean_test(p.reference.values[m], p.current.values[c]).exact)
        ++k;
    }
  }
  return k;
}

std::size_t DriftReport::values_compared() const {
  std::size_t n = 0;
  for (const auto& p : cases_) {
    for (std::size_t m = 0; m < p.reference.metrics.size(); ++m) {
      const std::size_t c = p.current.find(p.reference.metrics[m]);
      if (c == p.current.metrics.size()) continue;
      n += mode_ == RegressMode::exact
               ? std::min(p.reference.values[m].size(), p.current.values[c].size())
               : 1;
    }
  }
  return n;
}

void DriftReport::compare_case(const Pair& p, std::size_t k, std::vector<Drift>& out) const {
  const auto& ref = p.reference;
  const auto& now = p.current;
  const auto row = [&](std::string metric, std::string where, std::string a, std::string b,
                       std::string diff, std::string z, std::string limit) {
    out.push_back(Drift{ref.case_name, std::move(metric), std::move(where), std::move(a),
                        std::move(b), std::move(diff), std::move(z), std::move(limit)});
  };
  // In statistical mode a different seed or number of replications is allowed: it is what
  // that mode is for. In exact mode either one changes every value, so say so first.
  if (mode_ == RegressMode::exact) {
    if (ref.seed != now.seed)
      row("(seed)", "", std::to_string(ref.seed), std::to_string(now.seed), "", "exact", "-");
    if (ref.replications != now.replications) {
      row("(replications)", "", std::to_string(ref.replications), std::to_string(now.replications),
          "", "exact", "-");
    }
  }
  for (const auto& name : now.metrics) {
    if (ref.find(name) == ref.metrics.size())
      row(name, "", "(absent)", "(present)", "", "new metric", "-");
  }
  for (std::size_t m = 0; m < ref.metrics.size(); ++m) {
    const auto& name = ref.metrics[m];
    const std::size_t c = now.find(name);
    if (c == now.metrics.size()) {
      row(name, "", "(present)", "(absent)", "", "metric removed", "-");
      continue;
    }
    const auto& a = ref.values[m];
    const auto& b = now.values[c];
    if (mode_ == RegressMode::exact) {
      for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r) {
        if (same(a[r], b[r])) continue;
        row(name, "replication " + std::to_string(r), exact_text(a[r]), exact_text(b[r]),
            short_text(b[r] - a[r]), "exact", "-");
      }
      continue;
    }
    const MeanTest t = mean_test(a, b);
    const double mean_a = t.reference.mean, mean_b = t.current.mean;
    if (t.exact) {
      if (!same(mean_a, mean_b)) {
        row(name, "mean", exact_text(mean_a), exact_text(mean_b), short_text(mean_b - mean_a),
            "exact", "-");
      }
      continue;
    }
    const double limit = z_limit(t.dof, k);
    if (std::abs(t.z) > limit) {
      row(name, "mean", short_text(mean_a), short_text(mean_b), short_text(mean_b - mean_a),
          fixed2(t.z), fixed2(limit));
    }
  }
}

std::vector<Drift> DriftReport::drifts() const {
  std::vector<Drift> out;
  const std::size_t k = statistical_comparisons();
  for (const auto& p : cases_) compare_case(p, k, out);
  return out;
}

std::vector<std::string> DriftReport::case_names() const {
  std::vector<std::string> names;
  for (const auto& p : cases_) names.push_back(p.reference.case_name);
  return names;
}

void DriftReport::print(std::ostream& out, std::size_t max_rows_per_case) const {
  const auto moved = drifts();
  std::vector<std::string> moved_cases;
  std::vector<std::vector<std::string>> table{
      {"case", "metric", "replication", "reference", "new", "difference", "z", "limit"}};
  std::size_t shown = 0, hidden = 0;
  for (std::size_t i = 0; i < moved.size(); ++i) {
    const auto& d = moved[i];
    if (moved_cases.empty() || moved_cases.back() != d.case_name) {
      moved_cases.push_back(d.case_name);
      shown = 0;
    }
    if (shown++ >= max_rows_per_case) {
      ++hidden;
      continue;
    }
    table.push_back(
        {d.case_name, d.metric, d.where, d.reference, d.current, d.difference, d.z, d.limit});
  }
  if (table.size() > 1) {
    const auto widths = column_widths(table);
    for (const auto& r : table) {
      std::string line;
      for (std::size_t c = 0; c < r.size(); ++c) {
        // Text columns left-aligned, numbers right-aligned.
        const std::string pad(widths[c] - r[c].size(), ' ');
        line += c < 3 ? r[c] + pad : pad + r[c];
        if (c + 1 < r.size()) line += "  ";
      }
      out << line << "\n";
    }
    if (hidden > 0) out << "(" << hidden << " more rows not shown)\n";
  }
  // One line per moved case naming every metric that moved: the table may be cut short.
  for (const auto& name : moved_cases) {
    std::vector<std::string> metrics;
    std::size_t rows = 0;
    for (const auto& d : moved) {
      if (d.case_name != name) continue;
      ++rows;
      if (std::find(metrics.begin(), metrics.end(), d.metric) == metrics.end())
        metrics.push_back(d.metric);
    }
    out << name << ": " << rows << " row(s) in " << metrics.size() << " metric(s):";
    for (const auto& m : metrics) out << " " << m;
    out << "\n";
  }
  const std::string how = mode_ == RegressMode::exact ? "exactly" : "statistically";
  if (moved.empty()) {
    out << "regress: ok, " << cases() << " case(s) match their references " << how << " ("
        << values_compared() << (mode_ == RegressMode::exact ? " values" : " means");
    if (mode_ == RegressMode::statistical) {
      out << ", " << statistical_comparisons() << " within standard errors at a family-wise "
          << "false-alarm rate of " << family_alpha * 100 << " %";
    }
    out << ")\n";
    return;
  }
  out << "regress: DRIFT in " << moved_cases.size() << " of " << cases() << " case(s) ("
      << moved.size() << " row(s) moved, compared " << how
      << "); if the change is intended, run `motcua regress --accept` and commit the references\n";
}

}  // namespace sim::run
