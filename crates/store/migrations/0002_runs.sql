-- Simulator runs users saved, with everything needed to reproduce them: the scenario's
-- text, the network's files (or 'bundled'), the seed, the checksums of the inputs and the
-- result as it was served. Same portability rules as 0001 (no BOOLEAN or DATETIME).
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    scenario_name TEXT NOT NULL,
    scenario_file TEXT NOT NULL,
    scenario_text TEXT NOT NULL,
    network_folder TEXT,
    network_nodes TEXT,
    network_links TEXT,
    network_demand TEXT,
    seed BIGINT NOT NULL,
    version TEXT NOT NULL,
    dataset_sha256 TEXT NOT NULL,
    scenario_sha256 TEXT NOT NULL,
    network_checksum TEXT NOT NULL,
    result_sha256 TEXT NOT NULL,
    result TEXT NOT NULL
);

CREATE INDEX runs_created ON runs (created);
