-- grain: one row per 360-degree answer and rater group it counts in (its own role, and "others" unless self)
-- key: survey_response_id, rater_group
-- The shared start of mart_360_scores and mart_360_items: usable answers, rescaled to 1..5, each
-- counted in its rater's role and, except self-ratings, in "others" (everyone but the person rated).
with responses as (
    select * from stg_survey_responses
),

answers as (
    select
        survey_response_id,
        rated_agency                                                          as agency_key,
        coalesce(rated_unit, '')                                              as unit,
        item_id,
        competency_area                                                       as area,
        item_text,
        rater_role,
        coalesce(rater_hash, source || ':' || response_id)                    as rater_key,
        date_trunc('quarter', submitted_at)::date                             as survey_period,
        1 + 4 * (score - coalesce(scale_min, 1))
            / nullif(coalesce(scale_max, 5) - coalesce(scale_min, 1), 0)      as score_5
    from responses
    where score is not null and competency_area is not null and rated_agency is not null
      and rater_role is not null and submitted_at is not null
),

final as (
    select *, rater_role as rater_group from answers
    union all
    select *, 'others' as rater_group from answers where rater_role <> 'self'
)

select * from final
