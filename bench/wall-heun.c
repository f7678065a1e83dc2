/*
 * Peer of the TypeScript 1-D wall kernel for `npm run bench`: the same stochastic Heun step over
 * struct-of-arrays walls, the same rates (docs/physics.md, equations of motion), a harmonic pin, xoshiro128** streams
 * and the 128-layer ziggurat. Compiled by the benchmark with the system C compiler.
 * Usage: wall-heun WALLS STEPS  (parameters come on stdin as whitespace-separated numbers)
 * Prints: seconds, then q and phi of the first four walls.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { uint32_t s0, s1, s2, s3; } stream_t;

static inline uint32_t next_u32(stream_t *s) {
  uint32_t x = s->s1 * 5u;
  uint32_t result = ((x << 7) | (x >> 25)) * 9u;
  uint32_t t = s->s1 << 9;
  s->s2 ^= s->s0; s->s3 ^= s->s1; s->s1 ^= s->s2; s->s0 ^= s->s3; s->s2 ^= t;
  s->s3 = (s->s3 << 11) | (s->s3 >> 21);
  return result;
}

static inline double uniform(stream_t *s) {
  uint32_t high = next_u32(s) >> 5, low = next_u32(s) >> 6;
  return ((double)high * 67108864.0 + (double)low) / 9007199254740992.0;
}

static const double zig_r = 3.442619855899, zig_v = 9.91256303526217e-3;
static double zig_x[129], zig_ratio[128];

static void zig_init(void) {
  zig_x[0] = zig_v / exp(-0.5 * zig_r * zig_r);
  zig_x[1] = zig_r;
  for (int i = 2; i < 128; i++) zig_x[i] = sqrt(-2 * log(zig_v / zig_x[i - 1] + exp(-0.5 * zig_x[i - 1] * zig_x[i - 1])));
  zig_x[128] = 0;
  for (int i = 0; i < 128; i++) zig_ratio[i] = zig_x[i + 1] / zig_x[i];
}

static double normal(stream_t *s) {
  for (;;) {
    uint32_t a = next_u32(s), b = next_u32(s);
    int layer = a & 127;
    double u = 2 * (((double)(a >> 7) * 2097152.0 + (double)(b >> 11)) / 70368744177664.0) - 1;
    if (fabs(u) < zig_ratio[layer]) return u * zig_x[layer];
    if (layer == 0) {
      double x, y;
      do { x = log(1 - uniform(s)) / zig_r; y = log(1 - uniform(s)); } while (-2 * y < x * x);
      return u < 0 ? x - zig_r : zig_r - x;
    }
    double x = u * zig_x[layer];
    double f0 = exp(-0.5 * (zig_x[layer] * zig_x[layer] - x * x));
    double f1 = exp(-0.5 * (zig_x[layer + 1] * zig_x[layer + 1] - x * x));
    if (f1 + uniform(s) * (f0 - f1) < 1) return x;
  }
}

/* Parameters, in the order the benchmark writes them. */
static double gamma_, alpha, delta, bz, bsh_j, bk, bd, force_to_field, stiffness, pin_at, dt, sigma;

static void rates(int n, const double *q, const double *phi, const double *eq, const double *ep, double *dq, double *dphi) {
  const double inv = 1 / (1 + alpha * alpha), half_pi = M_PI / 2;
  const double const_b = gamma_ * bz, sot_b = gamma_ * half_pi * bsh_j, shape_a = -gamma_ * (bk / 2), dmi_a = gamma_ * half_pi * bd;
  for (int i = 0; i < n; i++) {
    double force = -stiffness * (q[i] - pin_at);
    double s = sin(phi[i]), c = cos(phi[i]);
    double gb = const_b + gamma_ * force * force_to_field + sot_b * c + gamma_ * eq[i];
    double ga = shape_a * 2 * s * c + dmi_a * s + gamma_ * ep[i];
    dq[i] = delta * (ga + alpha * gb) * inv;
    dphi[i] = (gb - alpha * ga) * inv;
  }
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  int n = atoi(argv[1]);
  long steps = atol(argv[2]);
  if (scanf("%lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", &gamma_, &alpha, &delta, &bz, &bsh_j, &bk, &bd, &force_to_field, &stiffness, &pin_at, &dt, &sigma) != 12) return 2;
  zig_init();
  stream_t *streams = malloc(sizeof(stream_t) * n);
  for (int i = 0; i < n; i++) {
    if (scanf("%u %u %u %u", &streams[i].s0, &streams[i].s1, &streams[i].s2, &streams[i].s3) != 4) return 2;
  }
  double *a = calloc(11 * (size_t)n, sizeof(double));
  double *q = a, *phi = a + n, *eq = a + 2 * n, *ep = a + 3 * n, *k1q = a + 4 * n, *k1p = a + 5 * n, *k2q = a + 6 * n, *k2p = a + 7 * n, *qs = a + 8 * n, *ps = a + 9 * n;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long step = 0; step < steps; step++) {
    for (int i = 0; i < n; i++) { eq[i] = sigma * normal(&streams[i]); ep[i] = sigma * normal(&streams[i]); }
    rates(n, q, phi, eq, ep, k1q, k1p);
    for (int i = 0; i < n; i++) { qs[i] = q[i] + dt * k1q[i]; ps[i] = phi[i] + dt * k1p[i]; }
    rates(n, qs, ps, eq, ep, k2q, k2p);
    for (int i = 0; i < n; i++) { q[i] += dt / 2 * (k1q[i] + k2q[i]); phi[i] += dt / 2 * (k1p[i] + k2p[i]); }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.9f\n", (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec));
  for (int i = 0; i < 4 && i < n; i++) printf("%.17g %.17g\n", q[i], phi[i]);
  return 0;
}
