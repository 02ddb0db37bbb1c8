#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "render/table.hpp"
#include "selftest/selftest.hpp"

namespace tlsprobe {

// A capability grid (backend x version), its notes, then the full matrix it was read from.
std::string render_selftest_table(const selftest::Result& result, const TableStyle& style);
nlohmann::ordered_json selftest_to_json(const selftest::Result& result);

}  // namespace tlsprobe
