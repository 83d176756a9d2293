# kaizala_generate(<target> SPEC <file> OUTPUT_DIR <dir> [NAMESPACE <ns>] [NAME <api name>] [OVERLAY <file>])
#
# Generates C++ headers from a spec in kaizala-cpp's format (spec/README.md), or from an OpenAPI 3.0/3.1
# or Swagger 2.0 document (JSON or YAML, told apart by content; docs/openapi.md), with kaizala-codegen,
# at build time, before <target> compiles; the build generates them again whenever the spec, the
# generator or these arguments change. A relative SPEC is taken from the current source folder, a
# relative OUTPUT_DIR from the current build folder.
#
# <target> gets the folder above OUTPUT_DIR as an include path: with OUTPUT_DIR
# ${CMAKE_CURRENT_BINARY_DIR}/generated/todo, its sources write #include <todo/all.hpp>.
# NAMESPACE replaces the spec's api.namespace. For an OpenAPI document, NAME sets the API name
# (default: info.title) and OVERLAY names a file merged over the imported spec (docs/openapi.md). The generated headers use the runtime: link <target>
# to kaizala::kaizala.
#
# Shipped with the CMake package (find_package(kaizala)) and defined by kaizala-cpp's own
# CMakeLists (add_subdirectory); both provide the generator as the target kaizala::codegen. In a
# source tree where kaizala-codegen is not part of the default build (a subproject, or
# KAIZALA_BUILD_CODEGEN=OFF), the first kaizala_generate() target to build builds it.
include_guard(GLOBAL)

function(kaizala_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "SPEC;OUTPUT_DIR;NAMESPACE;NAME;OVERLAY" "")
  set(where "kaizala_generate(${target})")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${where}: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "${where}: no target named ${target}; create it before kaizala_generate")
  endif()
  if(NOT arg_SPEC OR NOT arg_OUTPUT_DIR)
    message(FATAL_ERROR "${where}: give SPEC <file> and OUTPUT_DIR <dir>")
  endif()
  if(NOT TARGET kaizala::codegen)
    message(FATAL_ERROR "${where}: the generator kaizala::codegen is missing: kaizala-cpp's "
                        "source tree defines it when yaml-cpp 0.7 is found (Debian 12: "
                        "libyaml-cpp-dev); an installed package has it when it was built with "
                        "KAIZALA_BUILD_CODEGEN=ON")
  endif()

  get_filename_component(spec "${arg_SPEC}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  get_filename_component(out "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  if(NOT EXISTS "${spec}" OR IS_DIRECTORY "${spec}")
    message(FATAL_ERROR "${where}: SPEC ${spec} is not a file")
  endif()

  # In the source tree kaizala::codegen is an alias; commands and dependencies need the real target.
  set(codegen kaizala::codegen)
  get_target_property(aliased kaizala::codegen ALIASED_TARGET)
  if(aliased)
    set(codegen ${aliased})
  endif()
  get_target_property(imported ${codegen} IMPORTED)
  if(imported)
    # An installed generator: rerun when its file changes.
    set(codegen_dependency $<TARGET_FILE:${codegen}>)
  else()
    set(codegen_dependency ${codegen})  # built here: build it first, rerun when it is rebuilt
  endif()
  set(namespace_args)
  if(arg_NAMESPACE)
    set(namespace_args --namespace ${arg_NAMESPACE})
  endif()
  set(overlay)
  if(arg_NAME)
    list(APPEND namespace_args --name ${arg_NAME})
  endif()
  if(arg_OVERLAY)
    get_filename_component(overlay "${arg_OVERLAY}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND namespace_args --overlay ${overlay})
  endif()

  # One stamp per (target, output folder), so a target may generate from several specs.
  string(MAKE_C_IDENTIFIER "${target}" id)
  string(SHA1 out_hash "${out}")
  string(SUBSTRING "${out_hash}" 0 8 out_hash)
  set(step ${id}_kaizala_generate_${out_hash})
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/kaizala_generate/${step}.stamp)
  # Make does not rerun a command whose arguments changed, so the arguments are also a file the
  # command depends on; file(CONFIGURE) rewrites it only when they differ.
  set(arguments_file ${CMAKE_CURRENT_BINARY_DIR}/kaizala_generate/${step}.arguments)
  file(CONFIGURE OUTPUT ${arguments_file} CONTENT "${spec}\n${out}\n${arg_NAMESPACE}\n${arg_NAME}\n${overlay}\n")

  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${codegen} ${spec} -o ${out} ${namespace_args}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${spec} ${overlay} ${codegen_dependency} ${arguments_file}
    COMMENT "kaizala_generate(${target}): ${arg_SPEC} -> ${arg_OUTPUT_DIR}"
    VERBATIM)
  add_custom_target(${step} DEPENDS ${stamp})
  add_dependencies(${target} ${step})

  get_filename_component(include_dir "${out}" DIRECTORY)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE $<BUILD_INTERFACE:${include_dir}>)
  else()
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${include_dir}>)
  endif()
endfunction()
