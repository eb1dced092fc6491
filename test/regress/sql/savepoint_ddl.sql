--
-- DDL inside savepoints: the files of a relation dropped in a
-- subtransaction that rolls back must survive the commit; the files of a
-- relation created in one must go with it.
--
CREATE TABLE sp_drop (a int PRIMARY KEY, b text);
INSERT INTO sp_drop VALUES (1, 'one'), (2, 'two');

-- DROP in a savepoint, rolled back, then COMMIT
BEGIN;
SAVEPOINT s;
DROP TABLE sp_drop;
ROLLBACK TO s;
COMMIT;
SELECT * FROM sp_drop ORDER BY a;
SELECT * FROM sp_drop WHERE a = 2;

-- the same after an error in the savepoint
BEGIN;
ALTER TABLE sp_drop ADD COLUMN c int DEFAULT 3;
SAVEPOINT s;
DROP TABLE sp_drop;
SELECT 1 / 0;
ROLLBACK TO s;
COMMIT;
SELECT * FROM sp_drop ORDER BY a;

-- a released savepoint's drop belongs to its parent: rolled back with it
BEGIN;
SAVEPOINT outer_sp;
SAVEPOINT inner_sp;
DROP TABLE sp_drop;
RELEASE inner_sp;
ROLLBACK TO outer_sp;
COMMIT;
SELECT count(*) FROM sp_drop;

-- TRUNCATE in a rolled-back savepoint keeps the old rows
BEGIN;
SAVEPOINT s;
TRUNCATE sp_drop;
ROLLBACK TO s;
COMMIT;
SELECT count(*) FROM sp_drop;

-- TRUNCATE in a released savepoint: the new (empty) files stay
BEGIN;
SAVEPOINT s;
TRUNCATE sp_drop;
INSERT INTO sp_drop VALUES (10, 'ten', 10);
RELEASE s;
COMMIT;
SELECT * FROM sp_drop;

-- created in a rolled-back savepoint: gone
BEGIN;
SAVEPOINT s;
CREATE TABLE sp_new (a int);
INSERT INTO sp_new VALUES (1);
ROLLBACK TO s;
CREATE TABLE sp_new (a int);
INSERT INTO sp_new VALUES (2);
COMMIT;
SELECT * FROM sp_new;

-- created and dropped in released savepoints: dropped at commit
BEGIN;
SAVEPOINT s;
CREATE TABLE sp_gone (a int);
SAVEPOINT s2;
DROP TABLE sp_gone;
RELEASE s2;
RELEASE s;
COMMIT;
SELECT * FROM sp_gone;

DROP TABLE sp_drop;
DROP TABLE sp_new;
