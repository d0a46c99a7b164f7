// libFuzzer target: the scenario loader on arbitrary bytes; only InputError may come out.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"

// The text is read as if it were a file in scenarios/templates/, so that the seeds' relative
// paths (catalogue, systems, holidays) reach the real files and the whole center-form loader
// runs. Any exception other than InputError escapes and is reported as a finding, since the
// program maps it to exit 3 ("internal error"); so are crashes, leaks and undefined behaviour.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = std::string(MOTCUA_SOURCE_DIR) + "/scenarios/templates/fuzz.toml";
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)sim::scenario::parse_scenario(text, path);
  } catch (const sim::scenario::InputError&) {
  }
  return 0;
}
