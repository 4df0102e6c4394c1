-- tyndau sync: what each declared source has been read up to (ingestion/sync.py).
-- Written only after the pull's load run committed, so a crash costs one pull done again, never data.

create table if not exists sync_state (
    source_name          varchar primary key,   -- the [[sources]] name in tyndau.toml
    connector            varchar not null,
    location             varchar not null,      -- folder, file or URL without its query string
    cursor_value         varchar,               -- windowed APIs: ISO instant (UTC) read up to
    last_attempt_at      timestamp,             -- UTC
    last_success_at      timestamp,             -- UTC
    consecutive_failures integer not null default 0,
    last_error           varchar,
    next_attempt_at      timestamp              -- UTC; later after each failure (backoff)
);

create table if not exists sync_files (
    source_name varchar not null,
    file_path   varchar not null,
    sha256      varchar not null,               -- a changed file is loaded again
    size_bytes  bigint,
    load_run_id bigint,
    loaded_at   timestamp,                      -- UTC
    primary key (source_name, file_path, sha256)
);
