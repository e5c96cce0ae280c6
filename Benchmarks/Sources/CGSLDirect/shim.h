#ifndef CROSSCHECK_BENCHMARKS_CGSLDIRECT_SHIM_H
#define CROSSCHECK_BENCHMARKS_CGSLDIRECT_SHIM_H
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#endif
