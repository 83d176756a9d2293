# An installed kaizala-cpp (PKG_CONFIG_PATH=<prefix>/lib/pkgconfig when outside the default places).
c++ -std=c++17 main.cpp $(pkg-config --cflags --libs kaizala) -o app
