-- psql describe meta-commands (\d and friends) against the system catalogs
CREATE SCHEMA pm;
SET search_path = pm;
CREATE TABLE pm_dept (
    id integer PRIMARY KEY,
    code text NOT NULL UNIQUE,
    budget integer DEFAULT 0
);
CREATE TABLE pm_emp (
    id bigint PRIMARY KEY,
    dept_id integer REFERENCES pm_dept (id),
    first_name text NOT NULL,
    last_name text,
    salary integer CHECK (salary > 0),
    active boolean DEFAULT true
);
CREATE TABLE pm_task (
    emp_id bigint NOT NULL,
    seq integer NOT NULL,
    title varchar(40),
    PRIMARY KEY (emp_id, seq),
    CONSTRAINT pm_task_emp_fk FOREIGN KEY (emp_id) REFERENCES pm_emp (id) ON DELETE CASCADE
);
CREATE INDEX pm_emp_name_idx ON pm_emp (last_name, first_name);
CREATE INDEX pm_emp_active_idx ON pm_emp (dept_id) WHERE active;
CREATE UNIQUE INDEX pm_emp_first_idx ON pm_emp (first_name DESC);
CREATE ROLE pm_role NOLOGIN CREATEDB;
CREATE VIEW pm_emp_view AS SELECT id, first_name FROM pm_emp WHERE active;
\d pm_dept
\d pm_emp
\d pm_task
\d pm_emp_pkey
\d pm_task_pkey
\d pm_emp_name_idx
\d pm_emp_active_idx
\d pm_emp_first_idx
\d pm_emp_view
\dt pm.*
\di pm.*
\dv pm.*
\dn pm
\du pm_nosuchrole
\df pm.*
\d+ pm_dept
\d+ pm_task
\di+ pm.*
\dx pm_nosuchext
\df pg_encoding_to_char
\du pm_role
-- pg_get_constraintdef / pg_get_indexdef directly
SELECT conname, pg_get_constraintdef(oid, true) FROM pg_constraint
 WHERE conrelid IN ('pm_dept'::regclass, 'pm_emp'::regclass, 'pm_task'::regclass)
 ORDER BY conname;
SELECT pg_get_indexdef('pm_emp_first_idx'::regclass);
SELECT pg_get_indexdef('pm_emp_active_idx'::regclass);
SELECT 'pm_task'::regclass, 'pm.pm_task'::regclass::oid = 'pm_task'::regclass;
SELECT 'pm_nosuch'::regclass;
SELECT pg_encoding_to_char(6), pg_encoding_to_char(0);
DROP VIEW pm_emp_view;
DROP TABLE pm_task;
DROP TABLE pm_emp;
DROP TABLE pm_dept;
RESET search_path;
DROP SCHEMA pm;
DROP ROLE pm_role;
