file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR n "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUT}
"// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace tlsprobe {\nstatic const char ${SYMBOL}_bytes[] = {${bytes} 0};\nextern const std::string_view ${SYMBOL}{${SYMBOL}_bytes, ${n}};\n}\n")
