--
-- partition_convert.sql: RustyDB's dialect
--     ALTER TABLE t PARTITION BY RANGE (cols)
--         (PARTITION p VALUES LESS THAN (...) | (MAXVALUE), ...)
-- (maintenance guide, ERRATA 5).  PostgreSQL cannot run it: the expected
-- output was written by hand, each error with the SQLSTATE, message, detail
-- and hint PostgreSQL 15 gives for the equivalent
--     CREATE TABLE t (...) PARTITION BY RANGE (cols);
--     CREATE TABLE p PARTITION OF t FOR VALUES FROM (previous bound) TO (bound);
-- The conversion works for tables whose PRIMARY KEY / UNIQUE constraints
-- include the partition key; a table whose key does not (the guide's
-- orders(id PRIMARY KEY)) is rejected with PostgreSQL's 0A000 and a hint,
-- never converted with a weakened key (no global uniqueness yet).  The
-- end of the file converts such a table for real and checks the result.
--
\set VERBOSITY default
CREATE TABLE pc_orders (
    id int PRIMARY KEY,
    customer_id int NOT NULL,
    order_date date NOT NULL,
    amount numeric(10,2) DEFAULT 0 CHECK (amount >= 0),
    note varchar(3),
    flag bool
);
INSERT INTO pc_orders (id, customer_id, order_date, amount)
SELECT g, g % 7, DATE '2024-01-01' + g * 3, g FROM generate_series(1, 200) g;

-- the guide's statement on a table keyed by id alone: 0A000, table unchanged
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_orders_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_orders_2025 VALUES LESS THAN ('2026-01-01')
);
ALTER TABLE IF EXISTS pc_orders PARTITION BY RANGE (order_date, id) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01', 10),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01', MAXVALUE),
    PARTITION pc_p3 VALUES LESS THAN (MAXVALUE, MAXVALUE)
);
ALTER TABLE pc_orders PARTITION BY RANGE (amount) (
    PARTITION pc_p1 VALUES LESS THAN (-5 + 10.5),
    PARTITION pc_p2 VALUES LESS THAN MAXVALUE
);
ALTER TABLE pc_orders PARTITION BY HASH (id);
ALTER TABLE pc_orders PARTITION BY LIST (customer_id);
SELECT count(*), min(order_date), max(order_date) FROM pc_orders;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_%' ORDER BY relname;
ALTER TABLE IF EXISTS pc_missing PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01')
);

-- the partition key
ALTER TABLE pc_orders PARTITION BY INTERVAL (order_date);
ALTER TABLE pc_orders PARTITION BY RANGE (ship_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (xmin);
ALTER TABLE pc_orders PARTITION BY LIST (customer_id, id);
ALTER TABLE pc_orders PARTITION BY RANGE ((id + 1));

-- the bounds
ALTER TABLE pc_orders PARTITION BY LIST (customer_id) (
    PARTITION pc_p1 VALUES LESS THAN (3)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01', 3)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-13-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (NULL)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (order_date)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ((SELECT DATE '2025-01-01'))
);
ALTER TABLE pc_orders PARTITION BY RANGE (id) (
    PARTITION pc_p1 VALUES LESS THAN (sum(1))
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (interval '1 day')
);
ALTER TABLE pc_orders PARTITION BY RANGE (note) (
    PARTITION pc_p1 VALUES LESS THAN ('abcdef')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date, id) (
    PARTITION pc_p1 VALUES LESS THAN (MAXVALUE, 5)
);
-- bounds must ascend: partition i holds [bound i-1, bound i)
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2026-01-01'),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN (MAXVALUE),
    PARTITION pc_p2 VALUES LESS THAN (MAXVALUE)
);
ALTER TABLE pc_orders PARTITION BY RANGE (id) (
    PARTITION pc_p1 VALUES LESS THAN (MINVALUE)
);
ALTER TABLE pc_orders PARTITION BY RANGE (id) (
    PARTITION pc_p1 VALUES LESS THAN (10),
    PARTITION pc_p2 VALUES LESS THAN (-3)
);
ALTER TABLE pc_orders PARTITION BY RANGE (amount) (
    PARTITION pc_p1 VALUES LESS THAN (10.5),
    PARTITION pc_p2 VALUES LESS THAN (2)
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date, note) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01', 'x''y'),
    PARTITION pc_p2 VALUES LESS THAN ('2025-01-01', 'a')
);
ALTER TABLE pc_orders PARTITION BY RANGE (flag) (
    PARTITION pc_p1 VALUES LESS THAN (true),
    PARTITION pc_p2 VALUES LESS THAN (false)
);
-- partition names: in use in the schema, or twice in the list
CREATE TABLE pc_taken (a int);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_taken VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_orders VALUES LESS THAN ('2025-01-01')
);
ALTER TABLE pc_orders PARTITION BY RANGE (order_date) (
    PARTITION pc_p1 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_p1 VALUES LESS THAN ('2026-01-01')
);
-- nothing changed
SELECT count(*), sum(amount) FROM pc_orders;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_%' ORDER BY relname;
DROP TABLE pc_taken;
DROP TABLE pc_orders;

