-- 0002: the classifier's labels per text, and analysts' corrections stored apart from them.
-- The model's rows are written only by `tyndau classify`; corrections only by the review
-- functions (nlp/review.py). A correction never updates a model row, so "where people
-- changed the AI" stays computable. Texts are identified as staging does:
-- appeal            -> text_id = stg_appeals.appeal_id (source || ':' || external_id)
-- survey_comment    -> text_id = stg_survey_responses.survey_response_id

-- One row per text and model: the model's answer for that text.
create table text_classifications (
    text_kind           varchar not null,      -- appeal | survey_comment
    text_id             varchar not null,
    model_hash          varchar not null,      -- SHA-256 of the model files: equal hash, equal model
    model_name          varchar not null,
    model_version       varchar not null,
    text_hash           varchar not null,      -- SHA-256 of the text classified; a changed text is redone
    language            varchar,               -- kk | ru | en | und
    script              varchar,               -- cyrl | latn | mixed | none
    transliterated      boolean not null,      -- Latin-script Kazakh was read in Cyrillic
    appeal_type         varchar,               -- predicted: application | complaint | proposal | inquiry | feedback
    appeal_type_score   double,
    n_areas             integer not null,      -- areas above their calibrated threshold
    classified_at       timestamp not null,
    primary key (text_kind, text_id, model_hash)
);

-- One row per text, model and competency area: every area's score, whether it passed the
-- threshold, and the polarity the model gives it.
create table text_area_scores (
    text_kind           varchar not null,
    text_id             varchar not null,
    model_hash          varchar not null,
    area_id             varchar not null,      -- ref_competency_areas.area_id
    score               double not null,       -- probability that the text is evidence about the area
    is_predicted        boolean not null,      -- score >= the area's calibrated threshold
    polarity            varchar,               -- negative | positive | neutral (set when is_predicted)
    polarity_score      double,
    primary key (text_kind, text_id, model_hash, area_id)
);

-- Texts the model could not classify, with the reason: failures are data, not crashes.
create table classification_failures (
    text_kind           varchar not null,
    text_id             varchar not null,
    model_hash          varchar not null,
    model_name          varchar not null,
    model_version       varchar not null,
    text_hash           varchar not null,
    reason              varchar not null,      -- empty | binary | no_letters | too_long | error
    detail              varchar,
    failed_at           timestamp not null,
    primary key (text_kind, text_id, model_hash)
);

-- Analysts' corrections: the full, correct label set of one text as an analyst saw it.
-- The latest correction of a text is its truth; older ones stay for the record. The id is
-- given by the writer (the dashboard's inbox uses a UUID), so applying the same correction
-- twice stores it once.
create table label_corrections (
    correction_id           varchar primary key,
    text_kind               varchar not null,      -- appeal | survey_comment
    text_id                 varchar not null,
    reviewed_model_version  varchar,               -- the classification the analyst looked at, if any
    reviewed_model_hash     varchar,
    appeal_type             varchar,               -- the correct appeal type, if the analyst set it
    analyst                 varchar not null,      -- a pseudonymous analyst id
    note                    varchar,
    corrected_at            timestamp not null
);

-- One row per correction and area the analyst says the text gives evidence about
-- (no row at all: a plain request with no area).
create table label_correction_areas (
    correction_id       varchar not null,
    area_id             varchar not null,
    polarity            varchar not null,      -- negative | positive | neutral
    primary key (correction_id, area_id)
);
