// Thin RAII layer over the HDF5 C API: files, groups, columns and attributes.
#include "sim/io/hdf5_file.hpp"

#include <utility>

namespace sim::io {
namespace {

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw OutputError("HDF5: cannot " + what);
  return id;
}
void check_status(herr_t status, const std::string& what) {
  if (status < 0) throw OutputError("HDF5: cannot " + what);
}

/// Creation properties with time tracking off (otherwise every file differs).
H5Id untimed_properties(hid_t cls) {
  H5Id plist(H5Pcreate(cls), H5Pclose, "create property list");
  check_status(H5Pset_obj_track_times(plist.get(), false), "disable time tracking");
  return plist;
}

H5Id utf8_string_type() {
  H5Id type(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "set string size");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "set UTF-8");
  return type;
}

template <class T>
void write_numeric(hid_t group, const std::string& name, const std::vector<T>& values,
                   hid_t mem_type, hid_t file_type, const std::string& unit,
                   const std::string& description) {
  const hsize_t dims[1] = {values.size()};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "create dataspace");
  const H5Id dcpl = untimed_properties(H5P_DATASET_CREATE);
  H5Id set(
      H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "create dataset " + name);
  if (!values.empty()) {
    check_status(H5Dwrite(set.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "write dataset " + name);
  }
  H5Group::set_attribute(set.get(), "units", unit);
  H5Group::set_attribute(set.get(), "description", description);
}

}  // namespace

H5Id::H5Id(hid_t id, herr_t (*close)(hid_t), const std::string& what)
    : id_(check(id, what)), close_(close) {}
H5Id::H5Id(H5Id&& other) noexcept
    : id_(std::exchange(other.id_, -1)), close_(std::exchange(other.close_, nullptr)) {}
H5Id& H5Id::operator=(H5Id&& other) noexcept {
  if (this != &other) {
    close();
    id_ = std::exchange(other.id_, -1);
    close_ = std::exchange(other.close_, nullptr);
  }
  return *this;
}
H5Id::~H5Id() { close(); }
void H5Id::close() {
  if (id_ >= 0 && close_) close_(id_);
  id_ = -1;
}

void silence_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

H5Group H5Group::create_group(const std::string& name) const {
  const H5Id gcpl = untimed_properties(H5P_GROUP_CREATE);
  return H5Group(H5Id(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                      H5Gclose, "create group " + name));
}

void H5Group::write_column(const std::string& name, const std::vector<double>& values,
                           const std::string& unit, const std::string& description) const {
  write_numeric(id(), name, values, H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, unit, description);
}

void H5Group::write_column(const std::string& name, const std::vector<std::uint64_t>& values,
                           const std::string& unit, const std::string& description) const {
  write_numeric(id(), name, values, H5T_NATIVE_UINT64, H5T_STD_U64LE, unit, description);
}

void H5Group::write_column(const std::string& name, const std::vector<std::string>& values,
                           const std::string& description) const {
  const H5Id type = utf8_string_type();
  const hsize_t dims[1] = {values.size()};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "create dataspace");
  const H5Id dcpl = untimed_properties(H5P_DATASET_CREATE);
  H5Id set(
      H5Dcreate2(id(), name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose, "create dataset " + name);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (!values.empty()) {
    check_status(H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                 "write dataset " + name);
  }
  set_attribute(set.get(), "description", description);
}

H5Column::H5Column(const H5Group& group, const std::string& name, std::uint64_t rows)
    : name_(name), rows_(rows) {
  const hsize_t dims[1] = {rows};
  H5Id space(H5Screate_simple(1, dims, nullptr), H5Sclose, "create dataspace");
  const H5Id dcpl = untimed_properties(H5P_DATASET_CREATE);
  set_ = H5Id(H5Dcreate2(group.id(), name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                         dcpl.get(), H5P_DEFAULT),
              H5Dclose, "create dataset " + name);
}

void H5Column::write(const double* values, std::size_t n) {
  if (n == 0) return;
  if (written_ + n > rows_) throw OutputError("HDF5: more rows than declared for " + name_);
  const hsize_t start[1] = {written_}, count[1] = {n};
  H5Id file_space(H5Dget_space(set_.get()), H5Sclose, "get dataspace of " + name_);
  check_status(
      H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
      "select rows of " + name_);
  H5Id memory(H5Screate_simple(1, count, nullptr), H5Sclose, "create dataspace");
  check_status(
      H5Dwrite(set_.get(), H5T_NATIVE_DOUBLE, memory.get(), file_space.get(), H5P_DEFAULT, values),
      "write dataset " + name_);
  written_ += n;
}

void H5Column::finish(const std::string& unit, const std::string& description) const {
  if (written_ != rows_) throw OutputError("HDF5: fewer rows than declared for " + name_);
  H5Group::set_attribute(set_.get(), "units", unit);
  H5Group::set_attribute(set_.get(), "description", description);
}

void H5Group::set_attribute(const std::string& name, const std::string& value) const {
  set_attribute(id(), name, value);
}
void H5Group::set_attribute(const std::string& name, std::uint64_t value) const {
  set_attribute(id(), name, value);
}

void H5Group::set_attribute(hid_t object, const std::string& name, const std::string& value) {
  const H5Id type = utf8_string_type();
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar dataspace");
  H5Id attr(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, "create attribute " + name);
  const char* text = value.c_str();
  check_status(H5Awrite(attr.get(), type.get(), &text), "write attribute " + name);
}

void H5Group::set_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  H5Id space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar dataspace");
  H5Id attr(H5Acreate2(object, name.c_str(), H5T_STD_U64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose, "create attribute " + name);
  check_status(H5Awrite(attr.get(), H5T_NATIVE_UINT64, &value), "write attribute " + name);
}

}  // namespace sim::io
