-- grain: one row per rated agency, scope (the whole agency, or one of its units), survey item, rater group and survey quarter
-- key: agency_key, scope, unit, item_id, rater_group, survey_period
-- The items behind each area's score, with their wording as the raters saw it (the most common
-- wording; the taxonomy holds all three languages for Tyndau's own items). The same anonymity rule
-- as mart_360_scores: a group with fewer than `min_raters` distinct raters shows no score.
with by_group as (
    select * from int_360_answers
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
