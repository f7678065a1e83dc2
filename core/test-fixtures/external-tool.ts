import { execFileSync } from 'node:child_process';
import test, { type ImplementationFn } from 'ava';

/** A program, package or service outside npm that some tests need. */
export interface ExternalTool {
  /** What is missing, as a user would name it. */
  name: string;
  /** The command that installs it on this project's machines (Debian). */
  install: string;
  found: () => boolean;
}

const onPath = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export const systemNgspice: ExternalTool = {
  name: 'ngspice (the system build, compared with the WebAssembly one)',
  install: 'apt-get install -y ngspice',
  found: () => onPath('ngspice'),
};

export const cCompiler: ExternalTool = {
  name: 'a C compiler (cc)',
  install: 'apt-get install -y gcc libc6-dev',
  found: () => onPath('cc'),
};

export const slurmCluster: ExternalTool = {
  name: 'Slurm with munge, run as root (a local single-node cluster)',
  install: 'apt-get install -y slurm-wlm munge, and run the tests as root',
  found: () => onPath('slurmctld') && onPath('slurmd') && onPath('munged') && process.getuid?.() === 0,
};

type Impl = ImplementationFn<[]>;

/** The subset of ava's test function that the tests of an external tool use. */
export interface ToolTest {
  (title: string, impl: Impl): void;
  serial: (title: string, impl: Impl) => void;
  before: (impl: Impl) => void;
  afterAlways: (impl: Impl) => void;
}

const inCi = () => process.env['CI'] === 'true';

/**
 * ava's test function for tests that need `tool`. Found: the tests run. Missing: they are skipped after one line
 * naming what to install; under CI=true (CI installs everything) a missing tool is a failing test instead.
 */
export function testWith(tool: ExternalTool): ToolTest {
  const found = tool.found();
  if (!found) {
    const reason = `${tool.name} not found; install it with: ${tool.install}`;
    if (inCi()) test(`CI has ${tool.name}`, (t) => t.fail(reason));
    else console.log(`skipped (${reason})`);
  }
  const run = found || inCi();
  const declare = (title: string, impl: Impl) => (run ? test(title, impl) : test.skip(title, impl));
  return Object.assign(declare, {
    serial: (title: string, impl: Impl) => (run ? test.serial(title, impl) : test.serial.skip(title, impl)),
    before: (impl: Impl) => (run ? test.before(impl) : undefined),
    afterAlways: (impl: Impl) => (run ? test.after.always(impl) : undefined),
  });
}
