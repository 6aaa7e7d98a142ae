-- Schema 1 to 2: direction of effect, population scope, in-source disagreements, change log.
ALTER TABLE studies ADD COLUMN scope TEXT;
ALTER TABLE outcomes ADD COLUMN better TEXT CHECK (better IN ('lower', 'higher'));
ALTER TABLE outcomes ADD COLUMN direction TEXT CHECK (direction IN ('stated', 'not stated'));
ALTER TABLE outcomes ADD COLUMN is_primary INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outcomes ADD COLUMN is_published_pool INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discrepancies ADD COLUMN in_source INTEGER NOT NULL DEFAULT 0;
CREATE TABLE changes (
  version   TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  date      TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind IN ('added', 'corrected')),
  study_id  TEXT NOT NULL,
  what      TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  reason    TEXT,
  PRIMARY KEY (version, seq)
) WITHOUT ROWID;
PRAGMA user_version = 2;
