/* printf with floats: fixed, exponent, shortest and hex forms, rounding, math library results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const double v[] = {0.0, -0.0, 1.0, -1.5, 3.141592653589793, 2.718281828459045, 1e-300, 6.02214076e23,
                      0.1, 1.0 / 3.0, 123456789.125, 5e-324, 1.7976931348623157e308, 0.5, 2.5, -2.5};
  for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
    printf("%2u  %f  %.3e  %g  %.17g  %a  %10.2f|\n", i, v[i], v[i], v[i], v[i], v[i], v[i]);
  printf("inf %f %e nan %f %g\n", INFINITY, -INFINITY, NAN, -NAN);
  float f = 0.1f;
  double acc = 0;
  for (int i = 1; i <= 1000; i++) acc += 1.0 / ((double)i * i);
  printf("float %.9g  sum(1/i^2) %.15f  pi^2/6 %.15f\n", f, acc, M_PI * M_PI / 6);
  for (int i = 0; i <= 8; i++) {
    double x = i * 0.625;
    printf("x=%.3f sqrt=%.12f sin=%.12f cos=%.12f exp=%.12g log1p=%.12f pow=%.12g atan2=%.12f\n", x, sqrt(x), sin(x),
           cos(x), exp(x), log1p(x), pow(x, 1.5), atan2(x, 1.0 + x));
  }
  const char *s[] = {"1e10", "0x1.8p3", "-12.375", "3.14159", "1e-5", "nan", "-inf"};
  for (unsigned i = 0; i < sizeof s / sizeof s[0]; i++) printf("strtod(%s) = %.10g\n", s[i], strtod(s[i], NULL));
  printf("rounding: %.0f %.0f %.0f %.0f %.1f %.2f\n", 0.5, 1.5, 2.5, -0.5, 0.05, 1.005);
  long double ld = 1.0L / 3.0L;
  printf("long double %.30Lf\n", ld);
  return 0;
}
