// `motcua serve`'s HTTP server: Boost.Beast over Asio, one I/O thread, bounded requests.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "sim/serve/api.hpp"

namespace sim::serve {

class HttpServer {
 public:
  /// Loads the page and the scenarios and binds (config.port 0: a free port). Throws
  /// std::runtime_error when the address cannot be bound.
  explicit HttpServer(const ServerConfig& config);
  /// Stops accepting, closes connections, cancels runs.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  /// Serves on a background thread (tests); stop() or the destructor ends it.
  void start();
  /// Serves on this thread until SIGINT or SIGTERM.
  void run_until_signal();
  void stop();

 private:
  void accept();

  ServerConfig config_;
  Api api_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::shared_ptr<std::atomic<std::size_t>> connections_ =
      std::make_shared<std::atomic<std::size_t>>(0);
  std::thread thread_;
};

}  // namespace sim::serve
