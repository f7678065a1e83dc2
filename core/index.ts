/**
 * What every part of dwsyn shares: physical constants (SI, {@link mu0TMPerA}, ...), counter-based random streams that
 * give a (seed, label, trial index) the same draws on any worker ({@link trialStream}), and the statistics the tables
 * report ({@link meanInterval}, {@link pairedTTest}, {@link holm}).
 *
 * @packageDocumentation
 * @module dwsyn/core
 */
export * from './constants.ts';
export { RandomStream, trialStream } from './rng.ts';
export {
  holm,
  meanInterval,
  oneSampleTTest,
  pairedTTest,
  welchTTest,
  type MeanInterval,
  type TTestResult,
} from './significance.ts';
export { mean, std, quantiles, histogram, ksTwoSample } from './statistics.ts';
