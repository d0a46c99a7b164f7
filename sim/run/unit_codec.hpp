// Bytes of a unit's result, so that a result computed on one MPI rank is rebuilt on rank 0.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/stats/table.hpp"

namespace sim::run {

/// Appends values to a byte string in the machine's own representation: every rank of one
/// job runs the same binary, and doubles travel bit for bit, so rank 0 rebuilds exactly the
/// result the other rank computed (NaN payloads and signed zeros included).
class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put(const std::vector<double>& values) {
    put(static_cast<std::uint64_t>(values.size()));
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

/// Reads back what a ByteWriter wrote; running past the end is an error, not a crash.
class ByteReader {
 public:
  explicit ByteReader(const std::string& bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    std::memcpy(&value, take(sizeof value), sizeof value);
    return value;
  }
  std::vector<double> get_doubles() {
    std::vector<double> values(get<std::uint64_t>());
    if (!values.empty())
      std::memcpy(values.data(), take(values.size() * sizeof(double)),
                  values.size() * sizeof(double));
    return values;
  }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  const char* take(std::size_t n) {
    if (bytes_.size() - at_ < n)
      throw std::runtime_error("a unit result from another rank is truncated");
    const char* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  const std::string& bytes_;
  std::size_t at_ = 0;
};

/// A number (the tests' units).
template <class T>
requires std::is_arithmetic_v<T> std::string encode(const T& value) {
  ByteWriter w;
  w.put(value);
  return w.take();
}
template <class T>
requires std::is_arithmetic_v<T>
void decode(const std::string& bytes, T& value) {
  ByteReader r(bytes);
  value = r.get<T>();
}

/// A national unit: one center's summary row.
inline std::string encode(const std::vector<double>& row) {
  ByteWriter w;
  w.put(row);
  return w.take();
}
inline void decode(const std::string& bytes, std::vector<double>& row) {
  ByteReader r(bytes);
  row = r.get_doubles();
}

/// A replication: summary row and detail tables (rows kept in a spill file are read back and
/// sent as rows). A visit trace is not sent: runs over MPI refuse --trace.
inline std::string encode(const stats::ReplicationResult& result) {
  if (!result.trace.empty()) throw std::logic_error("a visit trace cannot be sent between ranks");
  ByteWriter w;
  w.put(result.summary.replication);
  w.put(result.summary.values);
  w.put(static_cast<std::uint64_t>(result.tables.size()));
  for (std::size_t t = 0; t < result.tables.size(); ++t) {
    // Each table as (rows, columns, row-major values).
    const auto* stored = t < result.stored.size() ? result.stored[t].get() : nullptr;
    std::vector<double> flat;
    std::uint64_t rows = 0, columns = 0;
    if (stored != nullptr) {
      rows = stored->size();
      columns = stored->columns();
      stored->read([&](const double* block, std::size_t n) {
        flat.insert(flat.end(), block, block + n * columns);
      });
    } else {
      rows = result.tables[t].size();
      columns = rows == 0 ? 0 : result.tables[t].front().size();
      for (const auto& row : result.tables[t]) {
        if (row.size() != columns) throw std::logic_error("a detail table has ragged rows");
        flat.insert(flat.end(), row.begin(), row.end());
      }
    }
    w.put(rows);
    w.put(columns);
    w.put(flat);
  }
  return w.take();
}
inline void decode(const std::string& bytes, stats::ReplicationResult& result) {
  ByteReader r(bytes);
  result = {};
  result.summary.replication = r.get<std::uint64_t>();
  result.summary.values = r.get_doubles();
  result.tables.resize(r.get<std::uint64_t>());
  for (auto& table : result.tables) {
    const auto rows = r.get<std::uint64_t>(), columns = r.get<std::uint64_t>();
    const auto flat = r.get_doubles();
    if (flat.size() != rows * columns)
      throw std::runtime_error("a unit result from another rank is malformed");
    table.reserve(rows);
    for (std::uint64_t i = 0; i < rows; ++i)
      table.emplace_back(flat.begin() + static_cast<std::ptrdiff_t>(i * columns),
                         flat.begin() + static_cast<std::ptrdiff_t>((i + 1) * columns));
  }
}

}  // namespace sim::run
