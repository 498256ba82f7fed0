/**
 * Schema migrations, applied in order; SQLite's user_version records how many have run.
 * Append only: a released migration is never edited.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE dataset (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_zh TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    source TEXT NOT NULL,
    synthetic INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT ''
  );
  CREATE TABLE admin_unit (
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province','prefecture','county','township')),
    name TEXT NOT NULL,
    parent_code TEXT,
    PRIMARY KEY (dataset_id, code)
  ) WITHOUT ROWID;
  CREATE TABLE village (
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    population INTEGER NOT NULL CHECK (population >= 0),
    children INTEGER NOT NULL CHECK (children >= 0),
    left_behind INTEGER NOT NULL CHECK (left_behind >= 0),
    disabled INTEGER NOT NULL CHECK (disabled >= 0),
    orphaned INTEGER NOT NULL CHECK (orphaned >= 0),
    difficult INTEGER NOT NULL CHECK (difficult >= 0),
    covered_since INTEGER,
    PRIMARY KEY (dataset_id, code)
  ) WITHOUT ROWID;
  CREATE TABLE worker (
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    home_village TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    start_year INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, id)
  ) WITHOUT ROWID;
  CREATE TABLE worker_village (
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    worker_id TEXT NOT NULL,
    village_code TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, worker_id, village_code)
  ) WITHOUT ROWID;
  CREATE TABLE service_point (
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    admin_code TEXT NOT NULL,
    PRIMARY KEY (dataset_id, id)
  ) WITHOUT ROWID;
  CREATE TABLE boundary (
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    layer TEXT NOT NULL,
    geojson TEXT NOT NULL,
    PRIMARY KEY (dataset_id, layer)
  ) WITHOUT ROWID;
  `,
  // Import (issue 7): which version is current, as a history. The newest activation row names
  // the current version, so restoring an old version moves the marker instead of copying or
  // deleting data, and every change of the current version stays on record.
  `
  CREATE TABLE dataset_activation (
    seq INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('load', 'import', 'restore'))
  );
  INSERT INTO dataset_activation (dataset_id, at, reason)
    SELECT id, created_at, 'load' FROM dataset ORDER BY version DESC LIMIT 1;
  ALTER TABLE dataset ADD COLUMN based_on INTEGER REFERENCES dataset(id);
  `,
  // Accounts (issue 8): users, sessions (only a hash of each token is stored) and the audit log
  // of every mutation. Audit rows keep the user's name as it was and have no foreign key, so the
  // history outlives the account.
  `
  CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'planner', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_login_at TEXT
  );
  CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX session_user ON session (user_id);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER,
    user_name TEXT NOT NULL,
    path TEXT NOT NULL,
    input TEXT,
    ok INTEGER NOT NULL,
    error TEXT,
    before TEXT,
    after TEXT
  );
  CREATE INDEX audit_log_user ON audit_log (user_name, id);
  CREATE INDEX audit_log_path ON audit_log (path, id);
  `,
  // Planning (issue 4): saved expansion scenarios. A scenario keeps the request that produced it
  // (parameters, scope, target), the dataset version it ran on, and its result with every chosen
  // site and the villages each serves, so it reads back exactly as it was, whatever changes later.
  `
  CREATE TABLE scenario (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    dataset_id INTEGER NOT NULL REFERENCES dataset(id),
    request TEXT NOT NULL,
    result TEXT NOT NULL,
    served TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // Snapshots (issue 6): a published, frozen view for donors and ministry staff. The payload is
  // stored as it was shown (figures already protected), so later data changes cannot alter it;
  // the link's token is a capability, revoking sets revoked_at and the link stops working.
  `
  CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    dataset_id INTEGER NOT NULL REFERENCES dataset(id),
    scenario_id INTEGER,
    payload TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  `,
];
