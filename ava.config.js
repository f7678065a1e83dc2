/**
 * ava's settings, and the test tiers. A test file's name says its tier: `x.system.test.ts` runs the dwsyn command,
 * a pipeline or a tool outside npm; `x.oracle.test.ts` is a long physics or numerics run against an oracle; every
 * other `x.test.ts` is a unit test (fast, in-process). `npm test` runs all three.
 */
export const tiers = {
  all: ['{core,artifacts,presets,examples,pipeline,device-sim,crossbar,nn,datasets}/**/*.test.ts'],
  unit: [
    '{core,artifacts,presets,examples,pipeline,device-sim,crossbar,nn,datasets}/**/*.test.ts',
    '!**/*.oracle.test.ts',
    '!**/*.system.test.ts',
  ],
  oracle: ['{core,artifacts,presets,examples,pipeline,device-sim,crossbar,nn,datasets}/**/*.oracle.test.ts'],
  system: ['{core,artifacts,presets,examples,pipeline,device-sim,crossbar,nn,datasets}/**/*.system.test.ts'],
};

export const settings = {
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  timeout: '5m',
};

export default { ...settings, files: tiers.all };
