// A throwaway CA and server certificates, made with the openssl command at test time (nothing
// secret or long-lived is committed).
#pragma once

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace test_support {

struct test_certs {
  std::filesystem::path dir;
  std::string ca;           // CA certificate (PEM) that signed both server certificates
  std::string server_cert;  // valid for IP 127.0.0.1 and DNS localhost
  std::string server_key;
  std::string wrong_cert;  // valid only for DNS wrong.example
  std::string wrong_key;
  bool ok = false;

  test_certs() {
    dir = std::filesystem::temp_directory_path() /
          ("kaizala-certs-" + std::to_string(std::rand()) + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    ca = (dir / "ca.pem").string();
    server_cert = (dir / "server.pem").string();
    server_key = (dir / "server.key").string();
    wrong_cert = (dir / "wrong.pem").string();
    wrong_key = (dir / "wrong.key").string();
    std::string d = dir.string();
    std::string ec = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes ";
    auto leaf = [&](const std::string& name, const std::string& san) {
      return "printf 'subjectAltName=" + san + "\\nbasicConstraints=CA:FALSE\\n' > " + d + "/" +
             name +
             ".ext && "
             "openssl req" +
             ec + "-keyout " + d + "/" + name + ".key -out " + d + "/" + name +
             ".csr -subj '/CN=" + name +
             "' && "
             "openssl x509 -req -in " +
             d + "/" + name + ".csr -CA " + ca + " -CAkey " + d +
             "/ca.key -CAcreateserial "
             "-days 1 -out " +
             d + "/" + name + ".pem -extfile " + d + "/" + name + ".ext";
    };
    std::string cmd = "(openssl req -x509" + ec + "-keyout " + d + "/ca.key -out " + ca +
                      " -days 1 -subj '/CN=kaizala-cpp test CA' && " +
                      leaf("server", "IP:127.0.0.1,DNS:localhost") + " && " +
                      leaf("wrong", "DNS:wrong.example") + ") > " + d + "/openssl.log 2>&1";
    ok = std::system(cmd.c_str()) == 0;
  }
  ~test_certs() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace test_support
