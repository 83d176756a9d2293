# kaizala-config.cmake: find_package(kaizala CONFIG) gives
#   kaizala::kaizala   the headers, with Boost.JSON and cpp-httplib to link
#   kaizala::core      the same, with the runtime compiled once (KAIZALA_SEPARATE_COMPILATION)
#   kaizala::codegen   the generator, kaizala-codegen (when it was installed)
#   kaizala_generate() headers from your own spec at build time (KaizalaGenerate.cmake)
# The dependencies are found as kaizala-cpp's own build finds them: Boost through its CMake
# config (1.81, as the root CMakeLists asks), cpp-httplib through pkg-config (Debian's package
# ships no CMake config).
include(CMakeFindDependencyMacro)
find_dependency(Boost 1.81 CONFIG COMPONENTS json)
find_dependency(PkgConfig)
if(NOT TARGET PkgConfig::HTTPLIB)
  pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
  if(NOT HTTPLIB_FOUND)
    set(kaizala_FOUND FALSE)
    set(kaizala_NOT_FOUND_MESSAGE
        "kaizala needs cpp-httplib, found through pkg-config (Debian 12: libcpp-httplib-dev)")
    return()
  endif()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/kaizala-targets.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/KaizalaGenerate.cmake)
