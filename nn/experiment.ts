import { trialStream } from '../core/rng.ts';
import type { DeviceTableData } from '../artifacts/schemas/device-table.ts';
import type { Dataset, Split } from '../datasets/dataset.ts';
import { headOf } from '../datasets/dataset.ts';
import { mean, std } from '../core/statistics.ts';
import { UsageError } from '../core/errors.ts';
import type { Progress, ProgressReporter } from '../core/progress.ts';
import {
  gaussianDevice,
  program,
  tableDevice,
  verifyReads,
  type DeviceModel,
  type ProgrammingRule,
} from './synapses.ts';
import { readingName, type TrainConfig } from './train-config.ts';
import { CrossbarConfig } from '../crossbar/crossbar-config.ts';
import { crossbarConditions } from '../crossbar/conditions.ts';
import { type CrossbarEvaluation, evaluateOnCrossbar, type TrainedDevices } from './crossbar-eval.ts';
import type { CrossbarTraining } from './crossbar-forward.ts';
import type { StateConductances } from '../crossbar/mapping.ts';
import { type CrossbarSweep, sweepCrossbar } from './crossbar-sweep.ts';
import type { CrossbarSweepPoint } from '../artifacts/schemas/nn.ts';
import { evaluate, train, type EpochMetrics, type TrainObserver, type TrainOptions } from './train.ts';

/** The device model a config asks for; the table must hold the requested state count. */
export function deviceModelFor(config: TrainConfig, table: DeviceTableData | undefined): DeviceModel {
  if (config.device === 'gaussian')
    return gaussianDevice(config.states, config.gaussianSigma, config.gaussianEnergyPerAttemptJ);
  const stateTable = table?.tables.find((t) => t.states === config.states);
  if (!stateTable) {
    throw new UsageError(
      `train.states: the device table has ${table?.tables.map((t) => t.states).join(', ') ?? 'no'} state tables, not ${config.states}; add ${config.states} to device.stateCounts`,
    );
  }
  return tableDevice(stateTable);
}

/** How the config programs a device: single shot, or write-verify with its margin, attempts and the draw it keeps. */
export function programmingRuleOf(config: TrainConfig): ProgrammingRule {
  return { verify: config.verify, margin: config.margin, maxAttempts: config.maxAttempts };
}

/** The trainer's options for the `train` section's settings, a seed and a mode (device required unless float). */
export function trainOptionsOf(
  config: TrainConfig,
  seed: number,
  mode: TrainOptions['mode'],
  device: DeviceModel | undefined,
): TrainOptions {
  return {
    layers: config.layers,
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    finalLearningRate: config.finalLearningRate,
    activation: config.activation,
    batchNorm: config.batchNorm,
    seed,
    mode,
    ...(device ? { device } : {}),
    programming: programmingRuleOf(config),
    programWhen: config.programWhen,
    layerLearningRateScale: config.layerLearningRateScale,
    hysteresis: config.hysteresis,
    noiseBand: config.noiseBand,
    loss: config.loss,
  };
}

/**
 * A training observer that drives a progress bar of every minibatch (epoch, batch and running training
 * accuracy beside it); `stop` closes the bar.
 */
export function progressObserver(
  report: ProgressReporter,
  label: string,
  onEpoch?: (m: EpochMetrics) => void,
): TrainObserver & { stop(): void } {
  let bar: Progress | undefined;
  return {
    onBatch(p) {
      bar ??= report(label, p.epochs * p.batches);
      bar.increment(
        1,
        `epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batches} train accuracy ${(p.trainAccuracy * 100).toFixed(1)} %`,
      );
    },
    ...(onEpoch ? { onEpoch } : {}),
    stop: () => bar?.stop(),
  };
}

/** Runs one training experiment of the config and returns the model and metrics artifact data. */
export function runExperiment(
  config: TrainConfig,
  table: DeviceTableData | undefined,
  data: Dataset,
  seed: number,
  observer: TrainObserver = {},
  crossbar?: CrossbarConfig,
) {
  return runExperiments(config, [config.mode], table, data, seed, observer, crossbar)[0]!;
}

/** Modes whose networks come from the same training: the ex-situ precursor is the in-situ loop run in software. */
const sharesTraining = (modes: readonly TrainConfig['mode'][]) =>
  modes.length === 1 || modes.every((mode) => mode === 'insitu' || mode === 'exsitu');

/**
 * Runs the experiments of `modes` (the config's other settings shared) from one training, and returns each one's
 * model and metrics in the order given: in-situ and ex-situ of the same seed and state count train the same network,
 * so each result is the one a run of that mode alone gives.
 */
