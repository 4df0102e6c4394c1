-- grain: one row per cube cell (agency, region, channel, language, appeal type, month) and length of the redirect chain
-- key: agency_key, region_key, channel, language, appeal_type, registered_month, redirect_count
-- How far appeals travel before an agency takes them: 0 redirects, 1, 2 (ping-pong starts), 3 or more.
with appeals as (
    -- an appeal without a registration date cannot be placed in a month (nor against a deadline)
    select * from fct_appeals where registered_month is not null
),

data_end as (
    select max(registered_at)::date as last_day from appeals
),

final as (
    select
        agency_key, region_key, channel, language, appeal_type, registered_month,
        least(redirect_count, 3)                                                      as redirect_count,
        count(*)                                                                      as appeals,
        count(*) filter (where is_on_time)                                            as on_time,
        count(*) filter (where is_answered or due_date < (select last_day from data_end)) as decided,
        count(*) filter (where is_redirect_late)                                      as redirected_late
    from appeals
    group by all
)

select * from final
