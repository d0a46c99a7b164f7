// Writes a run's results to HDF5 under a temporary name and renames it only when complete.
#include "sim/io/hdf5_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "sim/io/hdf5_file.hpp"
#include "sim/stats/confidence.hpp"

namespace sim::io {

struct ResultFile::Impl {
  H5Group root;
  std::optional<H5Group> prefix;  ///< where tables go; the root when empty
  const H5Group& target() const { return prefix ? *prefix : root; }
};

namespace {
H5Group create_file(const std::string& path) {
  silence_hdf5_errors();
  hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (file < 0) throw OutputError("cannot create output file " + path);
  return H5Group(H5Id(file, H5Fclose, "create file"));
}
}  // namespace

ResultFile::ResultFile(std::string final_path)
    : final_path_(std::move(final_path)),
      partial_path_(final_path_ + ".partial-" + std::to_string(::getpid())),
      guard_(partial_path_) {
  const auto dir = std::filesystem::path(final_path_).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir)) {
    throw OutputError("cannot write " + final_path_ + ": folder " + dir.string() +
                      " does not exist");
  }
  if (std::filesystem::is_directory(final_path_)) {
    throw OutputError("cannot write " + final_path_ + ": it is a folder");
  }
  try {
    impl_ = std::make_unique<Impl>(Impl{create_file(partial_path_), std::nullopt});
  } catch (const OutputError&) {
    throw OutputError("cannot write " + final_path_ + ": permission denied or disk unavailable");
  }
}

ResultFile::~ResultFile() {
  if (impl_) {
    impl_.reset();
    std::remove(partial_path_.c_str());
  }
}

void ResultFile::write_metadata(const RunMetadata& meta) {
  const H5Group& root = impl_->root;
  root.set_attribute("program_version", meta.program_version);
  root.set_attribute("scenario_name", meta.scenario_name);
  root.set_attribute("scenario_path", meta.scenario_path);
  root.set_attribute("scenario_text", meta.scenario_text);
  root.set_attribute("seed", meta.seed);
  root.set_attribute("replications", meta.replications);
  root.set_attribute("overlays", meta.overlays);
  root.set_attribute("resolved_scenario", meta.resolved_text);
  root.set_attribute("schema_version", std::uint64_t{12});
}

void ResultFile::set_root_attribute(const std::string& name, const std::string& value) {
  impl_->root.set_attribute(name, value);
}

void ResultFile::set_root_attribute(const std::string& name, std::uint64_t value) {
  impl_->root.set_attribute(name, value);
}

void ResultFile::set_group_prefix(const std::string& path) {
  impl_->prefix.reset();
  std::string sofar;
  std::size_t from = 0;
  while (from < path.size()) {
    const auto slash = path.find('/', from);
    const auto part =
        path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
    from = slash == std::string::npos ? path.size() : slash + 1;
    if (part.empty()) continue;
    sofar += (sofar.empty() ? "" : "/") + part;
    // Each level is created by us (not as an HDF5 intermediate group), so that it is made
    // without timestamps like every other object and the file stays byte-reproducible.
    if (H5Lexists(impl_->root.id(), sofar.c_str(), H5P_DEFAULT) <= 0)
      impl_->root.create_group(sofar);
  }
  if (sofar.empty()) return;
  impl_->prefix.emplace(H5Id(H5Gopen2(impl_->root.id(), sofar.c_str(), H5P_DEFAULT), H5Gclose,
                             "open group " + sofar));
}

void ResultFile::write_replications(const std::string& group,
                                    const std::vector<stats::MetricDef>& metrics,
                                    const std::vector<stats::ReplicationRow>& rows) {
  const H5Group g = impl_->target().create_group(group);
  std::vector<std::uint64_t> index;
  for (const auto& row : rows) index.push_back(row.replication);
  g.write_column("replication", index, "1", "replication index, from 0");
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::vector<double> column;
    column.reserve(rows.size());
    for (const auto& row : rows) column.push_back(row.values.at(m));
    g.write_column(metrics[m].name, column, metrics[m].unit, metrics[m].description);
  }
}