export function runExperiments(
  config: TrainConfig,
  modes: readonly TrainConfig['mode'][],
  table: DeviceTableData | undefined,
  data: Dataset,
  seed: number,
  observer: TrainObserver = {},
  crossbar?: CrossbarConfig,
  sweep?: CrossbarSweep | null,
) {
  if (!sharesTraining(modes)) throw new Error(`modes ${modes.join(', ')} do not share their training`);
  if (new Set(modes).size !== modes.length) throw new Error(`modes ${modes.join(', ')}: one is repeated`);
  if (config.layers[0] !== data.train.pixels)
    throw new UsageError(
      `train.layers: the input layer has ${config.layers[0]} units, the data has ${data.train.pixels} pixels`,
    );
  if (config.layers.at(-1) !== 10)
    throw new UsageError(`train.layers: the output layer must have 10 units (got ${config.layers.at(-1)})`);
  const trainSplit = config.trainImages > 0 ? headOf(data.train, config.trainImages) : data.train;
  const testSplit = config.testImages > 0 ? headOf(data.test, config.testImages) : data.test;
  const first = { ...config, mode: modes[0]! };
  const device = first.mode === 'float' ? undefined : deviceModelFor(first, table);
  const mode = first.mode === 'exsitu' ? 'insitu' : first.mode;
  const hardware =
    mode === 'insitu' && config.crossbarAware ? crossbarTraining(config, device!, table, crossbar, seed) : null;
  const result = train(
    { ...trainOptionsOf(config, seed, mode, device), ...(hardware ? { crossbar: hardware } : {}) },
    trainSplit,
    testSplit,
    observer,
  );
  const trained = {
    ...result,
    device,
    trainSplit,
    testSplit,
    table,
    seed,
    readEnergyJ: verifyReadEnergyJ(crossbar, table),
  };
  // In-situ first: the ex-situ transfers reprogram the devices in-situ reads.
  const finished = new Map(
    [...modes]
      .sort((a, b) => Number(a === 'exsitu') - Number(b === 'exsitu'))
      .map((mode) => [
        mode,
        finishExperiment({ ...config, mode }, trained, crossbar, sweep?.mode === mode ? sweep : null),
      ]),
  );
  return modes.map((mode) => finished.get(mode)!);
}

/**
 * The energy of one verify read by the crossbar's read model: the device alone driven at the read voltage for the read
 * duration through its larger (parallel) conductance, and one ADC conversion of its column. A Gaussian device has no
 * conductance: its reads count the conversion alone.
 */
export function verifyReadEnergyJ(crossbar: CrossbarConfig | undefined, table: DeviceTableData | undefined): number {
  const { readVoltageV, readDurationS, adcEnergyJ } = crossbar ?? CrossbarConfig.parse({});
  const cellJ = table ? readVoltageV ** 2 * table.readout.parallelSiemens * readDurationS : 0;
  return cellJ + adcEnergyJ;
}

/** The arrays hardware-aware training reads its devices through, each partner programmed from the seed's stream. */
function crossbarTraining(
  config: TrainConfig,
  device: DeviceModel,
  table: DeviceTableData | undefined,
  crossbar: CrossbarConfig | undefined,
  seed: number,
): CrossbarTraining {
  if (!crossbar || !table)
    throw new UsageError(
      'train.crossbarAware: hardware-aware training needs the crossbar section and the device table',
    );
  return {
    config: crossbar,
    levels: readoutLevels(config.states, table),
    programPartner: partnerProgrammer(config, device, seed),
  };
}

/**
 * Programs differential partners (G-) with the training's write-verify, from a stream of the seed alone: every
 * evaluation of a network, and its hardware-aware training, draws the same partners.
 */
function partnerProgrammer(config: TrainConfig, device: DeviceModel, seed: number) {
  const random = trialStream(seed, 'nn:crossbar-complement', 0);
  return (state: number) => program(device, state, programmingRuleOf(config), random);
}

/**
 * The conductance levels of a trained network's devices: the MTJ's antiparallel and parallel conductances at the
 * track's ends, as the device table reads them.
 */
function readoutLevels(states: number, table: DeviceTableData): StateConductances {
  const { antiparallelSiemens, parallelSiemens } = table.readout;
  return { states, meanSiemens: [], minSiemens: antiparallelSiemens, maxSiemens: parallelSiemens, samplesSiemens: [] };
}

/**
 * The devices as the crossbar holds them. Quantized: every device at its nominal level. In-situ and ex-situ: the
 * weights the devices realized, and each differential partner a device of its own, programmed with the same
 * write-verify as training.
 */
