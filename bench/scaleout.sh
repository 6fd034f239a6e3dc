# Scenario scaleout: sourced by bench/run (uses its row/stats/ratio/driver helpers).
# The writes driver (start + 8 answers + submit per attempt, BENCH_WRITERS learners at once) through the stack's
# gateway, whose quiz-service has one instance, and through a second gateway (port 18090) whose quiz-service url lists
# the stack's instance and a second one (port 18183), both on the same database and broker. Each copy is started
# exactly as the stack started the first (its command line and environment, read from /proc), with only its port and,
# for the gateway, QUIZ_SERVICE_URL changed. Everything shares the same 2 cores: the figure says what a second
# instance adds on one machine, not across machines.

say "== scaleout: $WRITERS learners writing through one and two quiz-service instances ($RUNS x ${DURATION}s each)"
QUIZ2_PORT=${BENCH_QUIZ2_PORT:-18183}
GATEWAY2_PORT=${BENCH_GATEWAY2_PORT:-18090}

# Starts a copy of a running stack process: same command line, working folder and environment, then the overrides.
copy_of() { # name log VAR=value...
  local name=$1 log=$2 pid cmd envs
  shift 2
  pid=$(pid_of "$name")
  [[ -n "$pid" && -r /proc/$pid/cmdline ]] || die "scaleout: no running $name to copy"
  mapfile -d '' cmd < "/proc/$pid/cmdline"
  mapfile -d '' envs < "/proc/$pid/environ"
  (cd "/proc/$pid/cwd" && exec env -i "${envs[@]}" "$@" setsid "${cmd[@]}") > "$log" 2>&1 < /dev/null &
  EXTRA_PIDS+=("$!")
}

await_ready() { # url seconds
  local deadline=$(( $(date +%s) + $2 ))
  until http_ok "$1/q/health/ready"; do
    (( $(date +%s) < deadline )) || die "scaleout: $1 not ready after $2 s"
    sleep 0.2
  done
}

copy_of quiz-service "$WORK/quiz-service-2.log" "PORT=$QUIZ2_PORT"
await_ready "http://$HOST:$QUIZ2_PORT" 180
copy_of gateway "$WORK/gateway-2.log" "PORT=$GATEWAY2_PORT" "QUIZ_SERVICE_URL=http://$HOST:8083,http://$HOST:$QUIZ2_PORT"
await_ready "http://$HOST:$GATEWAY2_PORT" 120

declare -A SO_A=() SO_S99=()
for setup in one two; do
  gw="http://$HOST:8080"; [[ $setup == two ]] && gw="http://$HOST:$GATEWAY2_PORT"
  driver writes --gateway "$gw" --concurrency "$WRITERS" --seconds 5 >/dev/null # warm-up (the copy's JIT too)
  A=() S99=()
  for i in $(seq 1 "$RUNS"); do
    out=$(driver writes --gateway "$gw" --concurrency "$WRITERS" --seconds "$DURATION")
    say "  $setup instance(s), run $i: ${out#RESULT }"
    [[ "$(kv errors "$out")" == 0 ]] || note "scaleout: $setup instance(s), run $i had $(kv errors "$out") failed attempts"
    A+=("$(kv submits_per_s "$out")"); S99+=("$(kv submit_p99_ms "$out")")
  done
  read -r m lo hi <<<"$(stats "${A[@]}")"; SO_A[$setup]=$m
  read -r m99 lo99 hi99 <<<"$(stats "${S99[@]}")"; SO_S99[$setup]=$m99
  if [[ $setup == one ]]; then
    row scaleout "submitted attempts/s, 1 quiz-service instance" "$m" "$lo" "$hi"
    row scaleout "submit p99 (ms), 1 instance" "$m99" "$lo99" "$hi99"
  else
    row scaleout "submitted attempts/s, 2 instances" "$m" "$lo" "$hi" "2/1 $(ratio "$m" "${SO_A[one]}")"
    per=$(awk -v a="$m" 'BEGIN { printf "%.2f", a / 2 }')
    row scaleout "per instance with 2 instances (attempts/s)" "$per" "" "" "per-instance 2/1 $(ratio "$per" "${SO_A[one]}")"
    row scaleout "submit p99 (ms), 2 instances" "$m99" "$lo99" "$hi99" "2/1 $(ratio "$m99" "${SO_S99[one]}")"
  fi
done
# the copies go; the stack's own processes stay as they were
for pid in "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${EXTRA_PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
EXTRA_PIDS=()
