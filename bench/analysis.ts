/**
 * The whole analysis on the national dataset (every service type's distances, worker
 * catchments, aggregates at every level, gap scores), the project's way, against the same
 * nearest-point searches done with plain Turf on a sample and extrapolated.
 */
import * as turf from '@turf/turf';
import { resolveParams, analysisParamsSchema, SERVICE_TYPES } from '../server/domain/index.ts';
import { DatasetAnalysis } from '../server/engine/dataset_analysis.ts';
import { loadNational } from './load_national.ts';
import { median, report } from './report.ts';

const columns = loadNational();
const params = resolveParams(analysisParamsSchema.parse({}));
const gc = (globalThis as { gc?: () => void }).gc;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 20);

const stages: Record<string, number[]> = { index: [], 'distances and worker assignment (two threads)': [], aggregates: [], gaps: [], total: [] };
const reanalysis: number[] = [];
for (let run = 0; run < 5; run++) {
  gc?.();
  const a = new DatasetAnalysis(columns);
  const t0 = performance.now();
  a.index;
  const t1 = performance.now();
  const onWorker = await a.prepare(params);
  const t2 = performance.now();
  a.coverage(params);
  const t3 = performance.now();
  a.gapScores(params, {});
  const t4 = performance.now();
  sample();
  if (onWorker === 0 && process.env.ENGINE_THREADS !== "1") throw new Error("the engine worker did not run");
  stages.index.push(t1 - t0);
  stages['distances and worker assignment (two threads)'].push(t2 - t1);
  stages.aggregates.push(t3 - t2);
  stages.gaps.push(t4 - t3);
  stages.total.push(t4 - t0);
  // what a planner waits for after changing the service standards and the worker reach
  const changed = resolveParams(analysisParamsSchema.parse({ workerReachKm: 8, standardsKm: { school: 3 } }));
  const r0 = performance.now();
  await a.prepare(changed);
  a.coverage(changed);
  a.gapScores(changed, {});
  reanalysis.push(performance.now() - r0);
}
clearInterval(timer);

// Baseline: the same searches with turf.distance against every point, on a sample of villages.
const v = columns.villages;
const s = columns.services;
const w = columns.workers;
const SAMPLE = 300;
const t0 = performance.now();
for (let k = 0; k < SAMPLE; k++) {
  const i = Math.floor((k * v.count) / SAMPLE);
  const from = turf.point([v.lon[i], v.lat[i]]);
  const best = new Array(SERVICE_TYPES.length).fill(Infinity);
  for (let j = 0; j < s.count; j++) {
    const d = turf.distance(from, turf.point([s.lon[j], s.lat[j]]));
    if (d < best[s.type[j]]) best[s.type[j]] = d;
  }
  let nearestWorker = Infinity;
  for (let j = 0; j < w.count; j++) nearestWorker = Math.min(nearestWorker, turf.distance(from, turf.point([w.lon[j], w.lat[j]])));
}
const turfPerVillage = (performance.now() - t0) / SAMPLE;
const turfTotal = turfPerVillage * v.count;
const ours = median(stages.total);

report('analysis (national)', [
  ['villages / workers / service points', `${v.count} / ${w.count} / ${s.count}`],
  ...Object.entries(stages).map(([k, xs]) => [`${k}, median of 5`, `${median(xs).toFixed(0)} ms`] as [string, string]),
  ['re-analysis after changing standards and reach, median of 5', `${median(reanalysis).toFixed(0)} ms`],
  ['peak RSS (process, including the loaded dataset)', `${(peakRss / 2 ** 30).toFixed(2)} GiB`],
  [`plain Turf, nearest of each type + nearest worker, ${SAMPLE} villages, extrapolated to all`, `${(turfTotal / 1000).toFixed(0)} s`],
  ['ratio Turf / ours', `${(turfTotal / ours).toFixed(0)}x`],
]);
process.exit(0);
