-- grain: one row per rated agency, scope (the whole agency, or one of its units), survey item, rater group and survey quarter
-- key: agency_key, scope, unit, item_id, rater_group, survey_period
-- The items behind each area's score, with their wording as the raters saw it (the most common
-- wording; the taxonomy holds all three languages for Tyndau's own items). Anonymity as in
-- mart_360_scores, decided per item by int_360_suppression (an item's cells and its area's cell
-- are checked together: the area's score is the mean of its items').
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

suppression as (
    select agency_key, scope, unit, item_id, rater_group, survey_period, is_suppressed
    from int_360_suppression where level = 'item'
),

final as (
    select
        g.agency_key, g.scope, g.unit, g.item_id, g.area, g.item_text, g.rater_group, g.survey_period,
        case when not s.is_suppressed then g.raters end                                    as raters,
        case when not s.is_suppressed then g.answers end                                   as answers,
        s.is_suppressed,
        case when not s.is_suppressed then g.raw_mean end                                  as mean_score,
        case when not s.is_suppressed then g.raw_sd end                                    as sd_score
    from groups g
    join suppression s using (agency_key, scope, unit, item_id, rater_group, survey_period)
)

select * from final
