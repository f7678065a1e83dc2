import { settings, tiers } from './ava.config.js';

export default { ...settings, files: tiers.oracle };
