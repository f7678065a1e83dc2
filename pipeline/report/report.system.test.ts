import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { readArtifact } from '../../artifacts/artifact.ts';
import { cliPath, tempDir } from '../test-fixtures/helpers.ts';
import { copyOfSmallPipeline, smallPipeline } from '../test-fixtures/small-pipeline.ts';
import { execa } from 'execa';
import { crossbarModel } from '../../artifacts/schemas/crossbar-model.ts';
import { deviceTable } from '../../artifacts/schemas/device-table.ts';
import { metricsKind, paperTableKind } from '../../artifacts/schemas/nn.ts';
import { reportKind } from '../../artifacts/schemas/report.ts';
import { buildReport } from './build.ts';
import { toRuns } from './inputs.ts';
import { launchChromium } from './screenshot.ts';
import { lineageAudit } from '../stages/report.ts';

const dwsyn = (args: string[]) => execa(process.execPath, [cliPath, ...args], { reject: false });

test.serial('dwsyn run report: the pipeline ends with a report whose files audit clean', async (t) => {
  const { results, config, run: result } = await smallPipeline();
  t.is(result.exitCode, 0, result.stderr);
  t.deepEqual(
    JSON.parse(result.stdout).stages.map((s: { stage: string; action: string }) => s.action),
    ['ran', 'ran', 'ran', 'ran', 'ran'],
  );
  const report = readArtifact(join(results, 'report/report.json'), reportKind).data;
  t.true(report.auditPassed);
  t.deepEqual(report.attachments[0]!.path, 'report.html');
  t.deepEqual(
    report.figures.map((f) => f.id),
    [
      'wall-trajectories',
      'position-histograms',
      'conductance-histograms',
      'drive-calibration',
      'model-comparison',
      'ir-drop',
      'crossbar-sweep',
      'energy',
      'accuracy-epochs',
      'programming-attempts',
    ],
  );
  for (const id of report.figures.map((f) => f.id))
    t.truthy(
      report.attachments.find((a) => a.path === `${id}.png` && a.bytes > 1000),
      `${id}.png`,
    );
  const audit = await dwsyn(['--results-dir', results, '--config', config, 'audit', '--json']);
  t.is(audit.exitCode, 0, audit.stdout);
});

test.serial(
  'the report page renders in chromium: no console error, every plot drawn, every table filled',
  async (t) => {
    const { results } = await smallPipeline();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) errors.push(`fetched ${request.url()}`);
      });
      await page.goto(pathToFileURL(join(results, 'report/report.html')).href);
      // The data marks of each plot (vega's role-mark groups, not axes or legends) and the box they cover:
      // a plot whose bars or lines collapse to nothing covers no area.
      const figures = await page.$$eval('figure', (nodes) =>
        nodes.map((figure) => {
          const marks = [...figure.querySelectorAll('svg g.role-mark > *')]
            .map((m) => m.getBoundingClientRect())
            .filter((b) => b.width > 0 || b.height > 0);
          const left = Math.min(...marks.map((b) => b.left));
          const top = Math.min(...marks.map((b) => b.top));
          return {
            id: figure.id,
            marks: marks.length,
            width: Math.max(...marks.map((b) => b.right)) - left,
            height: Math.max(...marks.map((b) => b.bottom)) - top,
          };
        }),
      );
      t.is(figures.length, 10);
      for (const f of figures)
        t.true(
          f.marks > 0 && f.width > 100 && f.height > 40,
          `${f.id}: ${f.marks} data marks covering ${f.width} x ${f.height}`,
        );
      const rows = async (id: string) => page.$$eval(`#table-${id} tbody tr`, (trs) => trs.length);
      t.is(await rows('paper-comparison'), 4);
      t.is(await rows('paper-table'), 4);
      // Device noise, in-situ against ex-situ and in-situ against float at 3 states, and our three headline rows
      // against the paper's figures.
      t.is(await rows('paper-contrasts'), 6);
      // The paper's own row, then the one in-situ row.
      t.is(await rows('programming-readings'), 2);
      t.is(await rows('crossbar-sweep'), 4);
      t.is(await rows('device-states'), 3);
      t.is(await rows('device-programming'), 1);
      // The default device's parameters outside the literature (alpha, lambda_s, no grain dispersion), flagged.
      t.is(await rows('device-envelope'), 3);
      t.regex((await page.textContent('#envelope-status')) ?? '', /3 device parameters lie outside/);
      // Its one table against the constraints of a credible synapse: its retention is milliseconds, not ten years.
      t.is(await rows('device-design'), 1);
      t.regex((await page.textContent('#design-status')) ?? '', /The 3-state table misses a constraint/);
      t.is(await rows('crossbar-layers'), 2);
      t.is(await rows('ir-drop'), 4);
      // The paper table's first seed: one run per row, two epochs each.
      t.is(await rows('training-runs'), 4);
      t.is(await rows('training-epochs'), 8);
      t.is(await rows('audit'), 3);
      t.is(await page.textContent('#audit-status'), 'passes');
      // Every number of the training table links to an artifact block that exists on the page.
      const targets = await page.$$eval('#table-training-runs a.num', (links) =>
        links.map((a) => a.getAttribute('href')!),
      );
      t.true(targets.length > 0);
      for (const target of new Set(targets)) t.is(await page.locator(target).count(), 1, target);
      const screenshot = join(tempDir(), 'screenshot.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      t.true(readFileSync(screenshot).length > 50_000);
      t.log(`screenshot: ${screenshot}`);
      t.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  },
);

