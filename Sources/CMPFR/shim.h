#ifndef CROSSCHECK_CMPFR_SHIM_H
#define CROSSCHECK_CMPFR_SHIM_H
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>
#endif
