# instance-lib.sh -- shell helpers shared by the test runners: start and stop a
# scratch RustyDB instance on a free port.  Source it; needs BINDIR set.

# free_port -- print a TCP port nobody listens on.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# kill_postmaster_tree PID -- simulate a crash: stop the postmaster PID (so it
# cannot restart anything), then SIGKILL it and its children.  Silent when
# they are already gone (it is also used by cleanup traps).
kill_postmaster_tree() {
    local pm=$1
    kill -STOP "$pm" 2>/dev/null || true
    kill -KILL $(pgrep -P "$pm" || true) "$pm" 2>/dev/null || true
}

# start_instance DIR PORT [SERVER-OPTION...] -- initdb DIR (if new) and start
# a server on PORT, Unix socket in DIR/sock, admin API off unless an option
# sets admin_api_port.  Waits until it accepts connections.
start_instance() {
    local dir=$1 port=$2
    shift 2
    if [ ! -f "$dir/rustydb.conf" ]; then
        "$BINDIR/rustydb-initdb" -D "$dir" --superuser postgres >"$dir.initdb.log" 2>&1 || {
            cat "$dir.initdb.log"; return 1; }
    fi
    mkdir -p "$dir/sock"
    "$BINDIR/rustydb" -D "$dir" -p "$port" -k "$dir/sock" -c admin_api_port=0 "$@" \
        >>"$dir/logs/stderr.log" 2>&1 &
    echo $! >"$dir/test.pid"
    for _ in $(seq 1 300); do
        if pg_isready -q -h "$dir/sock" -p "$port" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$(cat "$dir/test.pid")" 2>/dev/null; then
            echo "server exited during start; log:"; tail -n 30 "$dir/logs/"*.log; return 1
        fi
        sleep 0.1
    done
    echo "server did not start within 30 s"; return 1
}

# stop_instance DIR [SIGNAL] -- stop the server started by start_instance.
stop_instance() {
    local dir=$1 sig=${2:-INT} pid
    pid=$(cat "$dir/test.pid" 2>/dev/null) || return 0
    kill -"$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
