// A results file opened read-only with the HDF5 C API, for tests that read what motcua wrote.
#pragma once

#include <hdf5.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace test_support {

/// A results file opened read-only with the HDF5 C API.
class H5Read {
 public:
  explicit H5Read(const std::string& path)
      : f_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    REQUIRE(f_ >= 0);
  }
  ~H5Read() { H5Fclose(f_); }
  H5Read(const H5Read&) = delete;
  H5Read& operator=(const H5Read&) = delete;

  bool exists(const std::string& path) const {
    // Check every prefix: H5Lexists fails on a path whose parent is missing.
    std::size_t at = 0;
    while (true) {
      at = path.find('/', at + 1);
      const auto part = path.substr(0, at);
      if (H5Lexists(f_, part.c_str(), H5P_DEFAULT) <= 0) return false;
      if (at == std::string::npos) return true;
    }
  }
  std::vector<double> numbers(const std::string& path) const {
    const hid_t d = H5Dopen2(f_, path.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t space = H5Dget_space(d);
    std::vector<double> v(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    REQUIRE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0);
    H5Sclose(space);
    H5Dclose(d);
    return v;
  }
  std::vector<std::string> strings(const std::string& path) const {
    const hid_t d = H5Dopen2(f_, path.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t space = H5Dget_space(d);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    std::vector<char*> text(n);
    const hid_t str = H5Tcopy(H5T_C_S1);
    H5Tset_size(str, H5T_VARIABLE);
    H5Tset_cset(str, H5T_CSET_UTF8);
    REQUIRE(H5Dread(d, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) >= 0);
    std::vector<std::string> out(text.begin(), text.end());
    H5Dvlen_reclaim(str, space, H5P_DEFAULT, text.data());
    H5Tclose(str);
    H5Sclose(space);
    H5Dclose(d);
    return out;
  }

 private:
  hid_t f_;
};

}  // namespace test_support
