-- grain: one row per group dimension, group, agency and month of registration
-- key: dimension, group_value, agency_key, registered_month
-- Additive counts, sums and sums of squares of the responsiveness of each citizens' group
-- (int_appeal_groups) per agency-month, so any period is a sum over this table and the equity
-- comparisons (insights/equity.py) can test a difference within each agency. `decided` is the
-- on-time denominator as in mart_responsiveness (answered, or past the deadline on the data's last
-- day); `classified_appeals` is the denominator of the negative-evidence rates of
-- mart_equity_evidence.
with groups as (
    select * from int_appeal_groups
),

appeals as (
    select * from fct_appeals where registered_month is not null
),

read_appeals as (
    select appeal_id, is_classified from fct_appeal_last_change
),

data_end as (
    select max(registered_at)::date as last_day from appeals
),

final as (
    select
        g.dimension,
        g.group_value,
        a.agency_key,
        any_value(a.agency)                                                  as agency,
        any_value(a.region_key)                                              as region_key,
        a.registered_month,
        count(*)                                                             as appeals,
        count(*) filter (where a.is_answered or a.due_date < (select last_day from data_end))
                                                                             as decided,
        count(*) filter (where a.is_on_time)                                 as on_time,
        count(a.days_to_final_answer)                                        as answered,
        coalesce(sum(a.days_to_final_answer), 0)                             as sum_days,
        coalesce(sum(a.days_to_final_answer * a.days_to_final_answer), 0)    as sum_days_sq,
        count(a.satisfaction)                                                as rated,
        coalesce(sum(a.satisfaction), 0)                                     as sum_satisfaction,
        coalesce(sum(a.satisfaction * a.satisfaction), 0)                    as sum_satisfaction_sq,
        count(*) filter (where r.is_classified)                              as classified_appeals
    from groups g
    join appeals a using (appeal_id)
    left join read_appeals r using (appeal_id)
    group by g.dimension, g.group_value, a.agency_key, a.registered_month
)

select * from final
