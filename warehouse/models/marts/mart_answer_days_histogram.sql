-- grain: one row per cube cell of mart_responsiveness and whole day to the final answer
-- key: agency_key, region_key, channel, language, appeal_type, registered_month, answer_day
-- Exact medians and 90th percentiles (in whole days) for any filter, from summed counts.
with appeals as (
    -- an appeal without a registration date cannot be placed in a month (nor against a deadline)
    select * from fct_appeals where is_answered and registered_month is not null
),

final as (
    select
        agency_key, region_key, channel, language, appeal_type, registered_month,
        least(greatest(floor(days_to_final_answer), 0), 365)::integer as answer_day,
        count(*) as appeals
    from appeals
    group by all
)

select * from final
