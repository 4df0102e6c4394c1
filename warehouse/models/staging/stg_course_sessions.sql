-- grain: one row per course session held for an agency
-- key: session_id
with source as (
    select * from raw_course_sessions
),

final as (
    select session_id, agency_code, course_id, session_date, staff_trained
    from source
)

select * from final
