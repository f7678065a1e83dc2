/**
 * The domain-wall synapse: a perpendicular racetrack whose wall a spin-orbit-torque current moves and a strained gate
 * pins, read by an MTJ. Describe a device with {@link DeviceConfig}, characterize it into a device table (for each
 * state count, the statistics of the wall positions, conductances and energies that programming each state gives)
 * with {@link characterizeDevice}, or run one pulse on the 1-D model ({@link simulateWallCase}) or on the
 * micromagnetic strip ({@link simulateLlgCase}).
 *
 * ```ts
 * import { DeviceConfig, characterizeDevice, createBatchRunner } from 'dwsyn/device';
 * const device = DeviceConfig.parse({ stateCounts: [2], trialsPerState: 50 });
 * const runner = createBatchRunner(device, 1);
 * const table = await characterizeDevice(device, 1, runner);
 * await runner.close();
 * ```
 *
 * @packageDocumentation
 * @module dwsyn/device
 */
export { DeviceConfig, deviceCharacterizationKeys } from './characterize/device-config.ts';
export { characterizeDevice, characterizationWork, type CharacterizeHooks } from './characterize/characterize.ts';
export { createBatchRunner, type BatchRunner } from './characterize/batch-runner.ts';
export { simulateWallCase, checkWallCase, type WallSummary, type WallTrajectory } from './wall/simulate.ts';
export { WallCase } from './wall/wall-case.ts';
export { simulateLlgCase, checkLlgCase, type LlgRow, type LlgTrialResult } from './llg/runs/llg-simulate.ts';
export { LlgCase } from './llg/formats/llg-case.ts';
export { Envelope, literatureEnvelope, type ParameterRange } from './envelope/envelope.ts';
export { checkEnvelope, outsideEnvelope, type ParameterCheck } from './envelope/check.ts';
