// Keyed random streams: each (root seed, replication, center, purpose, index) gets its own engine.
#include "sim/engine/rng_stream.hpp"

#include <boost/random/uniform_01.hpp>

namespace sim::engine {

RngStream::RngStream(const StreamSeed& seed, const StreamKey& key)
    : engine_(Engine::key_type{{seed.root_seed, key.purpose.hash()}}) {
  // Word 0 is the block counter the engine increments; the other words name the stream.
  // Blocks run from 1 (the engine increments before its first block), 2^64 - 1 blocks of
  // four 64-bit outputs per stream before the block word would carry into the replication.
  engine_.setcounter(Engine::ctr_type{{0, seed.replication, seed.center, key.index}}, 0);
}

double RngStream::uniform01() { return boost::random::uniform_01<double>{}(engine_); }

double keyed_uniform(const StreamSeed& seed, const StreamKey& key) {
  RngStream stream(seed, key);
  return stream.uniform01();
}

}  // namespace sim::engine
