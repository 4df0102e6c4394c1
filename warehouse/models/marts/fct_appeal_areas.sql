-- grain: one row per appeal and competency area it gives evidence about (an analyst's latest correction where there is one, else the newest model's labels)
-- key: appeal_id, area
-- The labels every analysis counts, with the appeal's cube dimensions copied for filtering.
-- A text an analyst corrected takes the analyst's full label set (none: a plain request), and
-- keeps the model's score for the areas both agree on; `is_corrected` says which is which.
-- `labelled_at` (when the label was written) drives incremental models downstream.
-- `margin` is the score minus the area's calibrated threshold; a model label within 0.1 of its
-- threshold is marked `is_low_confidence` (the dashboard flags it; analysts' labels never are).
with appeals as (
    select * from fct_appeals
),

classifications as (
    select * from stg_text_classifications where text_kind = 'appeal' and is_latest
),

scores as (
    select * from stg_text_area_scores where text_kind = 'appeal'
),

corrections as (
    select * from stg_label_corrections where text_kind = 'appeal' and is_latest
),

correction_areas as (
    select * from stg_label_correction_areas
),

latest_scores as (
    select s.text_id, s.area, s.score, s.margin, s.polarity, s.is_predicted, c.model_version, c.classified_at
    from classifications c
    join scores s using (text_kind, text_id, model_hash)
),

model_labels as (
    select
        s.text_id                 as appeal_id,
        s.area,
        s.polarity,
        s.score,
        s.margin,
        coalesce(s.margin < 0.1, false) as is_low_confidence,
        s.model_version,
        false                     as is_corrected,
        s.classified_at           as labelled_at
    from latest_scores s
    anti join corrections k on k.text_id = s.text_id
    where s.is_predicted
),

analyst_labels as (
    select
        k.text_id                 as appeal_id,
        a.area,
        a.polarity,
        s.score,
        s.margin,
        false                     as is_low_confidence,
        coalesce(c.model_version, k.reviewed_model_version) as model_version,
        true                      as is_corrected,
        k.corrected_at            as labelled_at
    from corrections k
    join correction_areas a using (correction_id)
    left join classifications c on c.text_id = k.text_id
    left join latest_scores s on s.text_id = k.text_id and s.area = a.area
),

labels as (
    select * from model_labels
    union all by name
    select * from analyst_labels
),

final as (
    select
        l.appeal_id,
        l.area,
        l.polarity,
        l.score,
        l.margin,
        l.is_low_confidence,
        l.model_version,
        l.is_corrected,
        l.labelled_at,
        a.agency_key,
        a.region_key,
        a.channel,
        a.language,
        a.appeal_type,
        a.registered_month,
        a.registered_at
    from labels l
    join appeals a using (appeal_id)
)

select * from final
