// libFuzzer target for common_name, which reads the CN out of the subject and issuer text the
// backends produce: whatever a certificate holds, it must not crash, and a CN value written the
// way OpenSSL (RFC 2253) or Windows (CertNameToStr) writes it must read back as that value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "diagnosis/certificates.hpp"

namespace {

using tlsprobe::fuzz::require;

std::string hex_escape(unsigned char c) {
  static constexpr std::string_view digits = "0123456789ABCDEF";
  return {'\\', digits[c >> 4], digits[c & 0xF]};
}

// X509_NAME_print_ex with XN_FLAG_RFC2253 (the OpenSSL backend leaves out ESC_MSB, so UTF-8
// stays as it is unless `escape_8bit`): RFC 2253 2.4 specials after a backslash, '#' or space
// first and space last too, control bytes as \XX.
std::string rfc2253_value(std::string_view v, bool escape_8bit) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    const bool special = std::string_view(",+\"\\<>;").find(static_cast<char>(c)) != std::string_view::npos ||
                         (i == 0 && (c == '#' || c == ' ')) || (i + 1 == v.size() && c == ' ');
    if (c < 0x20 || c == 0x7F || (escape_8bit && c >= 0x80)) {
      out += hex_escape(c);
    } else if (special) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// CertNameToStr with CERT_X500_NAME_STR: a value that needs it goes in double quotes, a quote
// inside doubled; nothing else is escaped.
std::string windows_quoted(std::string_view v) {
  std::string out = "\"";
  for (const char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void check_reads_back(std::string_view value) {
  const std::string v(value);
  for (const bool escape_8bit : {false, true}) {
    const std::string cn = rfc2253_value(v, escape_8bit);
    require(tlsprobe::common_name("CN=" + cn + ",O=Example\\, Inc.,C=US") == v);
    require(tlsprobe::common_name("C=US,O=Example,CN=" + cn) == v);
    require(tlsprobe::common_name("OU=x+CN=" + cn + ",O=y") == v);
  }
  // Windows writes a backslash as itself and RFC 2253 reads one as an escape: one reader
  // cannot hold to both for such a value, so only values without one meet the Windows form.
  if (v.find('\\') == std::string::npos) {
    require(tlsprobe::common_name("CN=" + windows_quoted(v) + ", O=\"Example, Inc.\", C=US") == v);
    require(tlsprobe::common_name("C=US, O=Example, CN=" + windows_quoted(v)) == v);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // Any text at all, as a distinguished name: unescaping only ever shortens, and without an
  // '=' there is no attribute, so no CN.
  const std::string cn = tlsprobe::common_name(input);
  require(cn.size() <= input.size());
  if (input.find('=') == std::string_view::npos) require(cn.empty());

  // The same text as a CN value in each backend's notation.
  check_reads_back(input);
  return 0;
}
