-- grain: one row per rated agency, scope (the whole agency, or one of its units), competency area, rater group and survey quarter
-- key: agency_key, scope, unit, area, rater_group, survey_period
-- Scores are first averaged per rater (the items of an area answered by one person are not
-- independent), then over raters; `others` pools every rater but the person rated.
-- Rater anonymity: a cell int_360_suppression hides (fewer than `min_raters` distinct raters, or a
-- complement that would let such a cell be worked out by subtraction) keeps its row and
-- is_suppressed = true, but no score, spread, rater or answer count: counts subtract like scores.
-- Self-ratings are exempt: their one rater is the person rated. Scores on other scales are
-- rescaled to 1..5.
with agencies as (
    select * from stg_agencies
),

by_group as (
    select * from int_360_answers
),

rater_means as (
    select agency_key, 'agency' as scope, '' as unit, area, rater_group, survey_period, rater_key,
           avg(score_5) as rater_mean, count(*) as answers
    from by_group
    group by agency_key, area, rater_group, survey_period, rater_key
    union all
    select agency_key, 'unit' as scope, unit, area, rater_group, survey_period, rater_key,
           avg(score_5) as rater_mean, count(*) as answers
    from by_group
    where unit <> ''
    group by agency_key, unit, area, rater_group, survey_period, rater_key
),

groups as (
    select
        agency_key, scope, unit, area, rater_group, survey_period,
        count(*)                     as raters,
        sum(answers)                 as answers,
        avg(rater_mean)              as raw_mean,
        stddev_samp(rater_mean)      as raw_sd
    from rater_means
    group by agency_key, scope, unit, area, rater_group, survey_period
),

suppression as (
    select agency_key, scope, unit, area, rater_group, survey_period, is_suppressed
    from int_360_suppression where level = 'area'
),

anonymity as (
    select g.*, s.is_suppressed
    from groups g
    join suppression s using (agency_key, scope, unit, area, rater_group, survey_period)
),

final as (
    select
        g.agency_key,
        coalesce(a.name_en, g.agency_key)                    as agency,
        a.agency_kind,
        g.scope,
        g.unit,
        g.area,
        g.rater_group,
        g.survey_period,
        case when not g.is_suppressed then g.raters end      as raters,
        case when not g.is_suppressed then g.answers end     as answers,
        g.is_suppressed,
        case when not g.is_suppressed then g.raw_mean end    as mean_score,
        case when not g.is_suppressed then g.raw_sd end      as sd_score
    from anonymity g
    left join agencies a on a.agency_code = g.agency_key
)

select * from final
