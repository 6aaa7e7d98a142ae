-- Evidence database schema. Bump SchemaVersion in store.go with any change here.
-- NULL means "not found in the sources read": the app shows it as unknown.
-- Reported numbers are TEXT holding the digits exactly as the source printed them.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE indications (
  key             TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  sort_order      INTEGER NOT NULL,
  headline        TEXT NOT NULL,
  evidence_gap    TEXT,
  seed_paragraphs TEXT
);

CREATE TABLE studies (
  id            TEXT PRIMARY KEY,
  indication    TEXT NOT NULL REFERENCES indications(key),
  label         TEXT NOT NULL,
  title         TEXT,
  authors       TEXT,
  journal       TEXT,
  year          INTEGER,
  published     TEXT,
  volume        TEXT,
  doi           TEXT,
  pmid          TEXT,
  pmc           TEXT,
  nct           TEXT,
  other_id      TEXT,
  design        TEXT NOT NULL,
  design_detail TEXT,
  n             INTEGER,
  n_note        TEXT,
  population    TEXT,
  setting       TEXT,
  period        TEXT,
  extraction    TEXT NOT NULL CHECK (extraction IN ('abstract', 'full text', 'secondary page', 'secondary')),
  certainty     TEXT,
  summary       TEXT NOT NULL,
  sort_order    INTEGER NOT NULL,
  scope         TEXT -- a population narrower or wider than the indication's, shown on every line
);
CREATE INDEX studies_by_indication ON studies(indication, sort_order);

CREATE TABLE sources (
  study_id TEXT NOT NULL REFERENCES studies(id),
  id       TEXT NOT NULL,
  kind     TEXT NOT NULL,
  location TEXT NOT NULL,
  version  TEXT, -- the year of a text that changes (a label), shown on every line read in it
  PRIMARY KEY (study_id, id)
);

-- Other indications a study belongs to (a label's facts apply to each of its uses): one
-- record, shown on each page.
CREATE TABLE study_indications (
  study_id   TEXT NOT NULL REFERENCES studies(id),
  indication TEXT NOT NULL REFERENCES indications(key),
  PRIMARY KEY (study_id, indication)
) WITHOUT ROWID;
CREATE INDEX study_indications_by_indication ON study_indications(indication);

CREATE TABLE arms (
  study_id  TEXT NOT NULL REFERENCES studies(id),
  id        TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  label     TEXT NOT NULL,
  molecule  TEXT NOT NULL,
  role      TEXT NOT NULL CHECK (role IN ('intervention', 'comparator')),
  route     TEXT,
  dose      TEXT,
  schedule  TEXT,
  n         INTEGER,
  n_note    TEXT,
  source_id TEXT NOT NULL,
  locator   TEXT NOT NULL,
  PRIMARY KEY (study_id, seq),
  UNIQUE (study_id, id),
  FOREIGN KEY (study_id, source_id) REFERENCES sources(study_id, id)
) WITHOUT ROWID;

CREATE TABLE outcomes (
  study_id   TEXT NOT NULL REFERENCES studies(id),
  id         TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  measure    TEXT NOT NULL,
  timepoint  TEXT,
  time_order TEXT,
  arm_id     TEXT,
  versus_id  TEXT,
  kind       TEXT NOT NULL,
  value      TEXT,
  value_text TEXT,
  range_low  TEXT,
  range_high TEXT,
  unit       TEXT,
  ci_low     TEXT,
  ci_high    TEXT,
  se         TEXT,
  p          TEXT,
  events     INTEGER,
  certainty  TEXT,
  is_key     INTEGER NOT NULL DEFAULT 0,
  is_safety  INTEGER NOT NULL DEFAULT 0,
  source_id  TEXT NOT NULL,
  locator    TEXT NOT NULL,
  note       TEXT,
  better     TEXT CHECK (better IN ('lower', 'higher')),            -- which way of the measure is good
  direction  TEXT CHECK (direction IN ('stated', 'not stated')),    -- whether arm minus (or over) versus is stated
  is_primary INTEGER NOT NULL DEFAULT 0, -- the pre-specified primary comparison of a study with several
  is_published_pool INTEGER NOT NULL DEFAULT 0, -- a pooled figure a source published, kept for comparison
  PRIMARY KEY (study_id, seq),
  UNIQUE (study_id, id),
  FOREIGN KEY (study_id, arm_id) REFERENCES arms(study_id, id),
  FOREIGN KEY (study_id, versus_id) REFERENCES arms(study_id, id),
  FOREIGN KEY (study_id, source_id) REFERENCES sources(study_id, id),
  CHECK (ci_low IS NULL OR ci_high IS NULL OR CAST(ci_low AS REAL) <= CAST(ci_high AS REAL)),
  CHECK (range_low IS NULL OR range_high IS NULL OR CAST(range_low AS REAL) <= CAST(range_high AS REAL))
) WITHOUT ROWID;

CREATE TABLE findings (
  study_id  TEXT NOT NULL REFERENCES studies(id),
  seq       INTEGER NOT NULL,
  topic     TEXT NOT NULL,
  text      TEXT NOT NULL,
  arm_id    TEXT,
  time_from TEXT,
  time_to   TEXT,
  time_unit TEXT,
  source_id TEXT NOT NULL,
  locator   TEXT NOT NULL,
  PRIMARY KEY (study_id, seq),
  FOREIGN KEY (study_id, arm_id) REFERENCES arms(study_id, id),
  FOREIGN KEY (study_id, source_id) REFERENCES sources(study_id, id)
) WITHOUT ROWID;

CREATE TABLE unknowns (
  study_id TEXT NOT NULL REFERENCES studies(id),
  seq      INTEGER NOT NULL,
  what     TEXT NOT NULL,
  PRIMARY KEY (study_id, seq)
) WITHOUT ROWID;

CREATE TABLE discrepancies (
  study_id         TEXT NOT NULL REFERENCES studies(id),
  seq              INTEGER NOT NULL,
  topic            TEXT NOT NULL,
  secondary_source TEXT NOT NULL,
  secondary_claim  TEXT NOT NULL,
  secondary_value  TEXT,
  primary_claim    TEXT NOT NULL,
  primary_value    TEXT,
  outcome_id       TEXT,
  in_source        INTEGER NOT NULL DEFAULT 0, -- the source disagrees with itself
  PRIMARY KEY (study_id, seq),
  FOREIGN KEY (study_id, outcome_id) REFERENCES outcomes(study_id, id)
) WITHOUT ROWID;

-- What changed in each dataset version: studies added, values corrected (old -> new, why).
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
