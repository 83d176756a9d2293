// kaizala/version.hpp: the one place the version number is written.
// CMake reads it from here (project version), and kaizala-codegen stamps it into generated headers.
#pragma once

#define KAIZALA_VERSION_MAJOR 0
#define KAIZALA_VERSION_MINOR 1
#define KAIZALA_VERSION_PATCH 0
#define KAIZALA_VERSION_STRING "0.1.0"
