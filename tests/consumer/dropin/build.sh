# kaizala-cpp's include/ folder copied into this project as include/.
c++ -std=c++17 -Iinclude main.cpp $(pkg-config --cflags --libs cpp-httplib openssl) -lboost_json -o app
