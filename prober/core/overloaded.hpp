#pragma once

namespace tlsprobe {

// std::visit with one lambda per alternative (the idiom C++ never put in the library).
template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace tlsprobe
