import { crossbarStage } from './crossbar.ts';
import { ablationStage } from './ablation.ts';
import { deviceLlgStage } from './device-llg.ts';
import { deviceStage } from './device.ts';
import { paperStage } from './paper.ts';
import { trainStage } from './train.ts';
import { reportStage } from './report.ts';
import type { Stage } from '../run/stage.ts';

/**
 * The pipeline's stage table, in the spirit of dvc.yaml: each stage module contributes one row.
 * Stages talk only through the artifacts they declare.
 */
export const stages: readonly Stage[] = [
  deviceStage,
  deviceLlgStage,
  crossbarStage,
  trainStage,
  paperStage,
  ablationStage,
  reportStage,
];
