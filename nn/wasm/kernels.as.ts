// Entry of the WebAssembly training kernels: `npm run build:wasm:nn` compiles it into kernels.wasm
// (committed; a test checks that the committed binary is what these sources compile to).
export { matmul, transpose } from './matmul.as';
export { columnSums, batchNormForward, affineActivate, activationBackward, batchNormBackward, adam } from './elementwise.as';
export { updateStates, loadWeights } from './synapses.as';
