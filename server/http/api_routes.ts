import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { adminCodeSchema, analysisParamsSchema, datasetIdSchema, gapFilterSchema, resolveParams } from '../domain/index.ts';
import { BOUNDARY_LAYERS } from '../ingest/read_dataset_dir.ts';
import { analysisLayerIpc, ANALYSIS_COLUMNS, type AnalysisColumn } from '../results/analysis_layer.ts';
import { gapCsv } from '../results/gap_csv.ts';
import { currentDatasetId, getDataset, readBoundary } from '../store/datasets.ts';
import type { AppContext } from '../trpc/context.ts';
import type { LoadedDataset } from '../store/dataset_cache.ts';
import type { Dataset } from '../domain/index.ts';
import { send } from './send.ts';
import { villageLayerIpc } from './village_layer.ts';
import { servicePointsIpc, workersIpc } from './point_layers.ts';

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

function badRequest(error: z.ZodError): Answer {
  const issue = error.issues[0];
  return { status: 400, message: `${issue.path.join('.') || 'query'}: ${issue.message}` };
}

export async function handleApi(ctx: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const query = Object.fromEntries(url.searchParams);
  const fail = ({ status, message }: Answer) => send(req, res, status, 'text/plain; charset=utf-8', message);

  /** The named dataset (or the current one) loaded, or the answer to give instead. */
  const load = (dataset: number | undefined): Answer | (LoadedDataset & { dataset: Dataset }) => {
    const id = dataset ?? currentDatasetId(ctx.db);
    const row = id === null ? null : getDataset(ctx.db, id);
    if (!row) return { status: 404, message: `no dataset ${dataset ?? '(none loaded)'}` } satisfies Answer;
    return { dataset: row, ...ctx.datasets.get(row.id) };
  };

  if (url.pathname === '/api/layers/villages.arrow') {
    const q = queryBase.safeParse(query);
    if (!q.success) return fail(badRequest(q.error));
    const loaded = load(q.data.dataset);
    if ('status' in loaded) return fail(loaded);
    return send(req, res, 200, 'application/vnd.apache.arrow.stream', villageLayerIpc(loaded.columns.villages));
  }

  if (url.pathname === '/api/layers/analysis.arrow') {
    const q = analysisLayerQuery.safeParse(query);
    if (!q.success) return fail(badRequest(q.error));
    const loaded = load(q.data.dataset);
    if ('status' in loaded) return fail(loaded);
    const params = resolveParams(q.data.params);
    await loaded.analysis.prepare(params);
    const body = analysisLayerIpc(loaded, params, q.data.columns as AnalysisColumn[]);
    return send(req, res, 200, 'application/vnd.apache.arrow.stream', body);
  }

  if (url.pathname === '/api/layers/services.arrow') {
    const q = queryBase.safeParse(query);
    if (!q.success) return fail(badRequest(q.error));
    const loaded = load(q.data.dataset);
    if ('status' in loaded) return fail(loaded);
    return send(req, res, 200, 'application/vnd.apache.arrow.stream', servicePointsIpc(loaded));
  }

  if (url.pathname === '/api/layers/workers.arrow') {
    const q = queryBase.safeParse(query);
    if (!q.success) return fail(badRequest(q.error));
    const loaded = load(q.data.dataset);
    if ('status' in loaded) return fail(loaded);
    const params = resolveParams(q.data.params);
    await loaded.analysis.prepare(params);
    return send(req, res, 200, 'application/vnd.apache.arrow.stream', workersIpc(loaded, params));
  }

  if (url.pathname === '/api/exports/gaps.csv') {
    const q = gapsQuery.safeParse(query);
    if (!q.success) return fail(badRequest(q.error));
    const loaded = load(q.data.dataset);
    if ('status' in loaded) return fail(loaded);
    const unit = q.data.code === undefined ? null : loaded.columns.admin.index.get(q.data.code);
    if (unit === undefined) return fail({ status: 404, message: `no administrative unit ${q.data.code}` });
    const params = resolveParams(q.data.params);
    await loaded.analysis.prepare(params);
    const csv = gapCsv(loaded, params, unit, { category: q.data.category, serviceType: q.data.serviceType });
    res.setHeader('content-disposition', `attachment; filename="gaps-${q.data.code ?? 'all'}.csv"`);
    return send(req, res, 200, 'text/csv; charset=utf-8', csv);
  }

  const boundary = url.pathname.match(/^\/api\/boundaries\/([a-z]+)\.geojson$/);
  if (boundary) {
    const q = queryBase.safeParse(query);
    if (!q.success) return fail(badRequest(q.error));
    const loaded = load(q.data.dataset);
    if ('status' in loaded) return fail(loaded);
    const layer = BOUNDARY_LAYERS.find((l) => l === boundary[1]);
    const geojson = layer ? readBoundary(ctx.db, loaded.dataset.id, layer) : null;
    if (!geojson) return fail({ status: 404, message: `no boundary layer ${boundary[1]}` });
    return send(req, res, 200, 'application/geo+json', geojson);
  }

  return fail({ status: 404, message: 'not found' });
}
