/* The ABI is header-only; SwiftPM needs one source file to make this a C target. */
#include "cnnc_abi.h"
