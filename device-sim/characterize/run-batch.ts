import type { DeviceConfig } from './device-config.ts';
import { runLlgTrialBatch } from './llg-protocol.ts';
import { runTrialBatch, type TrialBatch, type TrialResults } from './protocol.ts';

/** Runs a batch on the model it names: the micromagnetic strip when it carries LLG settings, else the 1-D model. */
export function runBatch(device: DeviceConfig, batch: TrialBatch): TrialResults {
  return batch.llg ? runLlgTrialBatch(device, batch, batch.llg) : runTrialBatch(device, batch);
}