function trainedDevices(
  config: TrainConfig,
  device: DeviceModel,
  seed: number,
  partners: readonly Float32Array[] | null,
): TrainedDevices {
  if (config.mode === 'quantized') return { realized: false, complementWeight: (state) => device.levels[state]! };
  // Hardware-aware in-situ training programmed each partner as it trained: those are the devices the arrays hold.
  if (config.mode === 'insitu' && partners)
    return { realized: true, complementWeight: (_, layer, index) => partners[layer]![index]! };
  const programPartner = partnerProgrammer(config, device, seed);
  return { realized: true, complementWeight: (state) => programPartner(state).weight };
}

type Trained = ReturnType<typeof train> & {
  device: DeviceModel | undefined;
  trainSplit: Split;
  testSplit: Split;
  table: DeviceTableData | undefined;
  seed: number;
  /** The energy of one verify read. */
  readEnergyJ: number;
};

/** Ex-situ: the precursor's final states programmed into fresh devices, R times; each draw's accuracy and attempts. */
function exsituTransfers(config: TrainConfig, trained: Trained) {
  const { net, synapses, device, testSplit, seed } = trained;
  const transferAccuracies: number[] = [];
  const transferAttempts: number[] = [];
  if (config.mode === 'exsitu' && device) {
    for (let draw = 0; draw < config.exsituDraws; draw++) {
      const random = trialStream(seed, 'nn:exsitu-transfer', draw);
      let attempts = 0;
      synapses.forEach((syn, l) => {
        const w = net.layers[l]!.weight.data;
        syn.state.forEach((state, i) => {
          const done = program(device, state, programmingRuleOf(config), random);
          attempts += done.attempts;
          w[i] = syn.scale * done.weight;
        });
      });
      transferAccuracies.push(evaluate(net, testSplit));
      transferAttempts.push(attempts);
    }
  }
  return { transferAccuracies, transferAttempts };
}

/** Through the crossbar: the devices as they are at the end (ex-situ: the last transfer draw), and the sweep. */
function crossbarResults(
  config: TrainConfig,
  trained: Trained,
  crossbarConfig: CrossbarConfig | undefined,
  sweep: CrossbarSweep | null,
) {
  const { net, synapses, device, trainSplit, testSplit, table, seed } = trained;
  let crossbar: CrossbarEvaluation | null = null;
  let crossbarSweep: CrossbarSweepPoint[] = [];
  let conditions: string | null = null;
  if (config.crossbarEvaluation && crossbarConfig && config.mode !== 'float' && table && device) {
    if (config.mode === 'exsitu')
      synapses.forEach((syn, l) =>
        syn.realized.set(Float32Array.from(net.layers[l]!.weight.data, (w) => w / syn.scale)),
      );
    // Each evaluation programs the same differential partners: they come from a stream of the seed alone.
    const throughCrossbar = (hardware: CrossbarConfig, recalibrationImages = 0) =>
      evaluateOnCrossbar(
        net,
        synapses,
        trainedDevices(config, device, seed, trained.partners),
        readoutLevels(config.states, table),
        hardware,
        trainSplit,
        testSplit,
        seed,
        recalibrationImages,
      );
    crossbar = throughCrossbar(crossbarConfig, config.crossbarRecalibrationImages);
    const { antiparallelSiemens, parallelSiemens } = table.readout;
    conditions = crossbarConditions(crossbarConfig, antiparallelSiemens, parallelSiemens);
    if (sweep) crossbarSweep = sweepCrossbar(sweep, crossbarConfig, crossbar, throughCrossbar);
  }
  return { crossbar, crossbarSweep, conditions };
}

/** How the metrics count energy and program devices, in words, beside the figures (no silent helpers). */
function energyAssumptions(config: TrainConfig, trained: Trained, energyPerAttemptJ: number): string[] {
  return [
    'energy per inference = (programming energy of all in-situ training attempts + energy of their verify reads) / (epochs x training images), as the paper defines it',
    `a verify read costs ${trained.readEnergyJ} J: the device read alone through its parallel conductance at the crossbar's read voltage and duration, plus one ADC conversion`,
    'the initial programming of every device is counted separately (initialProgrammingAttempts), not in the energy per inference',
    `energy per attempt ${energyPerAttemptJ} J: ${config.device === 'table' ? 'mean over states of the device table (set + gate + reset pulses)' : 'the configured Gaussian device value'}`,
    `programming: ${readingName(config)} (${config.verify === 'none' ? 'one attempt, never read back' : `write-verify: each attempt read back, accepted within ${config.margin} of the level (weight units), at most ${config.maxAttempts} attempts, the ${config.verify === 'keep-best' ? 'draw nearest the level' : 'last draw'} kept otherwise`}; ${config.programWhen === 'every-batch' ? 'every device after every minibatch' : 'when its state changes'})`,
    config.hysteresis > 0
      ? `a synapse changes state only when its latent weight lies more than ${config.hysteresis} inside another level's bin (margin B)`
      : 'a synapse changes state when the nearest level of its latent weight changes',
    ...(config.noiseBand > 0
      ? [
          `training forward passes add uniform noise in [-${config.noiseBand}, ${config.noiseBand}] to every weight (margin C)`,
        ]
      : []),
    ...(trained.partners
      ? [
          'hardware-aware training: forward passes read the crossbar arrays; the attempts include those of the differential partners, reprogrammed with their synapses',
        ]
      : []),
  ];
}

