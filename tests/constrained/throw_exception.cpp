// What a program built with -fno-exceptions must supply when it uses Boost.JSON (linked):
// Boost's headers then declare boost::throw_exception but define it nowhere, and a few inline
// Boost.JSON functions the binding instantiates (e.g. a value's allocation failing) call it.
// The binding itself never reaches them on a well-formed path; this is the abort they get.
#include <boost/assert/source_location.hpp>
#include <boost/throw_exception.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace boost {

void throw_exception(const std::exception& e) {
  std::fprintf(stderr, "boost::throw_exception without exceptions: %s\n", e.what());
  std::abort();
}

void throw_exception(const std::exception& e, const boost::source_location& where) {
  std::fprintf(stderr, "boost::throw_exception without exceptions: %s (%s:%u)\n", e.what(),
               where.file_name(), static_cast<unsigned>(where.line()));
  std::abort();
}

}  // namespace boost
