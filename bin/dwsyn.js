#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step, so the code that runs
// is always the code whose hash the pipeline records.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../pipeline/cli/cli.ts');
await main(process.argv);
