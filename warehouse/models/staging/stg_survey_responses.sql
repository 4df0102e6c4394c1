-- grain: one row per respondent and survey item
-- key: survey_response_id
with source as (
    select * from raw_survey_responses
),

final as (
    select
        source || ':' || response_id || ':' || item_id   as survey_response_id,
        source,
        response_id,
        item_id,
        instrument,
        item_text,
        competency_area,
        score,
        scale_min,
        scale_max,
        free_text,
        lower(rater_role)                                as rater_role,
        rater_hash,
        rated_agency,
        rated_unit,
        local_time(submitted_at) as submitted_at,
        load_run_id
    from source
)

select * from final
