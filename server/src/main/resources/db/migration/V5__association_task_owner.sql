-- Which server process (a runner, named by the id kept in its data directory) runs each task, and when each
-- runner was last seen: with several servers on one database, a server that starts, or looks around, ends
-- only the unfinished tasks whose runner is gone (its own of before a restart, or one not seen for a lease).
ALTER TABLE association_task ADD COLUMN owner_id VARCHAR(36);

CREATE TABLE task_runner (
    id        VARCHAR(36) NOT NULL PRIMARY KEY,
    heartbeat BIGINT      NOT NULL
);
