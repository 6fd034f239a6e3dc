# Scenario 6, practice (issue #15, "picking the next question costs under 10 ms p99 at 1,000 questions in the
# pool"): sourced by bench/run (uses its row/stats/ratio/driver helpers).
#   a) per pool size N (BENCH_PRACTICE_POOLS): a bench skill created through skills-service's API (so the
#      catalogue event puts it into quiz-service's known_skill), N true/false questions tagged with it seeded by
#      psql into the quiz database, then BENCH_PRACTICE_LEARNERS fresh learners one after the other each take a
#      session of 100 questions on it (next -> answer); every next that picked is timed, half of the learners
#      through the gateway, half direct to quiz-service :8083; and the pick inside the service (the kept pool, the
#      query of what the learner saw and the picker, without the session's lock, insert, commit and JSON), from
#      quiz-service's histogram skillpath_practice_pick_seconds read before and after the sessions
#   b) the statement each pick runs (Practice.SEEN) and the pool's refresh (PracticePool.POOL) alone at each size,
#      EXPLAIN ANALYZE in psql for the last learner (100 items given)
#   c) PracticePicker.pick alone over the same sizes of in-memory candidates (bench/driver/PickerBench.java)

PRACTICE_POOLS=${BENCH_PRACTICE_POOLS:-100 1000}
PRACTICE_LEARNERS=${BENCH_PRACTICE_LEARNERS:-6}
PRACTICE_EXPLAIN="$WORK/practice-explain.txt"

# A statement the service runs, read from its source (a Java text block "static final String NAME = \"\"\"") so
# that psql times the very statement the service runs, its parameters filled in order from the arguments:
#   practice_sql FILE NAME ARG...   (each ARG an SQL literal)
PRACTICE_DIR="$ROOT/quiz-service/src/main/java/dev/skillpath/quiz/practice"
practice_sql() {
  local file=$1 name=$2 sql; shift 2
  sql=$(awk -v start="static final String $name = \"\"\"" 'index($0, start) { on = 1; next } on && /^ *""";/ { exit } on' "$file")
  [[ "$sql" == *select* ]] || die "practice: no $name statement in $file"
  awk -v args="$(printf '%s\x1f' "$@")" 'BEGIN { k = split(args, a, "\x1f") - 1 } {
    while ((i = index($0, "?")) > 0) { n++; if (n > k) exit 1; $0 = substr($0, 1, i - 1) a[n] substr($0, i + 1) }
    print }' <<<"$sql" || die "practice: $name has more parameters than the $# given"
}
# what a pick reads (Practice.SEEN): what learner $1 was given in the last day
practice_seen_sql() {
  local since="now() - interval '1 day'"
  practice_sql "$PRACTICE_DIR/Practice.java" SEEN "'$1'" "$since" "'$1'" "$since"
}
# what a pool refresh reads (PracticePool.POOL): the pool of skill $1
practice_pool_sql() {
  practice_sql "$PRACTICE_DIR/PracticePool.java" POOL "cast('{$1}' as uuid[])"
}

# quiz-service's pick histogram, cumulative: one "upper-bound-in-seconds count" line per bucket
pick_buckets() {
  curl -fsS "http://$HOST:8083/q/metrics" | awk '/^skillpath_practice_pick_seconds_bucket/ {
    match($0, /le="[^"]*"/); print substr($0, RSTART + 4, RLENGTH - 5), $NF }'
}
# the q-quantile of the picks between two scrapes ($1 before, $2 after), as the upper bound of its bucket in ms
pick_quantile() {
  awk -v q="$3" 'FILENAME == ARGV[1] { before[$1] = $2; next }
    { le[++n] = $1; d[n] = $2 - before[$1] }
    END {
      total = d[n]; if (total <= 0) { print "-"; exit }
      for (i = 1; i <= n; i++) if (d[i] >= q * total) { if (le[i] == "+Inf") print "inf"; else printf "%.2f\n", le[i] * 1000; exit }
    }' "$1" <(sort -g "$2")
}

say "== practice: GET /practice-sessions/{id}/next over pools of $PRACTICE_POOLS questions ($PRACTICE_LEARNERS learners x 100 questions each, one at a time)"
declare -A PRACTICE_P99=()
: > "$PRACTICE_EXPLAIN"
for n in $PRACTICE_POOLS; do
  slug="bench-practice-$n"
  skill=$(kv id "$(driver skill --slug "$slug")")
  [[ -n "$skill" ]] || die "practice: could not create or find skill $slug"
  for _ in $(seq 100); do # the catalogue event reaches quiz-service's projection a moment later
    [[ "$("${PSQL[@]}" -At -d quiz -c "select count(*) from known_skill where id = '$skill'")" == 1 ]] && break
    sleep 0.2
  done
  [[ "$("${PSQL[@]}" -At -d quiz -c "select count(*) from known_skill where id = '$skill'")" == 1 ]] \
    || die "practice: quiz-service never learned of skill $slug ($skill)"
  have=$("${PSQL[@]}" -At -d quiz -c "select count(*) from question_version where skill_ids && array['$skill']::uuid[]")
  if (( have < n )); then
    # as QuestionBank stores a true/false question: version 1 current, body {answer, trueFeedback, falseFeedback}
    "${PSQL[@]}" -d quiz <<SQL