test.serial('strings from configs and artifacts are escaped: nothing in them becomes markup', async (t) => {
  const { results } = await smallPipeline();
  const device = readArtifact(join(results, 'device/device-table.json'), deviceTable);
  const crossbar = readArtifact(join(results, 'crossbar/crossbar-model.json'), crossbarModel);
  const metrics = readArtifact(join(results, 'train/metrics.json'), metricsKind);
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  metrics.data.assumptions = [hostile];
  metrics.data.mode = hostile;
  metrics.provenance.params = { train: { mode: hostile, note: hostile } };
  const paper = readArtifact(join(results, 'paper/paper-table.json'), paperTableKind);
  for (const row of paper.data.rows) row.mode = hostile;
  const path = `train/${hostile}/metrics.json`;
  const { files } = await buildReport({
    title: hostile,
    deviceTable: { path: 'd', artifact: device },
    crossbarModel: { path: 'c', artifact: crossbar },
    paperTable: { path: hostile, artifact: paper },
    runs: toRuns([{ path, artifact: metrics }]),
    auditSource: hostile,
    audit: [{ path, kind: hostile, sha256: 'x', status: 'ok', detail: hostile }],
  });
  const html = files[0]!.content as string;
  t.false(/<script|<img/i.test(html));
  t.true(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
});

test.serial(
  'a changed attachment fails the audit, naming the file; a report from another run fails its lineage',
  async (t) => {
    const { results, config } = await copyOfSmallPipeline();
    const device = readArtifact(join(results, 'device/device-table.json'), deviceTable);
    const metrics = readArtifact(join(results, 'train/metrics.json'), metricsKind);
    const foreign = structuredClone(device);
    foreign.provenance.sha256 = 'f'.repeat(64);
    t.deepEqual(
      lineageAudit([
        { path: 'd', artifact: device },
        { path: 'm', artifact: metrics },
      ]).map((r) => r.status),
      ['ok', 'ok'],
    );
    t.deepEqual(
      lineageAudit([
        { path: 'd', artifact: foreign },
        { path: 'm', artifact: metrics },
      ]).map((r) => r.status),
      ['ok', 'broken-lineage'],
    );
    appendFileSync(join(results, 'report/ir-drop.csv'), 'tampered\n');
    const audit = await dwsyn(['--results-dir', results, '--config', config, 'audit']);
    t.is(audit.exitCode, 3);
    t.regex(audit.stdout, /hash-mismatch .*report\.json .*attachment ir-drop\.csv/);
  },
);

test.serial(
  'dwsyn status lists the summary dwsyn report writes, with its audit: no stage makes it, so none can call it stale',
  async (t) => {
    const { results, config } = await copyOfSmallPipeline();
    const summary = await dwsyn(['--results-dir', results, '--config', config, 'report']);
    t.is(summary.exitCode, 0, summary.stderr);
    const others = async () =>
      JSON.parse((await dwsyn(['--results-dir', results, '--config', config, 'status', '--json'])).stdout).others.map(
        (o: { path: string; status: string }) => [o.path, o.status],
      );
    t.deepEqual(await others(), [[join(results, 'summary/report.json'), 'ok']]);
    appendFileSync(join(results, 'summary/paper-table.csv'), 'tampered\n');
    t.deepEqual(await others(), [[join(results, 'summary/report.json'), 'hash-mismatch']]);
    const text = await dwsyn(['--results-dir', results, '--config', config, 'status']);
    t.regex(text.stdout, /summary\/report\.json {2}report made by a command, audit: hash-mismatch/);
  },
);

test.serial(
  'dwsyn report puts every other device design beside this run: one row per design and table, a copy of this run is none',
  async (t) => {
    const { results, config } = await copyOfSmallPipeline();
    // Another design: the same config with another seed, into a results folder of its own; and a copy of this run's
    // table, as a run of the train stage in a folder of its own leaves it.
    const other = join(tempDir(), 'config.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), seed: 2 }));
    const made = await dwsyn(['--results-dir', join(results, 'seed-2'), '--config', other, 'run', 'paper']);
    t.is(made.exitCode, 0, made.stderr);
    cpSync(join(results, 'device'), join(results, 'margin/device'), { recursive: true });
    const summary = await dwsyn(['--results-dir', results, '--config', config, 'report']);
    t.is(summary.exitCode, 0, summary.stderr);
    const report = readArtifact(join(results, 'summary/report.json'), reportKind).data;
    t.true(report.auditPassed);
    t.true(report.figures.some((f) => f.id === 'device-designs'));
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(results, 'summary/device-designs.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    t.deepEqual(
      rows.map((r) => r['design']),
      ['this run', 'seed-2'],
    );
    for (const [row, folder] of [
      [rows[0]!, results],
      [rows[1]!, join(results, 'seed-2')],
    ] as const) {
      const device = readArtifact(join(folder, 'device/device-table.json'), deviceTable).data.tables[0]!;
      const paper = readArtifact(join(folder, 'paper/paper-table.json'), paperTableKind).data;
      const insitu = paper.rows.find((r) => r.mode === 'insitu')!;
      t.is(
        row['states: mean ± std u'],
        device.entries.map((e) => `${e.meanU.toFixed(3)} ± ${e.stdU.toFixed(3)}`).join(' / '),
      );
      t.is(Number(row['in-situ accuracy']), insitu.testAccuracy.mean, 'the CSV holds the mean');
    }
    t.not(rows[0]!['states: mean ± std u'], rows[1]!['states: mean ± std u'], 'another seed, another table');
  },
);
