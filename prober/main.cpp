#include "cli/app.hpp"

int main(int argc, char** argv) { return tlsprobe::run_cli(argc, argv); }
