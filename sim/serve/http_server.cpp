// `motcua serve`'s HTTP server: Boost.Beast over Asio, one I/O thread, bounded requests.
#include "sim/serve/http_server.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <stdexcept>

#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace sim::serve {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

/// A request slower than this (headers and body) is dropped: an idle or trickling client
/// cannot hold a connection forever.
constexpr std::chrono::seconds request_timeout{30};

/// Whether the Host header names this server by its loopback address: a page on another site
/// cannot reach a loopback server through a DNS name that points at 127.0.0.1.
bool host_allowed(const Request& req, const ServerConfig& config) {
  if (config.bind != "127.0.0.1" && config.bind != "::1" && config.bind != "localhost") return true;
  std::string host(req[http::field::host]);
  host =
      host.starts_with('[') ? host.substr(0, host.find(']') + 1) : host.substr(0, host.find(':'));
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Api& api, const ServerConfig& config,
          std::shared_ptr<std::atomic<std::size_t>> count)
      : stream_(std::move(socket)), api_(api), config_(config), count_(std::move(count)) {}
  ~Session() { --*count_; }

  void read() {
    parser_.emplace();
    parser_->body_limit(config_.max_body);
    stream_.expires_after(request_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

 private:
  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      too_large_ = true;
      return send(Api::make(413, "application/json; charset=utf-8",
                            R"({"problems":[{"text":"request too large"}]})"),
                  true);
    }
    if (ec) return close();
    const auto req = parser_->release();
    if (!host_allowed(req, config_)) {
      return send(Api::make(403, "application/json; charset=utf-8",
                            R"({"problems":[{"text":"unexpected Host header"}]})"),
                  true);
    }
    auto res = api_.handle(req);
    const bool last = !req.keep_alive();
    send(std::move(res), last);
  }

  void send(Response res, bool last) {
    res.keep_alive(!last);
    auto held = std::make_shared<Response>(std::move(res));
    http::async_write(stream_, *held,
                      [self = shared_from_this(), held, last](beast::error_code ec, std::size_t) {
                        if (ec || last) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    // A client still sending a body we refused: read and drop the rest (bounded by the request
    // timeout) before closing, or the close would reset the connection and the client could
    // lose the 413 it was sent (a "lingering close").
    if (too_large_) drain();
  }

  void drain() {
    stream_.async_read_some(boost::asio::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (!ec) self->drain();
                            });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Api& api_;
  const ServerConfig& config_;
  std::shared_ptr<std::atomic<std::size_t>> count_;
  bool too_large_ = false;
  std::array<char, 8192> discard_{};
};

}  // namespace

HttpServer::HttpServer(const ServerConfig& config)
    : config_(config), api_(config_), acceptor_(io_) {
  beast::error_code ec;
  const tcp::endpoint endpoint(net::ip::make_address(config_.bind, ec), config_.port);
  if (ec) throw std::runtime_error("--bind " + config_.bind + ": not an IP address");
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + config_.bind + ":" +
                             std::to_string(config_.port) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  accept();
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // the acceptor was closed
    if (*connections_ < config_.max_connections) {
      ++*connections_;
      std::make_shared<Session>(std::move(socket), api_, config_, connections_)->read();
    }
    accept();
  });
}

void HttpServer::start() {
  thread_ = std::thread([this] { io_.run(); });
}

void HttpServer::run_until_signal() {
  net::signal_set signals(io_, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code, int) { io_.stop(); });
  io_.run();
}

void HttpServer::stop() {
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sim::serve
