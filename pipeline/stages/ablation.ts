import { z } from 'zod';
import { CrossbarConfig } from '../../crossbar/crossbar-config.ts';
import { paperTableKind } from '../../artifacts/schemas/nn.ts';
import { deviceTableInput } from './device-table-input.ts';
import { defineStage } from '../run/stage.ts';
import { AblationConfig, ablationTable } from '../../nn/ablation-config.ts';
import { runPaperGroup } from '../../nn/paper-run.ts';
import { repeatedSeeds, SharedTrainConfig, sharedTrainKeys, trainTable } from './paper.ts';
import { checkTrainConfig } from './train.ts';

/**
 * The ablation grid (opt-in): every programming reading at every margin, batch norm off and on, at every state count,
 * each in-situ row against float of its network, trained as the paper table is (worker threads or cluster shards).
 */
export const ablationStage = defineStage({
  id: 'ablation',
  version: 1,
  description:
    'train the ablation grid: programming reading x margin x batch norm x state count, in-situ against float (opt-in)',
  entry: import.meta.url,
  optIn: true,
  config: { section: 'ablation', schema: AblationConfig },
  reads: ['ablation', ...sharedTrainKeys.map((key) => `train.${key}`), 'crossbar'],
  params: z.object({ ablation: AblationConfig, train: SharedTrainConfig, crossbar: CrossbarConfig }),
  inputs: { 'device-table': deviceTableInput },
  outputs: { 'ablation-table': paperTableKind },
  runShard: async (payload) => runPaperGroup(payload),
  check: ({ ablation, train }) => [...checkTrainConfig(train), ...repeatedSeeds(ablation.seeds, 'ablation.seeds')],
  async run({ params, inputs, ...context }) {
    const { ablation, train, crossbar } = params;
    // The grid's networks are judged by accuracy and programming: the crossbar evaluation is the paper table's.
    const grid = { ...train, crossbarEvaluation: false };
    const data = await trainTable(
      ablationTable(ablation),
      grid,
      crossbar,
      inputs['device-table'].data,
      context,
      () => 'ablation.states',
    );
    return { 'ablation-table': data };
  },
});
