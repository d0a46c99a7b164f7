// A test's view of `motcua serve`: a server on a free loopback port and a small HTTP client.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "sim/serve/http_server.hpp"
#include "tests/support/paths.hpp"

namespace test_support {

/// The server as `motcua serve` starts it, on port 0 (any free port), with `tune` applied.
inline std::unique_ptr<sim::serve::HttpServer> start_server(
    void (*tune)(sim::serve::ServerConfig&) = nullptr) {
  sim::serve::ServerConfig config;
  config.port = 0;
  config.scenarios_dir = repo_path("scenarios");
  config.static_dir = repo_path("sim/serve/static");
  if (tune) tune(config);
  auto server = std::make_unique<sim::serve::HttpServer>(config);
  server->start();
  return server;
}

struct Reply {
  unsigned status = 0;
  std::string body;
  boost::beast::http::response<boost::beast::http::string_body> raw;
};

/// One request on a fresh connection; `target` is sent exactly as given (no normalisation).
inline Reply http(std::uint16_t port, boost::beast::http::verb method, const std::string& target,
                  const std::string& body = "", const std::string& type = "application/json") {
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  if (!body.empty()) req.set(http::field::content_type, type);
  req.body() = body;
  req.prepare_payload();
  beast::error_code ec;
  // A server may answer (413) before it has read the whole body: read the answer anyway.
  http::write(stream, req, ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  http::read(stream, buffer, parser, ec);
  Reply reply;
  if (ec) return reply;  // status 0: the server closed the connection without an answer
  reply.raw = parser.release();
  reply.status = reply.raw.result_int();
  reply.body = reply.raw.body();
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return reply;
}

inline Reply get(std::uint16_t port, const std::string& target) {
  return http(port, boost::beast::http::verb::get, target);
}
inline Reply post(std::uint16_t port, const std::string& target, const std::string& body) {
  return http(port, boost::beast::http::verb::post, target, body);
}

}  // namespace test_support
