-- grain: one row per rated agency, scope (the whole agency, or one of its units), survey item, rater group and survey quarter
-- key: agency_key, scope, unit, item_id, rater_group, survey_period
-- The items behind each area's score, with their wording as the raters saw it (the most common
-- wording; the taxonomy holds all three languages for Tyndau's own items). The same anonymity rule
-- as mart_360_scores: a group with fewer than `min_raters` distinct raters shows no score.
with responses as (
    select * from stg_survey_responses
),

answers as (
    select
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

by_group as (
    select *, rater_role as rater_group from answers
    union all
    select *, 'others' as rater_group from answers where rater_role <> 'self'
),

scoped as (
    select *, 'agency' as scope, '' as scope_unit from by_group
    union all
    select *, 'unit' as scope, unit as scope_unit from by_group where unit <> ''
),

groups as (
    select
        agency_key, scope, scope_unit as unit, item_id, rater_group, survey_period,
        any_value(area)                     as area,
        mode(item_text)                     as item_text,
        count(distinct rater_key)           as raters,
        count(*)                            as answers,
        avg(score_5)                        as raw_mean,
        stddev_samp(score_5)                as raw_sd
    from scoped
    group by agency_key, scope, scope_unit, item_id, rater_group, survey_period
),

final as (
    select
        agency_key, scope, unit, item_id, area, item_text, rater_group, survey_period, raters, answers,
        rater_group <> 'self' and raters < coalesce(getvariable('min_raters'), 5)          as is_suppressed,
        case when not (rater_group <> 'self' and raters < coalesce(getvariable('min_raters'), 5))
             then raw_mean end                                                             as mean_score,
        case when not (rater_group <> 'self' and raters < coalesce(getvariable('min_raters'), 5))
             then raw_sd end                                                               as sd_score
    from groups
)

select * from final
