-- 0004: raw tables keep their keys, but not as PRIMARY KEY indexes.
--
-- Why: a PRIMARY KEY is an ART index that every insert probes and grows, held in
-- memory for the whole load transaction. Measured on one million appeals: writing
-- took 0.8 s less and the commit 0.5 s less (of about 7 s) without it, and a raw table
-- of tens of millions of events would carry its index in memory on every load. The
-- index enforced nothing the loader does not already guarantee: warehouse.load writes
-- a key only after removing its old version, merges keys repeated across batches,
-- rejects duplicate keys within a batch, and `tyndau build` checks the grain of every
-- model built on these tables. The keys are declared here, in raw_table_keys, where
-- the loader reads them. DuckDB cannot drop a primary key, so each table is rebuilt
-- as itself (same columns, same rows) and its NOT NULL columns restored.

create table raw_table_keys (
    table_name      varchar primary key,
    key_columns     varchar[] not null      -- in key order
);

insert into raw_table_keys values
    ('raw_appeals', ['source', 'external_id']),
    ('raw_appeal_events', ['source', 'external_id', 'event_seq']),
    ('raw_survey_responses', ['source', 'response_id', 'item_id']),
    ('raw_survey_scores', ['source', 'organisation', 'measure_id', 'period']),
    ('raw_agencies', ['agency_code']),
    ('raw_training_courses', ['course_id']),
    ('raw_course_sessions', ['session_id']);

create table raw_appeals__rebuilt as select * from raw_appeals;
drop table raw_appeals;
alter table raw_appeals__rebuilt rename to raw_appeals;
alter table raw_appeals alter column source set not null;
alter table raw_appeals alter column external_id set not null;
alter table raw_appeals alter column row_hash set not null;
alter table raw_appeals alter column source_file set not null;
alter table raw_appeals alter column load_run_id set not null;
alter table raw_appeals alter column loaded_at set not null;

create table raw_appeal_events__rebuilt as select * from raw_appeal_events;
drop table raw_appeal_events;
alter table raw_appeal_events__rebuilt rename to raw_appeal_events;
alter table raw_appeal_events alter column source set not null;
alter table raw_appeal_events alter column external_id set not null;
alter table raw_appeal_events alter column event_seq set not null;
alter table raw_appeal_events alter column event_type set not null;
alter table raw_appeal_events alter column row_hash set not null;
alter table raw_appeal_events alter column source_file set not null;
alter table raw_appeal_events alter column load_run_id set not null;
alter table raw_appeal_events alter column loaded_at set not null;

create table raw_survey_responses__rebuilt as select * from raw_survey_responses;
drop table raw_survey_responses;
alter table raw_survey_responses__rebuilt rename to raw_survey_responses;
alter table raw_survey_responses alter column source set not null;
alter table raw_survey_responses alter column response_id set not null;
alter table raw_survey_responses alter column item_id set not null;
alter table raw_survey_responses alter column row_hash set not null;
alter table raw_survey_responses alter column source_file set not null;
alter table raw_survey_responses alter column load_run_id set not null;
alter table raw_survey_responses alter column loaded_at set not null;

create table raw_survey_scores__rebuilt as select * from raw_survey_scores;
drop table raw_survey_scores;
alter table raw_survey_scores__rebuilt rename to raw_survey_scores;
alter table raw_survey_scores alter column source set not null;
alter table raw_survey_scores alter column organisation set not null;
alter table raw_survey_scores alter column measure_id set not null;
alter table raw_survey_scores alter column period set not null;
alter table raw_survey_scores alter column row_hash set not null;
alter table raw_survey_scores alter column source_file set not null;
alter table raw_survey_scores alter column load_run_id set not null;
alter table raw_survey_scores alter column loaded_at set not null;

create table raw_agencies__rebuilt as select * from raw_agencies;
drop table raw_agencies;
alter table raw_agencies__rebuilt rename to raw_agencies;
alter table raw_agencies alter column agency_code set not null;
alter table raw_agencies alter column row_hash set not null;
alter table raw_agencies alter column source_file set not null;
alter table raw_agencies alter column load_run_id set not null;
alter table raw_agencies alter column loaded_at set not null;

create table raw_training_courses__rebuilt as select * from raw_training_courses;
drop table raw_training_courses;
alter table raw_training_courses__rebuilt rename to raw_training_courses;
alter table raw_training_courses alter column course_id set not null;
alter table raw_training_courses alter column row_hash set not null;
alter table raw_training_courses alter column source_file set not null;
alter table raw_training_courses alter column load_run_id set not null;
alter table raw_training_courses alter column loaded_at set not null;

create table raw_course_sessions__rebuilt as select * from raw_course_sessions;
drop table raw_course_sessions;
alter table raw_course_sessions__rebuilt rename to raw_course_sessions;
alter table raw_course_sessions alter column session_id set not null;
alter table raw_course_sessions alter column row_hash set not null;
alter table raw_course_sessions alter column source_file set not null;
alter table raw_course_sessions alter column load_run_id set not null;
alter table raw_course_sessions alter column loaded_at set not null;

