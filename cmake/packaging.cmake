# Debian packages: `cpack -G DEB` in a build folder (after the build) writes
#   libkaizala-dev_<version>_<arch>.deb   headers, libkaizala_core.a, the CMake package, kaizala.pc
#   kaizala-tools_<version>_<arch>.deb    kaizala-codegen, kaizala-cli, kaizala-emulator, completion
# from the install components of cmake/CMakeLists.txt and cli/CMakeLists.txt, under /usr.
# Included from the root CMakeLists only when kaizala-cpp is the top-level project, so a project
# that adds it as a subdirectory keeps its own CPack settings.
set(CPACK_PACKAGE_NAME kaizala)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "kaizala-cpp")
set(CPACK_PACKAGE_CONTACT "kaizala-cpp maintainers <kaizala-cpp@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "C++17 bindings for the Microsoft Kaizala REST API")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL dev tools)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <name>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)  # as Debian ships programs: without debug info

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libkaizala-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DESCRIPTION
    "Kaizala REST API bindings for C++17: development files\n Header-only, code-generated C++17 bindings for the Microsoft Kaizala REST API,\n with the runtime compiled once (libkaizala_core.a), the CMake package\n (find_package(kaizala)) and pkg-config files (kaizala, kaizala-headers).")
# What find_package(kaizala) and kaizala.pc find (cmake/kaizala-config.cmake): Boost 1.81 with
# Boost.JSON, cpp-httplib and OpenSSL. The CMake package names kaizala::codegen (kaizala_generate()),
# which kaizala-tools installs, so the two go together, at the same version.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libboost1.81-dev, libboost-json1.81-dev, libcpp-httplib-dev, libssl-dev, pkg-config, kaizala-tools (= ${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME kaizala-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION devel)
set(CPACK_COMPONENT_TOOLS_DESCRIPTION
    "Kaizala REST API tools: generator, command line client, emulator\n kaizala-codegen (C++ bindings from a spec or an OpenAPI document), kaizala-cli\n (every Kaizala operation from the shell, with bash and zsh completion) and\n kaizala-emulator (a local Kaizala service for tests).")
# The shared libraries the programs link (libstdc++, Boost.JSON, cpp-httplib, OpenSSL, yaml-cpp):
# dpkg-shlibdeps reads them from the binaries; without it they are written out for Debian 12.
find_program(KAIZALA_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(KAIZALA_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS
      "libc6, libstdc++6, libgcc-s1, libboost-json1.81.0, libcpp-httplib0.11, libssl3, libyaml-cpp0.7")
endif()

include(CPack)
