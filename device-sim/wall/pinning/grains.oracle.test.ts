import test from 'ava';
import { trialStream } from '../../../core/rng.ts';
import { grainDisorder, type GrainOptions } from './grains.ts';

// A 1 nm film, 50 nm wide, K_u 8e5 J/m^3, K_eff 1.72e5 J/m^3, A 2e-11 J/m (Delta = sqrt(A / K_eff) = 10.8 nm).
const film = { kuJPerM3: 8e5, keffJPerM3: 1.72e5, aexJPerM: 2e-11, dmiJPerM2: 0, thicknessM: 1e-9, widthM: 50e-9 };
const deltaOf = (keffJPerM3: number) => Math.sqrt(film.aexJPerM / keffJPerM3);

/**
 * The variance of V(q) over positions inside the track and over `maps` grain maps. (Its mean is not 0: sigma is concave
 * in K, so the grains lower the wall energy on average by about Delta dK^2 / (2 K_eff), the same under the whole wall,
 * which moves no wall.)
 */
function varianceJ2(options: Omit<GrainOptions, 'maps' | 'streamFor' | 'mapOfWall'>, maps: number): number {
  const landscape = grainDisorder({
    ...options,
    maps,
    streamFor: (map) => trialStream(7, 'grains-test', map),
    mapOfWall: (wall) => wall,
  });
  const values: number[] = [];
  for (let map = 0; map < maps; map++)
    for (let q = 0; q <= options.trackLengthM; q += options.trackLengthM / 50) values.push(landscape.energy(q, map));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
}

/**
 * Linear response: sigma(K_eff + dK) = sigma + 2 Delta dK, so a column of n grain rows has an excess of variance
 * (2 Delta dispersion K_u)^2 / n, and V(q) = t w sum_i excess_i w_i(q) has the variance (t w)^2 (2 Delta dispersion
 * K_u)^2 / n times sum_i w_i(q)^2, whose average over q is 1 - Delta / g for grains much larger than the wall and
 * g / (3 Delta) for grains much smaller (the integral of the squared profile).
 */
function expectedJ2(grainSizeM: number, dispersion: number, deltaM: number, profileShare: number): number {
  const rows = film.widthM / grainSizeM;
  const perColumn = (2 * deltaM * dispersion * film.kuJPerM3) ** 2 / rows;
  return (film.thicknessM * film.widthM) ** 2 * perColumn * profileShare;
}

test('grains much larger than the wall: Var V = (t w 2 Delta dK)^2 / n (1 - Delta / g)', (t) => {
  const deltaM = deltaOf(film.keffJPerM3);
  // 200 nm grains, 18 wall widths, on a 200 nm wide track: one row.
  const grainSizeM = 200e-9;
  const options = { ...film, widthM: 200e-9, grainSizeM, dispersion: 0.005, trackLengthM: 2e-6, deltaM };
  const measured = varianceJ2(options, 400);
  const rows = options.widthM / grainSizeM;
  const expected =
    (options.thicknessM * options.widthM) ** 2 *
    ((2 * deltaM * 0.005 * film.kuJPerM3) ** 2 / rows) *
    (1 - deltaM / grainSizeM);
  t.log(`Var V / expected = ${(measured / expected).toFixed(3)}`);
  t.true(Math.abs(measured / expected - 1) < 0.1);
});

test('grains much smaller than the wall: Var V = (t w 2 Delta dK)^2 / n g / (3 Delta), averaged by the wall', (t) => {
  const deltaM = deltaOf(film.keffJPerM3);
  const grainSizeM = 1e-9;
  const measured = varianceJ2({ ...film, grainSizeM, dispersion: 0.005, trackLengthM: 600e-9, deltaM }, 200);
  const expected = expectedJ2(grainSizeM, 0.005, deltaM, grainSizeM / (3 * deltaM));
  t.log(`Var V / expected = ${(measured / expected).toFixed(3)}`);
  t.true(Math.abs(measured / expected - 1) < 0.1);
});

test("the grains follow the gate: with K_eff halved, Delta grows by sqrt 2 and so does the landscape's rms", (t) => {
  const grainSizeM = 1e-9;
  const rms = (keffJPerM3: number) =>
    Math.sqrt(
      varianceJ2(
        { ...film, keffJPerM3, grainSizeM, dispersion: 0.005, trackLengthM: 600e-9, deltaM: deltaOf(keffJPerM3) },
        200,
      ),
    );
  // In the small-grain limit V_rms is proportional to Delta sqrt(g / Delta) = sqrt(Delta g).
  const ratio = rms(film.keffJPerM3 / 2) / rms(film.keffJPerM3);
  t.log(`rms ratio ${ratio.toFixed(3)} against ${(2 ** 0.25).toFixed(3)}`);
  t.true(Math.abs(ratio / 2 ** 0.25 - 1) < 0.05);
});

test('no dispersion, no landscape', (t) => {
  const deltaM = deltaOf(film.keffJPerM3);
  const landscape = grainDisorder({
    ...film,
    grainSizeM: 10e-9,
    dispersion: 0,
    trackLengthM: 600e-9,
    deltaM,
    maps: 1,
    streamFor: (map) => trialStream(7, 'grains-test', map),
    mapOfWall: () => 0,
  });
  // Rounding only: a wall's energy on this film is t w sigma = 3e-19 J, its disorder at 1 % about 1e-21 J.
  for (let q = 0; q < 600e-9; q += 7e-9) t.true(Math.abs(landscape.energy(q, 0)) < 1e-30, `${q}`);
  t.true(landscape.maxForceN < 1e-20);
});