/** The model artifact's data: each layer's weights, device states and realized weights, and batch norm. */
function modelData(config: TrainConfig, { net, synapses }: Trained) {
  return {
    mode: config.mode,
    states: config.mode === 'float' ? 0 : config.states,
    layers: net.layers.map((layer, l) => {
      const syn = synapses[l];
      return {
        inputs: layer.inputs,
        outputs: layer.outputs,
        scale: syn?.scale ?? 1,
        latent: Array.from(syn ? syn.latent : layer.weight.data),
        states: syn ? Array.from(syn.state) : [],
        realized: syn && config.mode !== 'quantized' ? Array.from(syn.realized) : [],
        bias: Array.from(layer.bias.data),
        gamma: Array.from(layer.gamma.data),
        beta: Array.from(layer.beta.data),
        runningMean: Array.from(layer.runningMean.data),
        runningVar: Array.from(layer.runningVar.data),
      };
    }),
  };
}

/** The transfers (ex-situ), the crossbar evaluation, the metrics and the model of one mode of a trained network. */
function finishExperiment(
  config: TrainConfig,
  trained: Trained,
  crossbarConfig: CrossbarConfig | undefined,
  sweep: CrossbarSweep | null,
) {
  const { history, device, trainSplit } = trained;
  const { transferAccuracies, transferAttempts } = exsituTransfers(config, trained);
  const { crossbar, crossbarSweep, conditions } = crossbarResults(config, trained, crossbarConfig, sweep);
  const trainingAttempts = history.reduce((s, h) => s + h.programmingAttempts, 0);
  const energyPerAttemptJ = device?.energyPerAttemptJ ?? 0;
  const imagesSeen = config.epochs * (Math.floor(trainSplit.count / config.batchSize) * config.batchSize);
  const insitu = config.mode === 'insitu';
  const trainingReads = insitu ? verifyReads(programmingRuleOf(config), trainingAttempts) : 0;
  const perImage = (count: number, energyJ: number) => (insitu ? (count * energyJ) / imagesSeen : 0);
  const metrics = {
    mode: config.mode,
    states: config.mode === 'float' ? 0 : config.states,
    programming: config.mode === 'float' || config.mode === 'quantized' ? null : readingName(config),
    // Wall times stay out of the data (the stage puts them in the provenance), so a rerun reproduces its hash.
    epochs: history.map(({ seconds: _, ...epoch }) => epoch),
    finalTestAccuracy: config.mode === 'exsitu' ? mean(transferAccuracies) : history.at(-1)!.testAccuracy,
    testAccuracyStd: config.mode === 'exsitu' ? std(transferAccuracies) : 0,
    transferAccuracies,
    crossbarTestAccuracy: crossbar?.testAccuracy ?? null,
    crossbarReadEnergyJ: crossbar?.readEnergyJ ?? null,
    crossbarConditions: conditions,
    crossbarRecalibration: crossbar?.recalibration ?? null,
    crossbarSweep,
    initialProgrammingAttempts: trained.initialAttempts,
    trainingProgrammingAttempts: insitu ? trainingAttempts : 0,
    trainingProgrammingEvents: insitu ? history.reduce((s, h) => s + h.programmingEvents, 0) : 0,
    transferProgrammingAttempts: transferAttempts.length ? Math.round(mean(transferAttempts)) : 0,
    energyPerAttemptJ,
    trainingImages: trainSplit.count,
    attemptsPerTrainingImage: perImage(trainingAttempts, 1),
    trainingVerifyReads: trainingReads,
    verifyReadEnergyJ: trained.readEnergyJ,
    energyPerInferenceJ: perImage(trainingAttempts, energyPerAttemptJ) + perImage(trainingReads, trained.readEnergyJ),
    energyPerInferenceParts: {
      programmingJ: perImage(trainingAttempts, energyPerAttemptJ),
      verifyReadsJ: perImage(trainingReads, trained.readEnergyJ),
    },
    assumptions: energyAssumptions(config, trained, energyPerAttemptJ),
  };
  return { model: modelData(config, trained), metrics };
}
