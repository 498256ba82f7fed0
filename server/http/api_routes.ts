import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { adminCodeSchema, analysisParamsSchema, datasetIdSchema, gapFilterSchema, resolveParams } from '../domain/index.ts';
import { BOUNDARY_LAYERS } from '../ingest/read_dataset_dir.ts';
import { analysisLayerIpc, ANALYSIS_COLUMNS, type AnalysisColumn } from '../results/analysis_layer.ts';
import { gapCsv } from '../results/gap_csv.ts';
import { scenarioCsv, scenarioGeoJson } from '../results/scenario_exports.ts';
import { getScenario } from '../store/scenarios.ts';
import { liveSnapshotDataset } from '../store/snapshots.ts';
import { currentDatasetId, getDataset, readBoundary } from '../store/datasets.ts';
import type { AppContext } from '../trpc/context.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import type { Dataset } from '../domain/index.ts';
import { send } from './send.ts';
import { villageLayerIpc } from './village_layer.ts';
import { servicePointsIpc, workersIpc } from './point_layers.ts';
import { datasetZip, errorsCsv, errorsQuery, receiveUpload, uploadQuery } from './import_routes.ts';
import { authorise, verdictMessage } from '../auth/authorise.ts';
import type { Role } from '../domain/user.ts';
import { AnalysisTimeoutError, ServerBusyError } from '../limits/analysis_gate.ts';

/**
 * Binary layers, GeoJSON boundaries and CSV exports: what is too large or not JSON-shaped for
 * tRPC. Every query parameter is validated here with the same schemas tRPC uses.
 */
const paramsJson = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined) return {};
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'params must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(analysisParamsSchema);

const queryBase = z.object({
  dataset: z.coerce.number().pipe(datasetIdSchema).optional(),
  params: paramsJson,
});
const analysisLayerQuery = queryBase.extend({
  columns: z
    .string()
    .default('status')
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(ANALYSIS_COLUMNS)).min(1)),
});
const gapsQuery = queryBase.extend({ code: adminCodeSchema.optional() }).extend(gapFilterSchema.shape);

type Answer = { status: number; message: string };
type Loaded = LoadedDataset & { dataset: Dataset };
type Reply = Answer | { type: string; body: string | Uint8Array; filename?: string };

function badRequest(error: z.ZodError): Answer {
  const issue = error.issues[0];
  return { status: 400, message: `${issue.path.join('.') || 'query'}: ${issue.message}` };
}

const ARROW = 'application/vnd.apache.arrow.stream';

/**
 * Each route: its path, the least role that may call it, its query schema, and what it answers
 * for the dataset named (or the current one). Routes whose query has analysis parameters get the
 * analysis prepared first. Anything with village-level positions or figures is for planners.
 */
export interface Route<Q extends z.ZodType> {
  path: RegExp;
  /** GET unless said; a state-changing route gets the CSRF check and an audit row in app.ts */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  role: Role;
  query: Q;
  /** whether a live snapshot's link (?snapshot=token) may read it without an account, for that snapshot's dataset */
  snapshot?: true;
  /** whether the answer reads analysis results (computed first, on both threads) */
  analysis?: true;
  handle?: (loaded: Loaded, query: z.output<Q>, match: RegExpMatchArray, ctx: AppContext) => Reply;
  /** instead of `handle`: reads the request itself (an upload) and needs no dataset loaded */
  request?: (req: IncomingMessage, query: z.output<Q>, match: RegExpMatchArray, ctx: AppContext) => Promise<Reply>;
}
const route = <Q extends z.ZodType>(r: Route<Q>) => r as unknown as Route<z.ZodType>;

