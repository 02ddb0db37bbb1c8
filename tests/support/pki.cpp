#include "support/pki.hpp"

#include <chrono>
#include <stdexcept>
#include <vector>

#include "support/net.hpp"

namespace tlsprobe::test {
namespace {

using namespace std::chrono_literals;

void openssl(const TempDir& dir, const std::string& step, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto result = run_command(argv, dir / ("openssl-" + step + ".log"), 60s);
  if (result.exit_code != 0) throw std::runtime_error("openssl " + step + " failed:\n" + result.output);
}

// The least `openssl ca` needs: its database, the serial to use next, and a policy that
// takes the request's subject as it is. copy_extensions brings the SANs from the request.
std::filesystem::path ca_config(const TempDir& dir, const std::string& name, const std::string& serial) {
  const auto base = dir / ("ca-" + name);
  std::filesystem::create_directories(base);
  write_file(base / "index.txt", "");
  write_file(base / "serial", serial + "\n");
  const auto conf = base / "ca.cnf";
  write_file(conf,
             "[ca]\n"
             "default_ca = test_ca\n"
             "[test_ca]\n"
             "database = " + (base / "index.txt").string() + "\n"
             "new_certs_dir = " + base.string() + "\n"
             "serial = " + (base / "serial").string() + "\n"
             "default_md = sha256\n"
             "policy = as_requested\n"
             "copy_extensions = copy\n"
             "unique_subject = no\n"
             "x509_extensions = leaf_ext\n"
             "[as_requested]\n"
             "commonName = supplied\n"
             "organizationName = optional\n"
             "[leaf_ext]\n"
             "basicConstraints = critical, CA:FALSE\n"
             "keyUsage = critical, digitalSignature, keyEncipherment\n"
             "extendedKeyUsage = serverAuth\n"
             "authorityKeyIdentifier = keyid\n");
  return conf;
}

}  // namespace

KeyPair make_ca(const TempDir& dir, const CaSpec& spec) {
  KeyPair ca{dir / "ca.pem", dir / "ca.key"};
  openssl(dir, "ca-req",
          {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", spec.subject, "-days", "3650",
           "-set_serial", "0x" + spec.serial, "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
           "keyUsage=critical,keyCertSign,cRLSign", "-keyout", ca.key.string(), "-out", ca.cert.string()});
  return ca;
}

KeyPair make_leaf(const TempDir& dir, const KeyPair& ca, const LeafSpec& spec) {
  KeyPair leaf{dir / (spec.name + ".pem"), dir / (spec.name + ".key")};
  const auto csr = dir / (spec.name + ".csr");
  openssl(dir, spec.name + "-req",
          {"req", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", spec.subject, "-addext",
           "subjectAltName=" + spec.san, "-keyout", leaf.key.string(), "-out", csr.string()});
  openssl(dir, spec.name + "-sign",
          // -preserveDN: the subject in the request's order, not the policy section's.
          {"ca", "-batch", "-notext", "-preserveDN", "-config", ca_config(dir, spec.name, spec.serial).string(),
           "-cert", ca.cert.string(), "-keyfile", ca.key.string(), "-startdate", spec.not_before, "-enddate",
           spec.not_after, "-in", csr.string(), "-out", leaf.cert.string()});
  return leaf;
}

ServerProcess start_pki_server(const TempDir& dir, const KeyPair& leaf, const std::filesystem::path& chain) {
  const auto port = free_port();
  std::vector<std::string> argv{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                                "-cert",   leaf.cert.string(), "-key", leaf.key.string(), "-www"};
  if (!chain.empty()) argv.insert(argv.end(), {"-cert_chain", chain.string()});
  return ServerProcess(ServerSpec{"s_server " + leaf.cert.filename().string(), argv, "127.0.0.1", port,
                                  dir / ("s_server-" + std::to_string(port) + ".log")});
}

std::string openssl_serial(const TempDir& dir, const std::filesystem::path& cert) {
  const auto result =
      run_command({"openssl", "x509", "-noout", "-serial", "-in", cert.string()}, dir / "openssl-serial.log", 60s);
  if (result.exit_code != 0) throw std::runtime_error("openssl x509 -serial failed:\n" + result.output);
  std::string out = result.output;
  if (out.rfind("serial=", 0) == 0) out.erase(0, 7);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace tlsprobe::test
