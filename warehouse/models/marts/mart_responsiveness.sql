-- grain: one row per agency, region, channel, language, appeal type and month of registration
-- key: agency_key, region_key, channel, language, appeal_type, registered_month
-- Additive counts and sums only, so any filter on the dashboard is a sum over this cube
-- (thousands of rows) instead of a scan of millions of appeals.
-- `decided` counts the appeals whose outcome is known on the data's last day: answered, or past
-- their deadline. It is the denominator of the on-time rate, so the latest month is not made to
-- look late by appeals that are still within their legal term.
with appeals as (
    -- an appeal without a registration date cannot be placed in a month (nor against a deadline)
    select * from fct_appeals where registered_month is not null
),

data_end as (
    select max(registered_at)::date as last_day from appeals
),

final as (
    select
        agency_key,
        any_value(agency)                                          as agency,
        any_value(agency_kind)                                     as agency_kind,
        region_key,
        any_value(region)                                          as region,
        channel,
        language,
        appeal_type,
        registered_month,
        count(*)                                                   as appeals,
        count(*) filter (where is_answered)                        as answered,
        count(*) filter (where is_on_time)                         as on_time,
        count(*) filter (where is_answered or due_date < (select last_day from data_end))
                                                                   as decided,
        sum(days_to_final_answer)                                  as sum_days_to_final_answer,
        count(*) filter (where redirect_count > 0)                 as redirected,
        count(*) filter (where is_ping_pong)                       as ping_pong,
        count(*) filter (where is_redirect_late)                   as redirected_late,
        count(*) filter (where extension_count > 0)                as extended,
        count(is_extension_notice_late)                            as extension_notice_checked,
        count(*) filter (where is_extension_notice_late)           as extension_notice_late,
        count(*) filter (where is_repeat)                          as repeats,
        count(*) filter (where is_interim_only)                    as interim_only,
        count(satisfaction)                                        as rated,
        sum(satisfaction)                                          as sum_satisfaction,
        count(*) filter (where satisfaction >= 4)                  as satisfied,
        count(*) filter (where is_closed)                          as closed,
        count(*) filter (where is_closed_satisfied)                as closed_satisfied
    from appeals
    group by agency_key, region_key, channel, language, appeal_type, registered_month
)

select * from final
