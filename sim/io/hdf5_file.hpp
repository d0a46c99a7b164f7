// Thin RAII layer over the HDF5 C API: files, groups, columns and attributes.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/io/output_error.hpp"

namespace sim::io {

/// Owns one HDF5 identifier and closes it with the matching H5?close function.
class H5Id {
 public:
  H5Id() = default;
  H5Id(hid_t id, herr_t (*close)(hid_t), const std::string& what);
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  H5Id(H5Id&& other) noexcept;
  H5Id& operator=(H5Id&& other) noexcept;
  ~H5Id();
  hid_t get() const { return id_; }
  void close();

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

/// Group or file handle plus the writes motcua needs. Object modification times are not
/// recorded, so the same data always gives the same bytes.
class H5Group {
 public:
  explicit H5Group(H5Id id) : id_(std::move(id)) {}
  hid_t id() const { return id_.get(); }

  H5Group create_group(const std::string& name) const;
  void write_column(const std::string& name, const std::vector<double>& values,
                    const std::string& unit, const std::string& description) const;
  void write_column(const std::string& name, const std::vector<std::uint64_t>& values,
                    const std::string& unit, const std::string& description) const;
  void write_column(const std::string& name, const std::vector<std::string>& values,
                    const std::string& description) const;
  void set_attribute(const std::string& name, const std::string& value) const;
  void set_attribute(const std::string& name, std::uint64_t value) const;

  static void set_attribute(hid_t object, const std::string& name, const std::string& value);
  static void set_attribute(hid_t object, const std::string& name, std::uint64_t value);

 private:
  H5Id id_;
};

/// A float64 column created at its full length and then written in consecutive ranges, so a
/// long table never has to be in memory at once.
class H5Column {
 public:
  H5Column(const H5Group& group, const std::string& name, std::uint64_t rows);
  /// Writes n values after those written so far.
  void write(const double* values, std::size_t n);
  /// Sets the attributes, once every row is written.
  void finish(const std::string& unit, const std::string& description) const;

 private:
  H5Id set_;
  std::string name_;
  std::uint64_t rows_;
  std::uint64_t written_ = 0;
};

/// Silences HDF5's own error printing; motcua reports errors itself.
void silence_hdf5_errors();

}  // namespace sim::io
