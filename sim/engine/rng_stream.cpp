// Keyed random streams: each (root seed, replication, center, purpose, index) gets its own engine.
#include "sim/engine/rng_stream.hpp"

#include <array>

#include <boost/random/seed_seq.hpp>
#include <boost/random/uniform_01.hpp>

namespace sim::engine {
namespace {
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
}  // namespace

std::uint64_t derive_stream_seed(const StreamSeed& seed, const StreamKey& key) {
  // Chained mixing: each part changes every bit of the result, and the parts are ordered,
  // so (replication 1, center 2) and (replication 2, center 1) give different streams.
  std::uint64_t h = splitmix64(seed.root_seed);
  h = splitmix64(h ^ seed.replication);
  h = splitmix64(h ^ seed.center);
  h = splitmix64(h ^ fnv1a(key.purpose));
  h = splitmix64(h ^ key.index);
  return h;
}

RngStream::RngStream(const StreamSeed& seed, const StreamKey& key) {
  // Expand the 64-bit key into eight 32-bit words so the whole Mersenne Twister state
  // is initialised through seed_seq, not just one word of it.
  std::uint64_t h = derive_stream_seed(seed, key);
  std::array<std::uint32_t, 8> words{};
  for (std::size_t i = 0; i < words.size(); i += 2) {
    h = splitmix64(h);
    words[i] = static_cast<std::uint32_t>(h);
    words[i + 1] = static_cast<std::uint32_t>(h >> 32);
  }
  boost::random::seed_seq seq(words.begin(), words.end());
  engine_.seed(seq);
}

double keyed_uniform(const StreamSeed& seed, const StreamKey& key) {
  // The top 53 bits of a further-mixed key hash, scaled to [0, 1).
  return static_cast<double>(splitmix64(derive_stream_seed(seed, key)) >> 11) * 0x1.0p-53;
}

double RngStream::uniform01() { return boost::random::uniform_01<double>{}(engine_); }

}  // namespace sim::engine
