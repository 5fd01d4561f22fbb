/**
 * Schema migrations, in order; the database's `PRAGMA user_version` counts how many are applied.
 * Never edit a released entry: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    workspace TEXT NOT NULL,
    channel TEXT NOT NULL,
    milestones INTEGER NOT NULL CHECK (milestones IN (0, 1)),
    weekly INTEGER NOT NULL CHECK (weekly IN (0, 1)),
    time_of_day TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    consecutive_permanent_failures INTEGER NOT NULL DEFAULT 0,
    last_failure TEXT,
    paused_at TEXT,
    paused_reason TEXT,
    UNIQUE (platform, workspace, channel)
  );

  CREATE TABLE postings (
    occurrence_key TEXT PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    scheduled_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'retry', 'failed')),
    claimed_by TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    posted_at TEXT,
    retry_at TEXT,
    last_error TEXT
  );
  CREATE INDEX postings_by_subscription ON postings (subscription_id);
  `,
  // 2: claims expire. A claimant records until when its claim holds (its post timeout fits well inside);
  // after that any replica may take the occurrence over, and the row names whose claim it replaced.
  `
  ALTER TABLE postings ADD COLUMN lease_expires_at TEXT;
  ALTER TABLE postings ADD COLUMN taken_over_from TEXT;
  -- Claims left by the previous build (which had no leases) get the 10-minute default, so they can be recovered too.
  UPDATE postings SET lease_expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', claimed_at, '+600 seconds') WHERE status = 'claimed';
  -- Daily pruning deletes by age.
  CREATE INDEX postings_by_scheduled_at ON postings (scheduled_at);
  `,
  // 3: release alerts. A channel may get them alone (milestones = weekly = 0); NULL means none.
  `
  ALTER TABLE subscriptions ADD COLUMN release_alerts TEXT;
  `,
  // 4: Slack deliveries claimed across processes (a retry that reaches another replica is answered once).
  `
  CREATE TABLE delivery_keys (
    key TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX delivery_keys_by_expiry ON delivery_keys (expires_at);
  `,
  // 5: Slack installations (OAuth distribution). Tokens are sealed with AES-256-GCM (token-cipher.ts); key_id
  // names the key, so rows still on an old key can be found after a rotation.
  `
  CREATE TABLE slack_installations (
    id TEXT PRIMARY KEY,
    enterprise_id TEXT,
    team_id TEXT,
    is_enterprise_install INTEGER NOT NULL CHECK (is_enterprise_install IN (0, 1)),
    details TEXT NOT NULL,
    tokens TEXT NOT NULL,
    key_id TEXT NOT NULL,
    bot_token_expires_at TEXT,
    user_token_expires_at TEXT,
    installed_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
];
