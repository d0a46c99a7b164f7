// Text outputs written whole or not at all: a temporary name, renamed when complete.
#include "sim/io/whole_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/io/output_error.hpp"
#include "sim/io/partial_files.hpp"

namespace sim::io {

void write_whole_file(const std::string& path, const std::string& text) {
  const std::string partial = path + ".partial-" + std::to_string(::getpid());
  PartialFileGuard guard(partial);
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::remove(partial.c_str());
      throw OutputError("cannot write " + path);
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::remove(partial.c_str());
    throw OutputError("cannot write " + path + ": " + ec.message());
  }
}

std::string read_whole_file_or_empty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sim::io
