#!/bin/bash
#
# node_pg_test.sh
#     node-postgres (npm "pg") against the server named by PGHOST, PGPORT,
#     PGUSER, PGDATABASE (scripts/run-protocol.sh sets them): parameterized
#     queries over the extended query protocol, named prepared statements,
#     INSERT ... RETURNING with parameters, NULLs, errors.
#
#   RDB_NODE_PG_DIR  directory to install "pg" into (default: a scratch
#                    directory; reuse one to avoid reinstalling)
#
# Skips (exit 0, with a message) when node/npm are missing or "npm install
# pg" cannot reach the registry.  Exit status 0 if every check passed.
set -u

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "node_pg: node or npm not found; skipped"
    exit 0
fi
dir=${RDB_NODE_PG_DIR:-${RDB_SCRATCH:-$(mktemp -d /tmp/rdb_node_pg.XXXXXX)}/node_pg}
mkdir -p "$dir"
if [ ! -d "$dir/node_modules/pg" ]; then
    if ! (cd "$dir" && npm install --no-audit --no-fund --silent pg >npm-install.log 2>&1); then
        echo "node_pg: npm install pg failed (registry unreachable?); skipped"
        tail -5 "$dir/npm-install.log"
        exit 0
    fi
fi

cat > "$dir/node_pg_check.js" <<'JS'
'use strict';
const { Client } = require('pg');

let failures = 0;
function check(cond, what) {
    console.log((cond ? 'ok   ' : 'FAIL ') + what);
    if (!cond) failures++;
}

async function main() {
    // pg reads PGHOST (a socket directory works), PGPORT, PGUSER, PGDATABASE.
    const client = new Client();
    await client.connect();

    let r = await client.query('SELECT $1::int + 1 AS n', [41]);
    check(r.rows.length === 1 && r.rows[0].n === 42, "SELECT $1::int + 1 AS n with [41] -> 42 (got " +
          JSON.stringify(r.rows) + ")");

    await client.query('DROP TABLE IF EXISTS node_pg_users');
    await client.query('CREATE TABLE node_pg_users (id int, name text, score numeric, active bool, ' +
                       'seen timestamp, avatar bytea)');
    r = await client.query('INSERT INTO node_pg_users VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, score',
                           [1, 'zoë', '12.50', true, '2024-05-06 07:08:09', Buffer.from([0, 255, 7])]);
    check(r.command === 'INSERT' && r.rowCount === 1, 'INSERT ... RETURNING command and row count');
    check(r.rows[0].id === 1 && r.rows[0].name === 'zoë' && r.rows[0].score === '12.50',
          'INSERT ... RETURNING values (got ' + JSON.stringify(r.rows) + ')');
    r = await client.query('INSERT INTO node_pg_users (id, name) VALUES ($1, $2) RETURNING id, name, score',
                           [2, null]);
    check(r.rows[0].id === 2 && r.rows[0].name === null && r.rows[0].score === null, 'NULL parameter');

    for (let i = 0; i < 3; i++) {
        r = await client.query({ name: 'by-id', text: 'SELECT name, active, avatar FROM node_pg_users WHERE id = $1',
                                 values: [1] });
        check(r.rows.length === 1 && r.rows[0].name === 'zoë' && r.rows[0].active === true &&
              Buffer.compare(r.rows[0].avatar, Buffer.from([0, 255, 7])) === 0,
              'named prepared statement, run ' + (i + 1));
    }
    r = await client.query('UPDATE node_pg_users SET score = score + $1 WHERE id = $2', [0.25, 1]);
    check(r.command === 'UPDATE' && r.rowCount === 1, 'UPDATE with parameters');
    r = await client.query('SELECT score FROM node_pg_users WHERE id = $1', [1]);
    check(r.rows[0].score === '12.75', 'updated value');

    try {
        await client.query('SELECT $1::int', ['not a number']);
        check(false, 'bad parameter raises');
    } catch (e) {
        check(e.code === '22P02', 'bad parameter -> 22P02 (got ' + e.code + ')');
    }
    r = await client.query('SELECT count(*)::int AS c FROM node_pg_users');
    check(r.rows[0].c === 2, 'connection usable after the error');

    await client.query('BEGIN');
    await client.query('INSERT INTO node_pg_users (id) VALUES ($1)', [3]);
    await client.query('ROLLBACK');
    r = await client.query('SELECT count(*)::int AS c FROM node_pg_users WHERE id = $1', [3]);
    check(r.rows[0].c === 0, 'parameterized INSERT in a rolled-back transaction is gone');

    await client.query('DROP TABLE node_pg_users');
    await client.end();
}

main().then(() => {
    console.log(failures + ' failure(s)');
    process.exit(failures ? 1 : 0);
}, (e) => {
    console.log('FAIL unexpected error: ' + (e && e.stack ? e.stack : e));
    process.exit(1);
});
JS
cd "$dir" && timeout 120 node node_pg_check.js