-- a real conversion: the primary key includes the partition key
CREATE TABLE pc_sales (
    id int,
    sold date NOT NULL,
    amount int DEFAULT 1 CHECK (amount > 0),
    PRIMARY KEY (id, sold)
);
INSERT INTO pc_sales SELECT g, DATE '2024-01-01' + g * 3, g FROM generate_series(1, 200) g;
CREATE VIEW pc_sales_big AS SELECT id, amount FROM pc_sales WHERE amount > 195;
SELECT oid AS sales_oid FROM pg_class WHERE relname = 'pc_sales' \gset
-- a row outside every bound: the statement fails, nothing changes
INSERT INTO pc_sales VALUES (1000, '2030-01-01', 5);
ALTER TABLE pc_sales PARTITION BY RANGE (sold) (
    PARTITION pc_sales_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_sales_2025 VALUES LESS THAN ('2026-01-01')
);
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_sales%' ORDER BY relname;
DELETE FROM pc_sales WHERE id = 1000;
-- rolled back: everything as before
BEGIN;
ALTER TABLE pc_sales PARTITION BY RANGE (sold) (
    PARTITION pc_sales_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_sales_2025 VALUES LESS THAN (MAXVALUE)
);
SELECT tableoid::regclass::text, count(*) FROM pc_sales GROUP BY 1 ORDER BY 1;
ROLLBACK;
SELECT relname, relkind FROM pg_class WHERE relname LIKE 'pc\_sales%' ORDER BY relname;
SELECT count(*), sum(amount) FROM pc_sales;
-- committed
ALTER TABLE pc_sales PARTITION BY RANGE (sold) (
    PARTITION pc_sales_2024 VALUES LESS THAN ('2025-01-01'),
    PARTITION pc_sales_2025 VALUES LESS THAN (MAXVALUE)
);
SELECT oid = :sales_oid AS same_oid, relkind FROM pg_class WHERE relname = 'pc_sales';
SELECT relname, pg_get_expr(relpartbound, oid) FROM pg_class
WHERE relname LIKE 'pc\_sales\_%' AND relkind = 'r' ORDER BY relname;
SELECT tableoid::regclass::text, count(*), min(sold), max(sold) FROM pc_sales GROUP BY 1 ORDER BY 1;
SELECT * FROM pc_sales_big ORDER BY id;
-- constraints still enforced
INSERT INTO pc_sales VALUES (5, '2024-01-16', 1);
INSERT INTO pc_sales VALUES (5000, '2024-02-01', 0);
INSERT INTO pc_sales (id, sold) VALUES (5001, '2025-02-01') RETURNING amount, tableoid::regclass;
INSERT INTO pc_sales_2024 VALUES (5002, '2025-02-01', 1);
-- pruning
EXPLAIN (COSTS OFF) SELECT * FROM pc_sales WHERE sold < '2024-06-01';
EXPLAIN (COSTS OFF) SELECT * FROM pc_sales WHERE id = 7;
DROP VIEW pc_sales_big;
DROP TABLE pc_sales;
SELECT count(*) FROM pg_class WHERE relname LIKE 'pc\_sales%';
