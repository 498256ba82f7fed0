// Solves one mixed-integer programme with HiGHS (WebAssembly) off the main thread, so the
// server keeps answering while it runs and a cancelled solve can simply be terminated.
// Plain JavaScript: it needs nothing from the TypeScript sources, and starts faster without tsx.
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';

const { model, start, timeLimitS, relativeGap } = workerData;
const highs = await loadHighs();
const m = highs.createModel({
  numCols: model.numCols,
  numRows: model.numRows,
  sense: highs.constants.objectiveSense.maximize,
  colCost: model.colCost,
  colLower: model.colLower,
  colUpper: model.colUpper,
  rowLower: model.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
  rowUpper: model.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
  matrix: { format: 'csr', numRows: model.numRows, numCols: model.numCols, starts: model.starts, indices: model.indices, values: model.values },
  integrality: model.integrality,
});
try {
  m.options.set({ output_flag: false, time_limit: timeLimitS, mip_rel_gap: relativeGap });
  if (start) m.setSolution({ colValue: start });
  let last = 0;
  m.run({
    [highs.constants.callbackType.mipLogging](event) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      parentPort.postMessage({ kind: 'progress', primal: event.data.mip_primal_bound ?? null, dual: event.data.mip_dual_bound ?? null, gap: event.data.mip_gap ?? null });
    },
  });
  const status = m.getModelStatus();
  const names = highs.constants.modelStatus;
  const hasSolution = Number(m.info.get('primal_solution_status')) === 2;
  parentPort.postMessage({
    kind: 'done',
    optimal: status === names.optimal,
    timeLimit: status === names.timeLimit,
    infeasible: status === names.infeasible,
    status: Object.keys(names).find((k) => names[k] === status) ?? String(status),
    objective: hasSolution ? m.getObjectiveValue() : null,
    dualBound: Number(m.info.get('mip_dual_bound')),
    gap: Number(m.info.get('mip_gap')),
    colValue: hasSolution ? m.getSolution().colValue : null,
  });
} finally {
  m.dispose();
}
