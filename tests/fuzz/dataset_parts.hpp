// How a fuzz input becomes the national dataset's three CSV files (shared with the tests).
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace test_support {

/// The input is the three files one after another, each ending at a line "%%" (missing parts
/// are empty files): communes.csv, provinces.csv, communes_qa.csv, written into `dir`.
inline void write_dataset_parts(std::string_view text, const std::filesystem::path& dir) {
  for (const char* name : {"communes.csv", "provinces.csv", "communes_qa.csv"}) {
    const auto end = text.find("\n%%\n");
    std::ofstream(dir / name, std::ios::binary) << text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 4);
  }
}

}  // namespace test_support
