// The emulator starts like a service: a taken port is an error naming it (no silent port sharing),
// the program exits 1 then, an unwritable --state fails the start, stdout holds only the base URL
// and the banner on stderr names the URL, connector, PIN mode, state file and admin URL without a
// secret. The program is run as a child process (KAIZALA_EMULATOR_PROGRAM), with bounded waits.
#include "support/emulator_fixture.hpp"

#include <kaizala/emulator/server.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace kaizala;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A temporary folder, removed by RAII.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kz-startup-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// kaizala-emulator as a child: stdout and stderr go to files; killed (SIGTERM) by RAII.
class program {
 public:
  program(const temp_dir& dir, const std::string& name, std::vector<std::string> args)
      : out_(dir.path / (name + ".out")), err_(dir.path / (name + ".err")) {
    std::vector<char*> argv;
    std::string exe = KAIZALA_EMULATOR_PROGRAM;
    argv.push_back(exe.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      int o = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int e = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(o, 1);
      ::dup2(e, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~program() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGTERM);
      wait_exit(10);
      if (!status_) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
      }
    }
  }
  // The exit status once the program ends within `seconds`, else nullopt.
  std::optional<int> wait_exit(int seconds) {
    for (int i = 0; i < seconds * 100 && !status_; ++i) {
      int st = 0;
      if (::waitpid(pid_, &st, WNOHANG) == pid_) {
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return status_;
  }
  // The first stdout line once it is complete (within 10 s), else "".
  std::string first_line() {
    for (int i = 0; i < 1000; ++i) {
      std::string text = read_file(out_);
      if (auto nl = text.find('\n'); nl != std::string::npos) return text.substr(0, nl);
      if (wait_exit(0)) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return "";
  }
  std::string out() const { return read_file(out_); }
  std::string err() const { return read_file(err_); }

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

int port_of(const std::string& base_url) {
  return std::stoi(base_url.substr(base_url.rfind(':') + 1));
}

}  // namespace

TEST_CASE("a second in-process server on a taken port fails to start, naming the port") {
  emulator::server first(test_support::quiet_options());
  auto port = first.start();
  REQUIRE(port.has_value());
  auto o = test_support::quiet_options();
  o.port = *port;
  emulator::server second(o);
  auto taken = second.start();
  REQUIRE_FALSE(taken.has_value());
  CHECK(taken.error().message.find("port " + std::to_string(*port) + " is in use") !=
        std::string::npos);
  CHECK(taken.error().message.find("--port 0") != std::string::npos);
  // The first still serves every request.
  httplib::Client c(first.base_url());
  c.set_read_timeout(std::chrono::seconds(10));
  for (int i = 0; i < 4; ++i) {
    auto r = c.Get("/_emulator/health");
    REQUIRE(r);
    CHECK(r->status == 200);
  }
  // Restarting on the same port once the first stopped works (SO_REUSEADDR is kept).
  first.stop();
  emulator::server third(o);
  CHECK(third.start().has_value());
}

TEST_CASE("an unwritable state file fails the start; a writable one is written at once") {
  temp_dir dir;
  auto o = test_support::quiet_options();
  o.state_file = (dir.path / "no-such-folder" / "state.json").string();
  emulator::server bad(o);
  auto r = bad.start();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find("cannot write state file") != std::string::npos);
  CHECK(r.error().message.find("no-such-folder") != std::string::npos);

  o.state_file = (dir.path / "state.json").string();
  emulator::server good(o);
  REQUIRE(good.start().has_value());
  CHECK(std::filesystem::exists(o.state_file));
  CHECK_FALSE(std::filesystem::exists(o.state_file + ".tmp"));
}

TEST_CASE("kaizala-emulator: the URL alone on stdout, the banner on stderr, no secret shown") {
  temp_dir dir;
  std::string state = (dir.path / "state.json").string();
  program emu(dir, "one",
              {"--port", "0", "--pin", "4821", "--state", state, "--connector",
               "app-one:connector-secret-xyz", "--admin-token", "admin-token-abc"});
  std::string url = emu.first_line();
  INFO("stderr: " << emu.err());
  REQUIRE(url.rfind("http://127.0.0.1:", 0) == 0);
  // The banner follows the URL line; wait (bounded) for its last line.
  for (int i = 0; i < 1000 && emu.err().find("stop:") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::string banner = emu.err();
  CHECK(emu.out() == url + "\n");
  CHECK(banner.find("serving " + url) != std::string::npos);
  CHECK(banner.find("connectors: app-one") != std::string::npos);
  CHECK(banner.find("PIN mode:   fixed (--pin)") != std::string::npos);
  CHECK(banner.find("state file: " + state) != std::string::npos);
  CHECK(banner.find("admin API:  " + url + "/_emulator/ (X-Emulator-Admin-Token required)") !=
        std::string::npos);
  CHECK(banner.find("4821") == std::string::npos);
  CHECK(banner.find("connector-secret-xyz") == std::string::npos);
  CHECK(banner.find("admin-token-abc") == std::string::npos);
}

TEST_CASE("kaizala-emulator --no-admin: the banner says the admin API is off") {
  temp_dir dir;
  program emu(dir, "no-admin", {"--port", "0", "--no-admin"});
  std::string url = emu.first_line();
  REQUIRE_MESSAGE(!url.empty(), emu.err());
  for (int i = 0; i < 1000 && emu.err().find("stop:") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::string banner = emu.err();
  CHECK(banner.find("admin API:  off (--no-admin)") != std::string::npos);
  CHECK(banner.find("PIN mode:   random, logged on stderr\n") != std::string::npos);
  CHECK(banner.find("state file: none (in memory)") != std::string::npos);
  httplib::Client c(url);
  c.set_read_timeout(std::chrono::seconds(10));
  auto r = c.Get("/_emulator/health");
  REQUIRE(r);
  CHECK(r->status == 404);
}

TEST_CASE("kaizala-emulator exits 1 with a clear message when its port is taken") {
  temp_dir dir;
  program first(dir, "first", {"--port", "0"});
  std::string url = first.first_line();
  REQUIRE_MESSAGE(!url.empty(), first.err());
  int port = port_of(url);
  program second(dir, "second", {"--port", std::to_string(port)});
  auto status = second.wait_exit(20);
  REQUIRE(status.has_value());
  CHECK(*status == 1);
  CHECK(second.out().empty());  // no URL: a script waiting for it sees the failure
  CHECK(second.err().find("port " + std::to_string(port) + " is in use") != std::string::npos);
  // The first is untouched: every request still reaches it.
  httplib::Client c(url);
  c.set_read_timeout(std::chrono::seconds(10));
  for (int i = 0; i < 4; ++i) {
    auto r = c.Get("/_emulator/health");
    REQUIRE(r);
    CHECK(r->status == 200);
  }
}

TEST_CASE("kaizala-emulator exits 1 when --state cannot be written") {
  temp_dir dir;
  program emu(dir, "state", {"--port", "0", "--state", (dir.path / "missing" / "s.json").string()});
  auto status = emu.wait_exit(20);
  REQUIRE(status.has_value());
  CHECK(*status == 1);
  CHECK(emu.err().find("cannot write state file") != std::string::npos);
}

TEST_CASE(
    "kaizala-emulator --help documents the default port, the admin API and the fault header") {
  temp_dir dir;
  program help(dir, "help", {"--help"});
  REQUIRE(help.wait_exit(20) == 0);
  std::string text = help.out();
  CHECK(text.find("5249") != std::string::npos);
  CHECK(text.find("--port 0") != std::string::npos);
  CHECK(text.find("X-Emulator-Fault") != std::string::npos);
  CHECK(text.find("/_emulator/faults") != std::string::npos);
  CHECK(text.find("--admin-token") != std::string::npos);
  CHECK(emulator::default_port == 5249);
}