create temp table src as select gen_random_uuid() as qid, i from generate_series($have + 1, $n) i;
insert into question (id, current_version, created_by) select qid, 1, 'bench' from src;
insert into question_version (id, question_id, version, type, prompt, points, skill_ids, body, created_by)
  select gen_random_uuid(), qid, 1, 'true_false', 'Bench statement ' || i || ' about $slug holds.', 1,
         array['$skill']::uuid[],
         '{"answer": true, "trueFeedback": "Right: it holds.", "falseFeedback": "It does hold."}'::jsonb, 'bench'
  from src;
analyze question; analyze question_version;
SQL
  fi
  say "  skill $slug ($skill): $n questions"
  pick_buckets > "$WORK/practice-$n.before"
  out=$(driver practice --skill "$skill" --learners "$PRACTICE_LEARNERS" --questions 100 --warmup 1)
  pick_buckets > "$WORK/practice-$n.after"
  say "  $n questions: ${out#RESULT }"
  [[ "$(kv errors "$out")" == 0 ]] || note "practice: $n questions: $(kv errors "$out") answers failed"
  PRACTICE_P99[$n]=$(kv gateway_p99_ms "$out")
  picks="$(kv picks_gateway "$out") + $(kv picks_direct "$out") picks; sessions ended $(kv ends "$out")"
  for via in gateway direct; do
    row practice "$n questions: next via $via p50 (ms)" "$(kv ${via}_p50_ms "$out")" "-" "-" "$([[ $via == gateway ]] && echo "$picks")"
    row practice "$n questions: next via $via p99 (ms)" "$(kv ${via}_p99_ms "$out")" "-" "-" "max $(kv ${via}_max_ms "$out") ms"
  done
  row practice "$n questions: pick inside quiz-service p50 / p99 (ms)" \
    "$(pick_quantile "$WORK/practice-$n.before" "$WORK/practice-$n.after" 0.5)" "-" "-" \
    "p99 $(pick_quantile "$WORK/practice-$n.before" "$WORK/practice-$n.after" 0.99) ms (bucket upper bounds; warm-up learner included)"
  row practice "$n questions: next p50, items 1-10 / 91-100 (ms)" "$(kv early_p50_ms "$out")" "-" "-" "late $(kv late_p50_ms "$out") ms"
  row practice "$n questions: answer p50 / p99 (ms)" "$(kv answer_p50_ms "$out")" "-" "-" "p99 $(kv answer_p99_ms "$out") ms"

  # b) the two statements alone, the per-pick one for the learner of the newest session on this skill (it gave
  #    100 items), and the pool's refresh
  learner=$("${PSQL[@]}" -At -d quiz -c "select learner_id from practice_session where target_skill_ids = array['$skill']::uuid[] order by started_at desc limit 1")
  for stmt in seen pool; do
    { echo '\timing on'; for _ in $(seq 11); do
        if [[ $stmt == seen ]]; then practice_seen_sql "$learner"; else practice_pool_sql "$skill"; fi; echo ';'
      done; } | "${PSQL[@]}" -d quiz -o /dev/null > "$WORK/practice-$n-$stmt.timing"
    # shellcheck disable=SC2046
    read -r m lo hi <<<"$(stats $(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$WORK/practice-$n-$stmt.timing" | tail -n +2))"
    if [[ $stmt == seen ]]; then
      row practice "$n questions: what the learner saw (per pick), psql (ms)" "$m" "$lo" "$hi" "learner with 100 items given"
    else
      row practice "$n questions: the pool's refresh (at most once per 2 s and skill), psql (ms)" "$m" "$lo" "$hi" "$n questions read"
    fi
  done
  {
    echo "== $n questions: EXPLAIN (ANALYZE, BUFFERS) of what a pick reads (Practice.SEEN), learner $learner"
    practice_seen_sql "$learner" | sed '1s/^/explain (analyze, buffers) /' | "${PSQL[@]}" -At -d quiz
    echo
    echo "== $n questions: EXPLAIN (ANALYZE, BUFFERS) of the pool's refresh (PracticePool.POOL)"
    practice_pool_sql "$skill" | sed '1s/^/explain (analyze, buffers) /' | "${PSQL[@]}" -At -d quiz
    echo
  } >> "$PRACTICE_EXPLAIN"
done
set -- $PRACTICE_POOLS
if (( $# >= 2 )); then
  small=$1; large=${!#}
  row practice "next via gateway p99: $large / $small questions" "-" "-" "-" "ratio $(ratio "${PRACTICE_P99[$large]}" "${PRACTICE_P99[$small]}")"
fi

say "== practice c: PracticePicker.pick alone over $PRACTICE_POOLS in-memory candidates"
# shellcheck disable=SC2086
picker_out=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$ROOT/platform/target/classes" \
  bench/driver/PickerBench.java $PRACTICE_POOLS | grep '^RESULT')
while read -r line; do
  row practice "picker alone, $(kv candidates "$line") candidates: p50 (ms)" \
    "$(awk -v u="$(kv p50_us "$line")" 'BEGIN { printf "%.3f", u / 1000 }')" "-" "-" \
    "p99 $(awk -v u="$(kv p99_us "$line")" 'BEGIN { printf "%.3f", u / 1000 }') ms, max $(awk -v u="$(kv max_us "$line")" 'BEGIN { printf "%.2f", u / 1000 }') ms over $(kv picks "$line") picks"
done <<<"$picker_out"
