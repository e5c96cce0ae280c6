#ifndef CROSSCHECK_CGSL_SHIM_H
#define CROSSCHECK_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_odeiv2.h>

/* Swift 6 refuses to read mutable C globals; these return GSL's constant minimiser types. */
static inline const gsl_multimin_fdfminimizer_type *crosscheck_multimin_bfgs2(void) {
  return gsl_multimin_fdfminimizer_vector_bfgs2;
}
static inline const gsl_min_fminimizer_type *crosscheck_min_brent(void) {
  return gsl_min_fminimizer_brent;
}
static inline const gsl_odeiv2_step_type *crosscheck_odeiv2_rk8pd(void) {
  return gsl_odeiv2_step_rk8pd;
}
#endif
