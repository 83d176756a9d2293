# kaizala-config.cmake: find_package(kaizala CONFIG) gives
#   kaizala::headers   the headers with Boost.JSON, for a program with its own transport (no cpp-httplib)
#   kaizala::kaizala   the headers, with Boost.JSON and cpp-httplib to link
#   kaizala::core      the same, with the runtime compiled once (KAIZALA_SEPARATE_COMPILATION)
#   kaizala::codegen   the generator, kaizala-codegen (when it was installed)
#   kaizala_generate() headers from your own spec at build time (KaizalaGenerate.cmake)
# The dependencies are found as kaizala-cpp's own build finds them: Boost through its CMake
# config (1.81, as the root CMakeLists asks), cpp-httplib through pkg-config (Debian's package
# ships no CMake config), OpenSSL through CMake's FindOpenSSL. Without them the package is still found, for kaizala::headers;
# kaizala::kaizala and kaizala::core then fail to link, naming PkgConfig::HTTPLIB or OpenSSL::SSL.
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.81 CONFIG COMPONENTS json)
find_dependency(PkgConfig)
# OpenSSL: the httplib transport calls it itself (Debian 12: libssl-dev).
find_package(OpenSSL QUIET)
if(NOT TARGET PkgConfig::HTTPLIB)
  pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
endif()
if((NOT TARGET PkgConfig::HTTPLIB OR NOT TARGET OpenSSL::SSL) AND NOT kaizala_FIND_QUIETLY)
  message(STATUS "kaizala: cpp-httplib (pkg-config) or OpenSSL not found (Debian 12: libcpp-httplib-dev, "
                 "libssl-dev): only kaizala::headers can be used")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/kaizala-targets.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/KaizalaGenerate.cmake)
