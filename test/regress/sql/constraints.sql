--
-- Constraints: PRIMARY KEY, UNIQUE, NOT NULL, CHECK, FOREIGN KEY
-- (NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT).
--
CREATE TABLE people (id int PRIMARY KEY, email text UNIQUE, age int CHECK (age >= 0),
                     name text NOT NULL);
INSERT INTO people VALUES (1, 'a@x', 30, 'ann'), (2, 'b@x', 40, 'bob');
-- primary key and unique violations
INSERT INTO people VALUES (1, 'c@x', 1, 'carl');
INSERT INTO people VALUES (3, 'a@x', 1, 'carl');
INSERT INTO people VALUES (NULL, 'd@x', 1, 'dan');
-- NULLs never conflict in a unique column
INSERT INTO people VALUES (3, NULL, 5, 'carl'), (4, NULL, 6, 'dora');
-- check and not-null violations
INSERT INTO people VALUES (5, 'e@x', -1, 'eve');
INSERT INTO people VALUES (5, 'e@x', 1, NULL);
UPDATE people SET age = -5 WHERE id = 1;
-- an update that keeps its key is not a duplicate of itself
UPDATE people SET age = age + 1;
UPDATE people SET email = 'b@x' WHERE id = 1;
-- a failed multi-row insert leaves nothing behind
INSERT INTO people VALUES (10, 'z@x', 1, 'zed'), (11, 'z@x', 1, 'zoe');
SELECT * FROM people ORDER BY id;
-- a key freed by a delete can be reused
DELETE FROM people WHERE id = 4;
INSERT INTO people VALUES (4, 'd@x', 7, 'dora');
-- rolled back inserts do not block the key
BEGIN;
INSERT INTO people VALUES (20, 't@x', 1, 'tom');
ROLLBACK;
INSERT INTO people VALUES (20, 't@x', 1, 'tom');
SELECT id, email FROM people ORDER BY id;

-- named table constraints, multi-column keys
CREATE TABLE pairs (a int, b int, c int,
                    CONSTRAINT pairs_ab PRIMARY KEY (a, b),
                    CONSTRAINT c_positive CHECK (c > 0));
INSERT INTO pairs VALUES (1, 1, 1), (1, 2, 1), (2, 1, 1);
INSERT INTO pairs VALUES (1, 2, 5);
INSERT INTO pairs VALUES (3, 3, 0);
ALTER TABLE pairs ADD CONSTRAINT pairs_c_key UNIQUE (c);
ALTER TABLE pairs ADD CONSTRAINT pairs_bc_key UNIQUE (b, c);
INSERT INTO pairs VALUES (5, 2, 1);

-- foreign keys
CREATE TABLE dept (id int PRIMARY KEY, name text);
CREATE TABLE emp (id int PRIMARY KEY,
                  dept_id int REFERENCES dept ON DELETE CASCADE ON UPDATE CASCADE,
                  mentor_dept int REFERENCES dept (id) ON DELETE SET NULL);
CREATE TABLE badge (emp_id int REFERENCES emp (id), code text);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'hr');
INSERT INTO emp VALUES (10, 1, 2), (11, 1, NULL), (12, 2, 3), (13, NULL, NULL);
INSERT INTO emp VALUES (14, 9, NULL);
UPDATE emp SET dept_id = 8 WHERE id = 10;
INSERT INTO badge VALUES (10, 'b10'), (12, 'b12');
-- NO ACTION on the referenced side
DELETE FROM emp WHERE id = 12;
UPDATE emp SET id = 99 WHERE id = 10;
-- an update that keeps the referenced key is fine
UPDATE emp SET mentor_dept = 3 WHERE id = 10;
-- SET NULL
DELETE FROM dept WHERE id = 3;
SELECT * FROM emp ORDER BY id;
-- CASCADE on update
UPDATE dept SET id = 5 WHERE id = 2;
SELECT * FROM emp ORDER BY id;
-- CASCADE on delete, stopped by badge's NO ACTION
DELETE FROM dept WHERE id = 1;
SELECT count(*) FROM dept;
DELETE FROM badge WHERE emp_id = 10;
DELETE FROM dept WHERE id = 1;
SELECT * FROM emp ORDER BY id;
SELECT * FROM dept ORDER BY id;

-- RESTRICT and SET DEFAULT
CREATE TABLE color (name text PRIMARY KEY);
INSERT INTO color VALUES ('none'), ('red'), ('blue');
CREATE TABLE paint (id int, color text DEFAULT 'none' REFERENCES color ON DELETE SET DEFAULT,
                    strict_color text REFERENCES color ON DELETE RESTRICT);
INSERT INTO paint VALUES (1, 'red', 'blue'), (2, 'blue', NULL);
DELETE FROM color WHERE name = 'red';
SELECT * FROM paint ORDER BY id;
DELETE FROM color WHERE name = 'blue';
DELETE FROM color WHERE name = 'none';

-- self reference, rows of the same statement count
CREATE TABLE node (id int PRIMARY KEY, parent int REFERENCES node);
INSERT INTO node VALUES (1, NULL), (2, 1), (3, 2);
INSERT INTO node VALUES (5, 4), (4, 1);
INSERT INTO node VALUES (6, 7);
DELETE FROM node WHERE id = 1;
SELECT * FROM node ORDER BY id;

-- multi-column foreign key, MATCH SIMPLE lets a partly NULL key pass
CREATE TABLE child2 (x int, a int, b int, FOREIGN KEY (a, b) REFERENCES pairs (a, b));
INSERT INTO child2 VALUES (1, 1, 2), (2, 7, NULL);
INSERT INTO child2 VALUES (3, 7, 7);
DELETE FROM pairs WHERE a = 1 AND b = 2;

DROP TABLE child2, node, paint, color, badge, emp, dept, pairs, people;
