-- Association tasks of all projects. active_server_id holds the server's id while the task has not
-- ended and is NULL after: its unique constraint lets one task per server run, and the database
-- decides, so two requests racing for one server cannot both start. Credentials are never stored.
CREATE TABLE association_task (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    project_id       VARCHAR(64)   NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    server_id        VARCHAR(64)   NOT NULL,
    server_name      VARCHAR(255)  NOT NULL,
    keypair_name     VARCHAR(255)  NOT NULL,
    operation        VARCHAR(8)    NOT NULL,
    phase            VARCHAR(8)    NOT NULL,
    disable_password BOOLEAN,
    ssh_port         INTEGER,
    create_time      BIGINT        NOT NULL,
    update_time      BIGINT        NOT NULL,
    error_code       VARCHAR(16),
    error_msg        VARCHAR(1024),
    active_server_id VARCHAR(64),
    CONSTRAINT uk_association_task_active_server UNIQUE (active_server_id)
);
CREATE INDEX ix_association_task_project_phase ON association_task (project_id, phase, create_time);

-- The key pair bound to each server, with the public key as it was bound, so that its line can be
-- removed from the server even after the key pair is deleted.
CREATE TABLE server_binding (
    server_id    VARCHAR(64)    NOT NULL PRIMARY KEY,
    project_id   VARCHAR(64)    NOT NULL,
    keypair_name VARCHAR(255)   NOT NULL,
    public_key   VARCHAR(32768) NOT NULL,
    bound_time   BIGINT         NOT NULL
);

-- Host keys trusted on first use, for servers configured without one.
CREATE TABLE server_host_key (
    server_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    fingerprint VARCHAR(128) NOT NULL,
    first_seen  BIGINT       NOT NULL
);
