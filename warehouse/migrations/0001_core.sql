-- 0001: the canonical model. Raw tables are written only by ingestion; everything
-- downstream reads them through the stg_ models.

create sequence if not exists load_run_seq start 1;

create table load_runs (
    load_run_id     bigint primary key,
    connector       varchar not null,
    source_uri      varchar not null,      -- file path or URL without secrets or query string
    started_at      timestamp not null,
    finished_at     timestamp,
    status          varchar not null,      -- running | succeeded | failed
    rows_read       bigint default 0,
    rows_inserted   bigint default 0,
    rows_updated    bigint default 0,
    rows_unchanged  bigint default 0,
    rows_rejected   bigint default 0,
    error           varchar
);

-- One row per appeal, keyed by the source system and its own id.
create table raw_appeals (
    source              varchar not null,
    external_id         varchar not null,
    appeal_type         varchar,           -- application | complaint | proposal | inquiry | feedback
    channel             varchar,
    agency_code         varchar,
    agency_name         varchar,
    region_code         varchar,           -- KATO-style code where known
    region_name         varchar,
    language            varchar,
    text                varchar,           -- redacted: downstream never sees personal data
    registered_at       timestamp,
    due_at              timestamp,
    answered_at         timestamp,
    closed_at           timestamp,
    status              varchar,
    answer_text         varchar,           -- redacted
    satisfaction        double,            -- citizen's rating, 1..5
    applicant_hash      varchar,           -- salted hash, for repeat detection only
    age_band            varchar,
    sex                 varchar,
    has_disability      boolean,
    is_rural            boolean,
    category            varchar,           -- the source's own topic / category, if any
    latitude            double,
    longitude           double,
    row_hash            varchar not null,  -- content hash: an unchanged re-load is a no-op
    source_file         varchar not null,
    load_run_id         bigint not null,
    loaded_at           timestamp not null,
    primary key (source, external_id)
);

-- The appeal's history: status changes, redirects, extensions, answers, follow-ups.
create table raw_appeal_events (
    source          varchar not null,
    external_id     varchar not null,
    event_seq       integer not null,
    event_type      varchar not null,  -- registered | status_change | redirect | extension | interim_answer | final_answer | followup
    event_at        timestamp,
    status          varchar,
    from_agency     varchar,
    to_agency       varchar,
    author          varchar,
    text            varchar,           -- redacted
    row_hash        varchar not null,
    source_file     varchar not null,
    load_run_id     bigint not null,
    loaded_at       timestamp not null,
    primary key (source, external_id, event_seq)
);

-- One row per respondent and item (individual survey or 360-degree responses).
create table raw_survey_responses (
    source              varchar not null,
    response_id         varchar not null,
    item_id             varchar not null,
    instrument          varchar,
    item_text           varchar,
    competency_area     varchar,
    score               double,
    scale_min           double,
    scale_max           double,
    free_text           varchar,           -- redacted
    rater_role          varchar,           -- self | manager | peer | direct_report | citizen | staff
    rater_hash          varchar,
    rated_agency        varchar,
    rated_unit          varchar,
    submitted_at        timestamp,
    row_hash            varchar not null,
    source_file         varchar not null,
    load_run_id         bigint not null,
    loaded_at           timestamp not null,
    primary key (source, response_id, item_id)
);

-- Published aggregate survey results (e.g. % positive per organisation and measure).
create table raw_survey_scores (
    source              varchar not null,
    organisation        varchar not null,
    measure_id          varchar not null,
    period              varchar not null,
    instrument          varchar,
    measure_text        varchar,
    competency_area     varchar,
    value               double,
    value_kind          varchar,           -- pct_positive | index | mean
    respondents         bigint,
    row_hash            varchar not null,
    source_file         varchar not null,
    load_run_id         bigint not null,
    loaded_at           timestamp not null,
    primary key (source, organisation, measure_id, period)
);

create table raw_agencies (
    agency_code     varchar primary key,
    name_kk         varchar,
    name_ru         varchar,
    name_en         varchar,
    agency_kind     varchar,
    region_code     varchar,
    staff_count     integer,
    row_hash        varchar not null,
    source_file     varchar not null,
    load_run_id     bigint not null,
    loaded_at       timestamp not null
);

create table raw_training_courses (
    course_id           varchar primary key,
    title_en            varchar,
    title_ru            varchar,
    title_kk            varchar,
    areas               varchar[],
    duration_hours      double,
    cost_per_seat       double,
    max_seats           integer,
    provider            varchar,
    row_hash        varchar not null,
    source_file         varchar not null,
    load_run_id         bigint not null,
    loaded_at           timestamp not null
);

create table raw_course_sessions (
    session_id      varchar primary key,
    agency_code     varchar,
    course_id       varchar,
    session_date    date,
    staff_trained   integer,
    row_hash        varchar not null,
    source_file     varchar not null,
    load_run_id     bigint not null,
    loaded_at       timestamp not null
);

-- Rows that failed validation: kept aside with where and why, never dropped.
create table rejected_rows (
    load_run_id     bigint not null,
    source_file     varchar not null,
    row_number      bigint not null,   -- 1-based data row (header excluded) or record index
    column_name     varchar,
    reason          varchar not null,
    raw_record      varchar            -- the row as JSON, personal data redacted
);

-- Un-redacted texts, only when the deployment's configuration keeps them.
create table original_texts (
    source          varchar not null,
    external_id     varchar not null,
    field           varchar not null,
    original_text   varchar,
    load_run_id     bigint not null,
    primary key (source, external_id, field)
);

-- Reference data: regions (KATO) and the competency areas of the shared model.
create table ref_regions (
    region_code     varchar primary key,
    name_kk         varchar,
    name_ru         varchar,
    name_en         varchar
);

create table ref_competency_areas (
    area_id         varchar primary key,
    position        integer not null,
    name_en         varchar not null,
    name_ru         varchar not null,
    name_kk         varchar not null,
    definition_en   varchar
);