void ResultFile::write_summary(const std::string& group,
                               const std::vector<stats::MetricDef>& metrics,
                               const std::vector<stats::ReplicationRow>& rows) {
  std::vector<std::string> names, units;
  std::vector<double> mean, low, high, half, sd;
  std::vector<std::uint64_t> n;
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::vector<double> column;
    for (const auto& row : rows) column.push_back(row.values.at(m));
    const auto ci = stats::confidence_interval(column);
    names.push_back(metrics[m].name);
    units.push_back(metrics[m].unit);
    mean.push_back(ci.mean);
    low.push_back(ci.low());
    high.push_back(ci.high());
    half.push_back(ci.half_width);
    sd.push_back(ci.sd);
    n.push_back(ci.n);
  }
  const H5Group g = impl_->target().create_group(group);
  g.write_column("metric", names, "metric name, as in the replications table");
  g.write_column("unit", units, "unit of the metric");
  g.write_column("mean", mean, "(metric)", "mean over replications");
  g.write_column("ci95_low", low, "(metric)", "lower end of the 95 % Student-t interval");
  g.write_column("ci95_high", high, "(metric)", "upper end of the 95 % Student-t interval");
  g.write_column("ci95_half_width", half, "(metric)", "t_{0.975,n-1} * sd / sqrt(n)");
  g.write_column("sd", sd, "(metric)", "standard deviation over replications");
  g.write_column("n", n, "replications", "replications where the metric is defined");
  // One replication has no spread to measure: the interval columns are NaN, and say why.
  if (rows.size() < 2)
    g.set_attribute("interval", "none: one replication; an interval needs at least two");
}

void write_rows(ResultFile::TableWriter& table, const stats::TableDef& def,
                const stats::TableRows& rows) {
  // In blocks, so a dataset is written in a few calls rather than one per row.
  constexpr std::size_t block = 4096;
  std::vector<double> flat;
  for (std::size_t from = 0; from < rows.size(); from += block) {
    const std::size_t n = std::min(block, rows.size() - from);
    flat.clear();
    for (std::size_t r = from; r < from + n; ++r) {
      if (rows[r].size() != def.columns.size())
        throw OutputError("table " + def.name + ": a row has the wrong number of columns");
      flat.insert(flat.end(), rows[r].begin(), rows[r].end());
    }
    table.write(flat.data(), n);
  }
}

struct ResultFile::TableWriter::Columns {
  H5Group group;
  std::vector<H5Column> columns;
  std::vector<double> scratch;
};

ResultFile::TableWriter::TableWriter(ResultFile& file, const stats::TableDef& def,
                                     std::uint64_t rows)
    : def_(def),
      columns_(
          std::make_unique<Columns>(Columns{file.impl_->target().create_group(def.name), {}, {}})) {
  columns_->group.set_attribute("description", def.description);
  for (const auto& c : def.columns) columns_->columns.emplace_back(columns_->group, c.name, rows);
}
ResultFile::TableWriter::~TableWriter() = default;
ResultFile::TableWriter::TableWriter(TableWriter&&) noexcept = default;

void ResultFile::TableWriter::write(const double* rows, std::size_t n) {
  // Rows arrive row-major; each column dataset takes its values contiguous.
  const std::size_t width = def_.columns.size();
  auto& column = columns_->scratch;
  column.resize(n);
  for (std::size_t c = 0; c < width; ++c) {
    for (std::size_t r = 0; r < n; ++r) column[r] = rows[r * width + c];
    columns_->columns[c].write(column.data(), n);
  }
}

void ResultFile::TableWriter::finish(
    const std::vector<std::pair<std::string, std::vector<std::string>>>& strings) {
  for (std::size_t c = 0; c < def_.columns.size(); ++c)
    columns_->columns[c].finish(def_.columns[c].unit, def_.columns[c].description);
  for (const auto& [name, values] : strings) columns_->group.write_column(name, values, name);
}

void ResultFile::write_table(
    const stats::TableDef& def, const stats::TableRows& rows,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& strings) {
  TableWriter table = begin_table(def, rows.size());
  write_rows(table, def, rows);
  table.finish(strings);
}

void ResultFile::write_labels(
    const std::string& group, const std::string& description,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& columns) {
  const H5Group g = impl_->target().create_group(group);
  g.set_attribute("description", description);
  for (const auto& [name, values] : columns) g.write_column(name, values, name);
}

void ResultFile::commit() {
  impl_.reset();  // closes the file, flushing everything
  std::error_code ec;
  std::filesystem::rename(partial_path_, final_path_, ec);
  if (ec) {
    std::remove(partial_path_.c_str());
    throw OutputError("cannot rename " + partial_path_ + " to " + final_path_ + ": " +
                      ec.message());
  }
}

}  // namespace sim::io
