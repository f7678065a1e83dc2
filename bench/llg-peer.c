/*
 * Peer of the TypeScript micromagnetic field evaluation for `npm run bench`: one thin-film layer,
 * 6-neighbour exchange, uniaxial anisotropy along z, a uniform applied field, the magnetostatic field
 * as a zero-padded convolution with FFTW3 real-to-complex transforms (the same Newell kernel, read from
 * the input), and the LLG right-hand side. One thread, plans made with FFTW_MEASURE.
 * Usage: llg-peer INPUT OUTPUT REPEATS
 *   INPUT (little-endian): int32 nx ny px py; float64 Ms A Ku alpha gamma dx dy Bx By Bz;
 *   float64 kernel xx, yy, zz, xy on px x py (x fastest); float64 m x, y, z on nx x ny.
 *   OUTPUT: float64 B x, y, z (the effective field of the input m).
 * Prints: seconds per evaluation with demag, then without (local terms and the LLG rate only).
 */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int nx, ny, px, py, nc;
static double ms, aex, ku, alpha, gam, dx, dy, bext[3];
static double *kernel_fourier[4]; /* xx yy zz xy, real in Fourier space: stored as real parts */
static double *padded;
static fftw_complex *spectrum[3];
static fftw_plan forward_plan, inverse_plan;

static void read_exact(FILE *f, void *p, size_t bytes) {
  if (fread(p, 1, bytes, f) != bytes) { fprintf(stderr, "llg-peer: short input\n"); exit(2); }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void local_field(const double *mx, const double *my, const double *mz, double *bx, double *by, double *bz) {
  const double cx = 2 * aex / (ms * dx * dx), cy = 2 * aex / (ms * dy * dy), ck = 2 * ku / ms;
  for (int j = 0; j < ny; j++) {
    for (int i = 0; i < nx; i++) {
      int c = i + nx * j;
      double hx = bext[0], hy = bext[1], hz = bext[2] + ck * mz[c];
      if (i > 0) { hx += cx * (mx[c - 1] - mx[c]); hy += cx * (my[c - 1] - my[c]); hz += cx * (mz[c - 1] - mz[c]); }
      if (i < nx - 1) { hx += cx * (mx[c + 1] - mx[c]); hy += cx * (my[c + 1] - my[c]); hz += cx * (mz[c + 1] - mz[c]); }
      if (j > 0) { hx += cy * (mx[c - nx] - mx[c]); hy += cy * (my[c - nx] - my[c]); hz += cy * (mz[c - nx] - mz[c]); }
      if (j < ny - 1) { hx += cy * (mx[c + nx] - mx[c]); hy += cy * (my[c + nx] - my[c]); hz += cy * (mz[c + nx] - mz[c]); }
      bx[c] = hx; by[c] = hy; bz[c] = hz;
    }
  }
}

static void demag_field(const double *m[3], double *b[3]) {
  const double mu0 = 4e-7 * 3.14159265358979323846, scale = mu0 * ms / ((double)px * py);
  for (int a = 0; a < 3; a++) {
    memset(padded, 0, sizeof(double) * px * py);
    for (int j = 0; j < ny; j++) memcpy(padded + (size_t)j * px, m[a] + (size_t)j * nx, sizeof(double) * nx);
    fftw_execute_dft_r2c(forward_plan, padded, spectrum[a]);
  }
  for (int k = 0; k < nc; k++) {
    double kxx = kernel_fourier[0][k], kyy = kernel_fourier[1][k], kzz = kernel_fourier[2][k], kxy = kernel_fourier[3][k];
    for (int part = 0; part < 2; part++) {
      double x = spectrum[0][k][part], y = spectrum[1][k][part], z = spectrum[2][k][part];
      spectrum[0][k][part] = -(kxx * x + kxy * y);
      spectrum[1][k][part] = -(kxy * x + kyy * y);
      spectrum[2][k][part] = -kzz * z;
    }
  }
  for (int a = 0; a < 3; a++) {
    fftw_execute_dft_c2r(inverse_plan, spectrum[a], padded);
    for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) b[a][i + nx * j] += scale * padded[i + (size_t)px * j];
  }
}

static void llg_rate(const double *m[3], double *b[3], double *r[3]) {
  const double c = -gam / (1 + alpha * alpha);
  for (int i = 0; i < nx * ny; i++) {
    double mx = m[0][i], my = m[1][i], mz = m[2][i], bx = b[0][i], by = b[1][i], bz = b[2][i];
    double pxx = my * bz - mz * by, pyy = mz * bx - mx * bz, pzz = mx * by - my * bx;
    r[0][i] = c * (pxx + alpha * (my * pzz - mz * pyy));
    r[1][i] = c * (pyy + alpha * (mz * pxx - mx * pzz));
    r[2][i] = c * (pzz + alpha * (mx * pyy - my * pxx));
  }
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: llg-peer INPUT OUTPUT REPEATS\n"); return 2; }
  FILE *in = fopen(argv[1], "rb");
  if (!in) { perror(argv[1]); return 2; }
  int dims[4];
  read_exact(in, dims, sizeof dims);
  nx = dims[0]; ny = dims[1]; px = dims[2]; py = dims[3];
  double params[10];
  read_exact(in, params, sizeof params);
  ms = params[0]; aex = params[1]; ku = params[2]; alpha = params[3]; gam = params[4]; dx = params[5]; dy = params[6];
  bext[0] = params[7]; bext[1] = params[8]; bext[2] = params[9];
  nc = py * (px / 2 + 1);
  padded = fftw_alloc_real((size_t)px * py);
  for (int a = 0; a < 3; a++) spectrum[a] = fftw_alloc_complex(nc);
  forward_plan = fftw_plan_dft_r2c_2d(py, px, padded, spectrum[0], FFTW_MEASURE);
  inverse_plan = fftw_plan_dft_c2r_2d(py, px, spectrum[0], padded, FFTW_MEASURE);
  for (int c = 0; c < 4; c++) {
    read_exact(in, padded, sizeof(double) * px * py);
    fftw_execute_dft_r2c(forward_plan, padded, spectrum[0]);
    kernel_fourier[c] = malloc(sizeof(double) * nc);
    for (int k = 0; k < nc; k++) kernel_fourier[c][k] = spectrum[0][k][0];
  }
  size_t cells = (size_t)nx * ny;
  double *mem = malloc(sizeof(double) * cells * 9);
  const double *m[3] = { mem, mem + cells, mem + 2 * cells };
  double *b[3] = { mem + 3 * cells, mem + 4 * cells, mem + 5 * cells };
  double *r[3] = { mem + 6 * cells, mem + 7 * cells, mem + 8 * cells };
  read_exact(in, mem, sizeof(double) * cells * 3);
  fclose(in);
  local_field(m[0], m[1], m[2], b[0], b[1], b[2]);
  demag_field(m, b);
  FILE *out = fopen(argv[2], "wb");
  fwrite(b[0], sizeof(double), cells * 3, out);
  fclose(out);
  int repeats = atoi(argv[3]);
  double t0 = now();
  for (int k = 0; k < repeats; k++) { local_field(m[0], m[1], m[2], b[0], b[1], b[2]); demag_field(m, b); llg_rate(m, b, r); }
  double with_demag = (now() - t0) / repeats;
  t0 = now();
  for (int k = 0; k < 10 * repeats; k++) { local_field(m[0], m[1], m[2], b[0], b[1], b[2]); llg_rate(m, b, r); }
  double local = (now() - t0) / (10 * repeats);
  printf("%.9e\n%.9e\n", with_demag, local);
  return 0;
}
