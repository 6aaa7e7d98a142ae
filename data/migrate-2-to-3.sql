-- Schema 2 to 3: a source's version (labels), and studies shown under more than one indication.
ALTER TABLE sources ADD COLUMN version TEXT;
CREATE TABLE study_indications (
  study_id   TEXT NOT NULL REFERENCES studies(id),
  indication TEXT NOT NULL REFERENCES indications(key),
  PRIMARY KEY (study_id, indication)
) WITHOUT ROWID;
CREATE INDEX study_indications_by_indication ON study_indications(indication);
PRAGMA user_version = 3;
