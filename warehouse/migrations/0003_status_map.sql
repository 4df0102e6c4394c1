-- 0003: how each source's statuses map to canonical groups, and which closures mean the
-- citizen said they were satisfied (a portal without ratings records it as a status).
create table ref_status_map (
    status                  varchar primary key,   -- lower-case status as sources write it
    status_group            varchar not null,      -- registered | in_progress | answered | closed
    is_closed               boolean not null,
    is_citizen_satisfied    boolean                -- null: the status says nothing about satisfaction
);
