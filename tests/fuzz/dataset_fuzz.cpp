// libFuzzer target: the national dataset reader (three CSV files) on arbitrary bytes.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/national_dataset.hpp"
#include "tests/fuzz/dataset_parts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("motcua_dataset_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  test_support::write_dataset_parts(std::string_view(reinterpret_cast<const char*>(data), size),
                                    dir);
  try {
    (void)sim::scenario::load_national_dataset(dir.string());
  } catch (const sim::scenario::InputError&) {
  }
  return 0;
}
