-- Editions a user imported, and their observations. Written for both SQLite and
-- PostgreSQL through sqlx's Any driver: no BOOLEAN or DATETIME columns (BIGINT 0/1, TEXT).
CREATE TABLE editions (
    edition TEXT PRIMARY KEY,
    series TEXT NOT NULL,
    publisher TEXT NOT NULL,
    title TEXT NOT NULL,
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    licence TEXT NOT NULL,
    citation TEXT NOT NULL,
    url TEXT NOT NULL,
    transcribed BIGINT NOT NULL,
    note TEXT NOT NULL
);

CREATE TABLE observations (
    edition TEXT NOT NULL REFERENCES editions (edition),
    seq BIGINT NOT NULL,
    tbl TEXT NOT NULL,
    label TEXT NOT NULL,
    place TEXT NOT NULL,
    material TEXT NOT NULL,
    stage TEXT NOT NULL,
    metric TEXT NOT NULL,
    form TEXT NOT NULL,
    year BIGINT NOT NULL,
    value DOUBLE PRECISION,
    unit TEXT NOT NULL,
    gap TEXT NOT NULL,
    flags TEXT NOT NULL,
    note TEXT NOT NULL,
    citation TEXT NOT NULL,
    PRIMARY KEY (edition, seq)
);
