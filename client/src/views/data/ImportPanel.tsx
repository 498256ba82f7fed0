import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BOUNDARY_IMPORT_LAYERS,
  CRS_CHOICES,
  ENCODING_CHOICES,
  IMPORT_KINDS,
  type ColumnMapping,
  type Crs,
  type EncodingChoice,
  type ImportKind,
  type ImportRowError,
  type BoundaryImportLayer,
} from '../../../../server/domain/import.ts';
import { uploadFile, type Uploaded } from '../../api/imports.ts';
import { useTRPC } from '../../api/trpc.ts';
import { formatNumber } from '../../i18n/index.ts';
import { CONFIDENCE_KEYS, CRS_KEYS, FIELD_LABEL_KEYS, KIND_KEYS, LAYER_KEYS, PHASE_KEYS } from './field_labels.ts';

/** The reading choices the user makes over what the preview detected. */
interface Choices {
  kind?: ImportKind;
  encoding: EncodingChoice;
  sheet?: string;
  mapping?: ColumnMapping;
  layer?: BoundaryImportLayer;
}

const FINISHED = ['done', 'failed', 'cancelled'];

/** A table of row errors, reasons in the interface's language. */
export function ErrorTable({ errors, testid }: { errors: ImportRowError[]; testid: string }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="data-table errors" data-testid={testid}>
      <thead>
        <tr>
          <th>{t('dataRow')}</th>
          <th>{t('dataColumn')}</th>
          <th>{t('dataValue')}</th>
          <th>{t('dataReason')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, k) => (
          <tr key={k}>
            <td>{e.file ? `${e.file} ` : ''}{e.row ?? '–'}</td>
            <td>{e.column}</td>
            <td className="value">{e.value}</td>
            <td>{i18n.language === 'en' ? e.reason : e.reasonZh}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Importing a file: upload it, see what the server makes of it (format, encoding, header,
 * which column is which field, the first rows as they would be stored, the first errors),
 * correct the mapping, say which coordinate system the positions are in, then check or import,
 * and follow the import to its end.
 */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const num = (x: number) => formatNumber(x, i18n.language);
  const [upload, setUpload] = useState<Uploaded | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Choices>({ encoding: 'auto' });
  const [crs, setCrs] = useState<Crs | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const preview = useQuery({
    ...trpc.imports.preview.queryOptions({ uploadId: upload?.uploadId ?? '00000000-0000-0000-0000-000000000000', ...choices, crs: crs ?? undefined }),
    enabled: upload !== null && jobId === null,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  const commit = useMutation(trpc.imports.commit.mutationOptions({ onSuccess: (s) => setJobId(s.id) }));
  const cancel = useMutation(trpc.imports.cancel.mutationOptions());
  const status = useQuery({
    ...trpc.imports.status.queryOptions({ id: jobId ?? '00000000-0000-0000-0000-000000000000' }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.phase) ? false : 400),
  });
  // an import still running when the page was (re)opened is followed again
  const recent = useQuery({ ...trpc.imports.recent.queryOptions(), enabled: jobId === null && upload === null });
  const running = recent.data?.find((r) => !FINISHED.includes(r.phase));
  useEffect(() => {
    if (running && jobId === null && upload === null) setJobId(running.id);
  }, [running, jobId, upload]);
  const job = status.data;
  const written = job?.phase === 'done' && job.datasetId !== null;
  // a new version changes every figure: everything is fetched again
  useEffect(() => {
    if (written) void queryClient.invalidateQueries();
  }, [written, queryClient]);

  async function choose(file: File | undefined) {
    if (!file) return;
    setUpload(null);
    setUploadError(null);
    setChoices({ encoding: 'auto' });
    setCrs(null);
    setJobId(null);
    setUploading(0);
    try {
      setUpload(await uploadFile(file, setUploading));
    } catch (err) {
      setUploadError((err as Error).message);
    } finally {
      setUploading(null);
    }
  }

  const p = preview.data;
  const kind = choices.kind ?? p?.kind;
  const start = (dryRun: boolean) => {
    if (!upload || !kind || !crs) return;
    commit.mutate({ uploadId: upload.uploadId, ...choices, kind, crs, dryRun });
  };
  const setMapping = (field: string, column: string) =>
    setChoices({ ...choices, mapping: { ...choices.mapping, [field]: column === '' ? null : Number(column) } });
  const sampleFields = p ? [...new Set(p.sample.flatMap((r) => Object.keys(r.values)))] : [];

  return (
    <section className="panel import-panel" data-testid="import-panel">
      <h2>{t('dataImport')}</h2>
      <p className="muted">{t('dataImportHelp')}</p>
      {jobId === null && (
        <label className="file-choice">
          <input type="file" data-testid="import-file" accept=".csv,.txt,.tsv,.xlsx,.json,.geojson,.topojson,.zip" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
      )}
      {uploading !== null && <div data-testid="uploading">{t('dataUploading', { percent: Math.round(uploading * 100) })}</div>}
      {uploadError && <div className="error-text">{t('dataUploadFailed', { message: uploadError })}</div>}
      {preview.error && <div className="error-text">{preview.error.message}</div>}

      {p && upload && jobId === null && (
        <div className="import-preview" data-testid="import-preview" data-kind={p.kind} data-format={p.format}>
          <div className="import-facts">
            <span>{upload.name} ({upload.size < 1048576 ? `${num(Math.ceil(upload.size / 1024))} KB` : `${num(Math.round((upload.size / 1048576) * 10) / 10)} MB`})</span>
            <span>
              {t('dataFormat')}: {p.format.toUpperCase()}
              {p.encoding ? ` · ${p.encoding === 'gb18030' ? 'GBK / GB18030' : p.encoding.toUpperCase()}` : ''}
            </span>
            {p.headerRow !== null && <span>{t('dataHeaderRow', { row: p.headerRow })}</span>}
          </div>
          <div className="import-choices">
            <label>
              {t('dataKind')}{' '}
              <select value={kind} data-testid="import-kind" onChange={(e) => setChoices({ ...choices, kind: e.target.value as ImportKind, mapping: undefined })}>
                {IMPORT_KINDS.filter((k) => p.kindCandidates.includes(k) || k === kind).map((k) => (
                  <option key={k} value={k}>
                    {t(KIND_KEYS[k])}
                  </option>
                ))}
              </select>
            </label>
            {p.format === 'csv' && (
              <label>
                {t('dataEncoding')}{' '}
                <select value={choices.encoding} data-testid="import-encoding" onChange={(e) => setChoices({ ...choices, encoding: e.target.value as EncodingChoice })}>
                  {ENCODING_CHOICES.map((c) => (
                    <option key={c} value={c}>
                      {c === 'auto' ? t('encodingAuto') : c === 'gbk' ? 'GBK / GB18030' : 'UTF-8'}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {p.sheets.length > 0 && (
              <label>
                {t('dataSheet')}{' '}
                <select value={choices.sheet ?? p.sheet ?? ''} data-testid="import-sheet" onChange={(e) => setChoices({ ...choices, sheet: e.target.value, mapping: undefined })}>
                  {p.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {p.layer && (
              <label>
                {t('dataLayer')}{' '}
                <select value={choices.layer ?? p.layer} data-testid="import-layer" onChange={(e) => setChoices({ ...choices, layer: e.target.value as BoundaryImportLayer })}>
                  {BOUNDARY_IMPORT_LAYERS.map((l) => (
                    <option key={l} value={l}>
                      {t(LAYER_KEYS[l])}
                    </option>
                  ))}
                </select>
                {p.counts.features !== null && <span className="muted"> {t('dataFeatures', { count: p.counts.features })}</span>}
              </label>
            )}
          </div>

          {p.fields.length > 0 && (
            <>
              <h3>{t('dataMapping')}</h3>
              <table className="data-table mapping" data-testid="import-mapping">
                <thead>
                  <tr>
                    <th>{t('dataField')}</th>
                    <th>{t('dataColumn')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {p.fields.map((f) => (
                    <tr key={f.field} data-confidence={f.confidence}>
                      <td>
                        {t(FIELD_LABEL_KEYS[f.field] ?? f.field)}
                        {f.required && <span className="muted"> ({t('dataRequired')})</span>}
                      </td>
                      <td>
                        <select value={f.column ?? ''} data-testid={`mapping-${f.field}`} onChange={(e) => setMapping(f.field, e.target.value)}>
                          <option value="">{t('dataNoColumn')}</option>
                          {p.header.map((h, i) => (
                            <option key={i} value={i}>
                              {h || `#${i + 1}`}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className={f.confidence === 'partial' ? 'warn-text' : 'muted'}>{t(CONFIDENCE_KEYS[f.confidence])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          <fieldset className="crs-choice" data-testid="import-crs">
            <legend>{t('dataCrsAsk')}</legend>
            {CRS_CHOICES.map((c) => (
              <label key={c}>
                <input type="radio" name="crs" value={c} checked={crs === c} data-testid={`crs-${c}`} onChange={() => setCrs(c)} />
                {t(CRS_KEYS[c])}
              </label>
            ))}
            {p.crsSuggestion && (
              <div className="warn-text" data-testid="crs-suggestion">
                {i18n.language === 'en' ? p.crsSuggestion.message : p.crsSuggestion.messageZh}{' '}
                <button className="link-button" onClick={() => setCrs(p.crsSuggestion!.crs)}>
                  {t('dataCrsSuggest', { crs: t(CRS_KEYS[p.crsSuggestion.crs]) })}
                </button>
              </div>
            )}
          </fieldset>

          {p.warnings.length > 0 && (
            <ul className="warnings" data-testid="import-warnings">
              {p.warnings.map((w, k) => (
                <li key={k}>{i18n.language === 'en' ? w.message : w.messageZh}</li>
              ))}
            </ul>
          )}

          {p.sample.length > 0 && (
            <>
              <h3>{t('dataPreview', { count: p.sample.length })}</h3>
              <div className="table-scroll">
                <table className="data-table sample" data-testid="preview-table">
                  <thead>
                    <tr>
                      <th>{t('dataRow')}</th>
                      {sampleFields.map((f) => (
                        <th key={f}>{t(FIELD_LABEL_KEYS[f] ?? f)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {p.sample.map((r) => (
                      <tr key={r.row}>
                        <td>{r.row}</td>
                        {sampleFields.map((f) => (
                          <td key={f}>{r.values[f]}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <div className="muted" data-testid="preview-counts">
            {t('dataChecked', { rows: num(p.counts.rowsChecked), errors: num(p.counts.errors) })}
          </div>
          {p.errors.length > 0 && <ErrorTable errors={p.errors} testid="preview-errors" />}

          <div className="import-actions">
            <button disabled={!crs || commit.isPending} data-testid="import-dry-run" onClick={() => start(true)}>
              {t('dataDryRun')}
            </button>
            <button className="primary" disabled={!crs || commit.isPending} data-testid="import-commit" onClick={() => start(false)}>
              {t('dataCommit')}
            </button>
            {!crs && <span className="muted">{t('dataChooseCrs')}</span>}
          </div>
          {commit.error && <div className="error-text">{commit.error.message}</div>}
        </div>
      )}

      {job && (
        <div className="import-status" data-testid="import-status" data-phase={job.phase}>
          <div>
            <strong>{t(PHASE_KEYS[job.phase])}</strong> · {t('dataProgress', { rows: num(job.rowsRead), errors: num(job.errorCount) })}
            {job.phase === 'writing' && ` · ${t('dataWritten', { rows: num(job.rowsWritten) })}`} · {t('dataSeconds', { value: num(Math.round(job.elapsedMs / 100) / 10) })}
          </div>
          {!FINISHED.includes(job.phase) && (
            <button data-testid="import-cancel" onClick={() => cancel.mutate({ id: job.id })}>
              {t('dataCancel')}
            </button>
          )}
          {job.phase === 'done' && <div className="ok-text">{job.version === null ? t('dataCheckedOk', { rows: num(job.rowsRead) }) : t('dataDone', { version: job.version })}</div>}
          {job.phase === 'cancelled' && <div>{t('dataCancelled')}</div>}
          {job.phase === 'failed' && (
            <>
              <div className="error-text">{t('dataFailed', { errors: num(job.errorCount) })}</div>
              <a href={`/api/imports/${job.id}/errors.csv`} data-testid="import-errors-csv">
                {t('dataDownloadErrors')}
              </a>
              <ErrorTable errors={job.errors} testid="import-errors" />
            </>
          )}
          {job.warnings.length > 0 && (
            <ul className="warnings">
              {job.warnings.map((w, k) => (
                <li key={k}>{i18n.language === 'en' ? w.message : w.messageZh}</li>
              ))}
            </ul>
          )}
          {FINISHED.includes(job.phase) && (
            <button
              data-testid="import-again"
              onClick={() => {
                setJobId(null);
                if (written) setUpload(null);
              }}
            >
              {t('dataAnother')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
