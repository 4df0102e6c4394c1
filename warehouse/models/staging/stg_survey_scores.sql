-- grain: one row per organisation, survey measure and period (published aggregates)
-- key: source, organisation, measure_id, period
with source as (
    select * from raw_survey_scores
),

final as (
    select
        source,
        organisation,
        measure_id,
        period,
        instrument,
        measure_text,
        competency_area,
        value,
        value_kind,
        respondents,
        load_run_id
    from source
)

select * from final
