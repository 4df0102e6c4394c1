-- grain: one row per appeal, with its lifecycle measured against the legal deadlines
-- key: appeal_id
with appeals as (
    select * from stg_appeals
),

events as (
    select * from stg_appeal_events
),

agencies as (
    select * from stg_agencies
),

regions as (
    select * from ref_regions
),

calendar as (
    select * from ref_calendar
),

rules as (
    select * from ref_rules
),

status_map as (
    select * from ref_status_map
),

event_summary as (
    select
        appeal_id,
        count(*) filter (where event_type = 'redirect')                                  as redirect_count,
        min(event_at) filter (where event_type = 'redirect')                             as first_redirect_at,
        count(*) filter (where event_type = 'extension')                                 as extension_count,
        min(event_at) filter (where event_type = 'extension')                            as first_extension_at,
        min(event_at) filter (where event_type = 'extension_notice')                     as first_extension_notice_at,
        min(event_at) filter (where event_type in ('interim_answer', 'final_answer'))    as first_answer_event_at,
        min(event_at) filter (where event_type = 'final_answer')                         as final_answer_event_at,
        count(*) filter (where event_type = 'interim_answer')                            as interim_answer_count,
        count(*) filter (where event_type = 'followup')                                  as followup_count
    from events
    group by appeal_id
),

registered_day as (
    select
        a.appeal_id,
        c.working_day_index as registered_index
    from appeals a
    join calendar c on c.day = a.registered_at::date
),

legal_due as (
    -- the day whose working-day index is `working_days_to_answer` past registration
    select
        r.appeal_id,
        min(c.day) as legal_due_date
    from registered_day r
    cross join rules
    join calendar c
      on c.working_day_index = r.registered_index + rules.working_days_to_answer
     and c.is_working_day
    group by r.appeal_id
),

redirect_day as (
    select e.appeal_id, c.working_day_index as redirect_index
    from event_summary e
    join calendar c on c.day = e.first_redirect_at::date
),

extension_days as (
    -- the extension decision and the citizen's notice of it, on the working-day clock
    select
        e.appeal_id,
        decided.working_day_index                                                    as extension_index,
        noticed.working_day_index                                                    as extension_notice_index
    from event_summary e
    join calendar decided on decided.day = e.first_extension_at::date
    left join calendar noticed on noticed.day = e.first_extension_notice_at::date
),

sources_recording_notices as (
    -- a source whose exports never carry an extension notice cannot be judged on notices
    select distinct a.source
    from events e
    join appeals a on a.appeal_id = e.appeal_id
    where e.event_type = 'extension_notice'
),

data_end as (
    select c.working_day_index as last_index
    from calendar c
    where c.day = (select max(registered_at)::date from appeals)
),

previous_by_applicant as (
    -- a repeat: the same applicant wrote to the same agency about the same category before
    select
        appeal_id,
        lag(registered_at) over (
            partition by applicant_hash, agency_key, coalesce(category, '')
            order by registered_at, appeal_id
        ) as previous_registered_at
    from appeals
    where applicant_hash is not null
),

