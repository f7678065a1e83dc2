import { crossbarStage } from '../../crossbar/stage.ts';
import { ablationStage } from '../../nn/ablation-stage.ts';
import { deviceLlgStage } from '../../device-sim/llg-stage.ts';
import { deviceStage } from '../../device-sim/stage.ts';
import { paperStage } from '../../nn/paper-stage.ts';
import { trainStage } from '../../nn/stage.ts';
import { reportStage } from '../report/stage.ts';
import type { Stage } from './stage.ts';

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
