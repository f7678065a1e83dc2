import { softmaxCrossEntropy } from './mlp.ts';

/** A loss over a batch of logits: the mean loss, the correct predictions, and dLoss/dLogits into `grad`. */
export type LossFunction = (
  logits: Float32Array,
  labels: ArrayLike<number>,
  classes: number,
  grad: Float32Array | undefined,
) => { loss: number; correct: number };

/**
 * The squared hinge (L2-SVM) loss of BinaryConnect and BinaryNet: targets +1 for the label and -1
 * elsewhere, loss = mean over batch and classes of max(0, 1 - t y)^2.
 */
export const squaredHinge: LossFunction = (logits, labels, classes, grad) => {
  const batch = labels.length;
  const scale = 1 / (batch * classes);
  let loss = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    let argmax = 0;
    for (let c = 0; c < classes; c++) {
      const y = logits[b * classes + c]!;
      if (y > logits[b * classes + argmax]!) argmax = c;
      const target = c === labels[b] ? 1 : -1;
      const margin = Math.max(0, 1 - target * y);
      loss += margin * margin;
      if (grad) grad[b * classes + c] = -2 * target * margin * scale;
    }
    if (argmax === labels[b]) correct += 1;
  }
  return { loss: loss * scale, correct };
};

export const losses: Record<'cross-entropy' | 'squared-hinge', LossFunction> = {
  'cross-entropy': softmaxCrossEntropy,
  'squared-hinge': squaredHinge,
};