joined as (
    select
        a.*,
        coalesce(ag.name_en, a.agency_name)                                   as agency_label,
        ag.agency_kind,
        coalesce(a.region_name, rg.name_en, ag.region_code)                   as region_label,
        coalesce(e.redirect_count, 0)                                         as redirect_count,
        e.first_redirect_at,
        e.appeal_id is not null                                               as has_history,
        coalesce(e.extension_count, 0)                                        as extension_count,
        e.first_extension_at,
        e.first_extension_notice_at,
        -- the extended term runs from the decision to extend, to at most two months
        (e.first_extension_at::date + (select extension_max_days from rules) * interval 1 day)::date
                                                                              as extended_due_date,
        x.extension_index,
        x.extension_notice_index,
        ns.source is not null                                                 as source_records_notices,
        coalesce(e.interim_answer_count, 0)                                   as interim_answer_count,
        coalesce(e.followup_count, 0)                                         as followup_count,
        -- an appeal's event history, where the source has one, is the authority on answers: some
        -- exports put the date of an interim answer in their "answered" column
        case when e.appeal_id is not null then e.first_answer_event_at
             else a.answered_at end                                           as first_answer_at,
        case when e.appeal_id is not null then e.final_answer_event_at
             else a.answered_at end                                           as final_answer_at,
        d.legal_due_date,
        r.registered_index,
        rd.redirect_index,
        p.previous_registered_at,
        sm.status_group,
        coalesce(sm.is_closed, a.closed_at is not null)                       as is_closed,
        sm.is_citizen_satisfied
    from appeals a
    left join agencies ag on ag.agency_code = a.agency_code
    left join regions rg on rg.region_code = a.region_code
    left join event_summary e on e.appeal_id = a.appeal_id
    left join legal_due d on d.appeal_id = a.appeal_id
    left join registered_day r on r.appeal_id = a.appeal_id
    left join redirect_day rd on rd.appeal_id = a.appeal_id
    left join extension_days x on x.appeal_id = a.appeal_id
    left join sources_recording_notices ns on ns.source = a.source
    left join previous_by_applicant p on p.appeal_id = a.appeal_id
    left join status_map sm on sm.status = a.status
),

final as (
    select
        j.appeal_id,
        j.source,
        j.external_id,
        coalesce(j.agency_key, 'unknown')                                     as agency_key,
        j.agency_label                                                        as agency,
        j.agency_kind,
        coalesce(j.region_code, j.region_label, 'unknown')                    as region_key,
        j.region_label                                                        as region,
        coalesce(j.channel, 'unknown')                                        as channel,
        coalesce(j.language, 'unknown')                                       as language,
        coalesce(j.appeal_type, 'unknown')                                    as appeal_type,
        j.category,
        j.registered_at,
        date_trunc('month', j.registered_at)::date                            as registered_month,
        j.status,
        j.status_group,
        j.is_closed,
        j.is_closed and j.is_citizen_satisfied                                as is_closed_satisfied,
        j.first_answer_at,
        j.final_answer_at,
        -- the deadline in force: the extended term when the file shows an extension
        coalesce(j.extended_due_date, j.legal_due_date)                       as due_date,
        j.legal_due_date,
        j.extended_due_date,
        j.due_at                                                              as source_due_at,
        j.final_answer_at is not null                                         as is_answered,
        j.final_answer_at is not null
            and j.final_answer_at::date <= coalesce(j.extended_due_date, j.legal_due_date)
                                                                              as is_on_time,
        date_diff('second', j.registered_at, j.final_answer_at) / 86400.0     as days_to_final_answer,
        date_diff('second', j.registered_at, j.first_answer_at) / 86400.0     as days_to_first_answer,
        j.redirect_count,
        j.redirect_count >= 2                                                 as is_ping_pong,
        j.redirect_index - j.registered_index > (select notice_working_days from rules)
                                                                              as is_redirect_late,
        j.previous_registered_at is not null
            and j.registered_at - j.previous_registered_at <= interval 180 day as is_repeat,
        j.extension_count,
        j.first_extension_at                                                  as extension_decided_at,
        j.first_extension_notice_at                                           as extension_notice_at,
        -- told of the extension more than `notice_working_days` after the decision, or not told
        -- although that many working days had passed by the data's last day; unknown (null)
        -- without an extension, for sources that never record notices, and while the time runs
        case
            when j.extension_index is null or not j.source_records_notices then null
            when j.extension_notice_index is not null
                then j.extension_notice_index - j.extension_index > (select notice_working_days from rules)
            when (select last_index from data_end) - j.extension_index > (select notice_working_days from rules)
                then true
        end                                                                   as is_extension_notice_late,
        j.interim_answer_count > 0 and j.final_answer_at is null              as is_interim_only,
        j.followup_count,
        j.satisfaction,
        j.applicant_hash,
        j.age_band,
        j.sex,
        j.has_disability,
        j.is_rural,
        j.text
    from joined j
)

select * from final
