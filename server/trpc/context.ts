import type { Db } from '../store/db.ts';
import { DatasetCache } from '../store/dataset_cache.ts';
import { defaultSecurityConfig, type SecurityConfig } from '../auth/config.ts';
import { FailureWindow } from '../auth/rate_limit.ts';
import type { RequestIdentity } from '../auth/sessions.ts';
import { AnalysisGate } from '../limits/analysis_gate.ts';
import { PlanJobs } from '../planning/plan_jobs.ts';
import { LOCAL_USER, type SessionUser } from '../domain/user.ts';

/** What lives as long as the server: the database, loaded datasets, limits. */
export interface AppServices {
  db: Db;
  datasets: DatasetCache;
  security: SecurityConfig;
  /** bounds concurrent analyses and their time (tRPC `analysis` procedures and /api analysis layers) */
  analysisGate: AnalysisGate;
  /** failed sign-ins by name and address, and by address */
  loginFailures: { byName: FailureWindow; byAddress: FailureWindow };
  /** expansion planning runs in progress and recently finished */
  plans: PlanJobs;
}

/**
 * Before and after of what a mutation changed, for its audit row; a procedure fills them in
 * (`ctx.audit.before = ...`) where they matter. `actor` names who acted when the request had no
 * user yet (a sign-in).
 */
export interface AuditNotes {
  before?: unknown;
  after?: unknown;
  actor?: SessionUser;
}

/** The HTTP side of a request, for procedures that set cookies or headers; null for in-process callers. */
export interface HttpExchange {
  address: string;
  setCookie(cookie: string): void;
  setHeader(name: string, value: string): void;
}

/** What every procedure can reach: the services, who is asking, and the request's HTTP side. */
export interface AppContext extends AppServices {
  user: SessionUser | null;
  /** hash of the request's session token, to end it on sign-out */
  sessionHash: string | null;
  http: HttpExchange | null;
  audit: AuditNotes;
}

export function createServices(db: Db, security: SecurityConfig = defaultSecurityConfig()): AppServices {
  const { login, analysis } = security;
  return {
    db,
    datasets: new DatasetCache(db),
    security,
    analysisGate: new AnalysisGate(analysis),
    loginFailures: {
      byName: new FailureWindow(login.maxFailures, login.windowMs),
      byAddress: new FailureWindow(login.addressMaxFailures, login.windowMs),
    },
    plans: new PlanJobs(),
  };
}

export function requestContext(services: AppServices, identity: RequestIdentity, http: HttpExchange | null): AppContext {
  return { ...services, user: identity.user, sessionHash: identity.sessionHash, http, audit: {} };
}

/**
 * A context for in-process callers (tests, scripts): acts as `user`, by default the local
 * planner, with no HTTP side.
 */
export function createAppContext(db: Db, user: SessionUser | null = LOCAL_USER, services: AppServices = createServices(db)): AppContext {
  return requestContext(services, { user, sessionHash: null, address: 'in-process' }, null);
}