export const API_ROUTES = [
  route({ path: /^\/api\/layers\/villages\.arrow$/, role: 'planner', query: queryBase, handle: (l) => ({ type: ARROW, body: villageLayerIpc(l.columns.villages) }) }),
  route({
    path: /^\/api\/layers\/analysis\.arrow$/,
    role: 'planner',
    query: analysisLayerQuery,
    analysis: true,
    handle: (l, q) => ({ type: ARROW, body: analysisLayerIpc(l, resolveParams(q.params), q.columns as AnalysisColumn[]) }),
  }),
  route({ path: /^\/api\/layers\/services\.arrow$/, role: 'planner', query: queryBase, handle: (l) => ({ type: ARROW, body: servicePointsIpc(l) }) }),
  route({ path: /^\/api\/layers\/workers\.arrow$/, role: 'planner', query: queryBase, analysis: true, handle: (l, q) => ({ type: ARROW, body: workersIpc(l, resolveParams(q.params)) }) }),
  route({
    path: /^\/api\/exports\/gaps\.csv$/,
    role: 'planner',
    query: gapsQuery,
    analysis: true,
    handle: (l, q) => {
      const unit = q.code === undefined ? null : l.columns.admin.index.get(q.code);
      if (unit === undefined) return { status: 404, message: `no administrative unit ${q.code}` };
      const csv = gapCsv(l, resolveParams(q.params), unit, { category: q.category, serviceType: q.serviceType });
      return { type: 'text/csv; charset=utf-8', body: csv, filename: `gaps-${q.code ?? 'all'}.csv` };
    },
  }),
  route({
    path: /^\/api\/exports\/scenarios\/(\d+)\.(csv|geojson)$/,
    role: 'planner',
    query: queryBase,
    handle: (_l, _q, match, ctx) => {
      const scenario = getScenario(ctx.db, Number(match[1]));
      if (!scenario) return { status: 404, message: `no scenario ${match[1]}` };
      return match[2] === 'csv'
        ? { type: 'text/csv; charset=utf-8', body: scenarioCsv(scenario), filename: `scenario-${scenario.id}.csv` }
        : { type: 'application/geo+json', body: scenarioGeoJson(scenario), filename: `scenario-${scenario.id}.geojson` };
    },
  }),
  // imports (issue 7): the upload, an import's full error list, a version in the import format
  route({ path: /^\/api\/imports\/upload$/, method: 'POST', role: 'planner', query: uploadQuery, request: (req, q, _m, ctx) => receiveUpload(req, q, ctx) }),
  route({ path: /^\/api\/imports\/([0-9a-f-]{36})\/errors\.csv$/, role: 'planner', query: errorsQuery, request: (_req, _q, m, ctx) => errorsCsv(m, ctx) }),
  route({ path: /^\/api\/exports\/dataset\.zip$/, role: 'planner', query: queryBase, handle: (l, _q, _m, ctx) => datasetZip(l.dataset.id, l.dataset.version, ctx) }),
  route({
    path: /^\/api\/boundaries\/([a-z]+)\.geojson$/,
    role: 'viewer',
    snapshot: true,
    query: queryBase,
    handle: (l, _q, match, ctx) => {
      const layer = BOUNDARY_LAYERS.find((b) => b === match[1]);
      const geojson = layer ? readBoundary(ctx.db, l.dataset.id, layer) : null;
      return geojson ? { type: 'application/geo+json', body: geojson } : { status: 404, message: `no boundary layer ${match[1]}` };
    },
  }),
];

export async function handleApi(ctx: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const answer = (reply: Reply) => {
    if ('status' in reply) return send(req, res, reply.status, 'text/plain; charset=utf-8', reply.message);
    if (reply.filename) res.setHeader('content-disposition', `attachment; filename="${reply.filename}"`);
    send(req, res, 200, reply.type, reply.body);
  };
  for (const r of API_ROUTES) {
    const match = url.pathname.match(r.path);
    if (!match) continue;
    // the role check comes first: a caller without the role learns nothing, not even about bad queries
    const token = r.snapshot ? url.searchParams.get('snapshot') : null;
    const snapshotDataset = token ? liveSnapshotDataset(ctx.db, token) : null;
    const verdict = snapshotDataset !== null ? 'ok' : authorise(ctx.user, r.role);
    if (verdict !== 'ok') return answer({ status: verdict === 'UNAUTHORIZED' ? 401 : 403, message: verdictMessage(verdict, url.pathname, r.role, ctx.user) });
    const method = r.method ?? 'GET';
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      res.setHeader('allow', method);
      return answer({ status: 405, message: `${url.pathname} takes ${method}, not ${req.method}` });
    }
    const q = r.query.safeParse(Object.fromEntries(url.searchParams));
    if (!q.success) return answer(badRequest(q.error));
    if (r.request) return answer(await r.request(req, q.data, match, ctx));
    const query = q.data as { dataset?: number; params: z.output<typeof analysisParamsSchema> };
    const id = snapshotDataset ?? query.dataset ?? currentDatasetId(ctx.db);
    const dataset = id === null ? null : getDataset(ctx.db, id);
    if (!dataset) return answer({ status: 404, message: `no dataset ${query.dataset ?? '(none loaded)'}` });
    const loaded: Loaded = { dataset, ...ctx.datasets.get(dataset.id) };
    if (!r.analysis) return answer(r.handle!(loaded, q.data, match, ctx));
    try {
      const reply = await ctx.analysisGate.run(async () => {
        await loaded.analysis.prepare(resolveParams(query.params));
        return r.handle!(loaded, q.data, match, ctx);
      });
      return answer(reply);
    } catch (err) {
      if (err instanceof ServerBusyError) {
        res.setHeader('retry-after', String(err.retryAfterS));
        return answer({ status: 503, message: err.message });
      }
      if (err instanceof AnalysisTimeoutError) return answer({ status: 504, message: err.message });
      throw err;
    }
  }
  answer({ status: 404, message: 'not found' });
}
