# Scenario 5, growth: sourced by bench/run (uses its row/stats/exponent/driver helpers).
#   a) search latency through GET /api/v1/search over 1k/10k/100k published lessons (each with a superseded version)
#   b) SkillGraph path and frontier over 100/1k/10k skills (bench/driver/GraphGrowth.java)
#   c) skills-service consumer throughput for 10k/100k quiz.attempt.graded events (bench/driver/Load.java consumer)
# Growth exponent = least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic.

say "== growth a: search through GET /api/v1/search over generated lessons ($LESSON_SIZES)"
# The lessons go into the stack's own content database (bench/run's stack has a fresh data folder; against a running
# stack they are removed at the end), each with a superseded version 1 and its current version 2, so search must
# skip what learners no longer read. Sizes grow in place: 1,000, then 9,000 more, and so on.
VOCAB="$WORK/vocab.txt"
# The vocabulary of the seeded lessons, in a fixed shuffled order; word k is used with probability ~1/k (Zipf)
"${PSQL[@]}" -At -d content -c "select word from search_word order by md5(word)" > "$VOCAB"
NW=$(wc -l < "$VOCAB")
(( NW > 100 )) || die "growth: the content database has only $NW search words (is the seed loaded?)"
QUERIES=()   # chosen on the first size by document frequency, then the same words for every size
declare -A SEARCH_P50=() SEARCH_P99=()
forget_bench_lessons() {
  "${PSQL[@]}" -d content -c "delete from lesson_search where lesson_id in (select id from lesson where slug like 'bench-lesson-%')" \
    -c "delete from lesson_version where lesson_id in (select id from lesson where slug like 'bench-lesson-%')" \
    -c "delete from lesson where slug like 'bench-lesson-%'" -c "vacuum analyze lesson, lesson_version, lesson_search" >/dev/null
}
forget_bench_lessons
have=0
for n in $LESSON_SIZES; do
  t_fill=$(date +%s)
  # title 5, summary 25, body 150 words; word i of the vocabulary with probability ~1/i (Zipf), fixed seed
  awk -v from="$(( have + 1 ))" -v n="$n" -v seed="$n" 'NR == FNR { w[NR] = $1; nw = NR; next } END {
      srand(seed); lnw = log(nw)
      for (i = from; i <= n; i++) { printf "%d,%s,%s,%s,%s\n", i, text(5), text(25), text(150), text(150) } }
    function text(k,   s, j, r) { s = ""; for (j = 1; j <= k; j++) { r = int(exp(rand() * lnw)); if (r < 1) r = 1; s = s (j > 1 ? " " : "") w[r] }; return s }' \
    "$VOCAB" /dev/null > "$WORK/lessons.csv"
  "${PSQL[@]}" -d content <<SQL
create temp table src (i int, title text, summary text, old_body text, body text);
\copy src from '$WORK/lessons.csv' csv
insert into lesson (id, slug, status, title, summary, body, level, estimated_minutes, skill_ids, published_version,
                    unpublished_changes)
  select gen_random_uuid(), 'bench-lesson-' || i, 'draft', title, summary, body,
         (array['foundation', 'intermediate', 'advanced'])[1 + i % 3], 10, array[gen_random_uuid()], null, false
  from src;
insert into lesson_version (lesson_id, version, title, summary, body, level, estimated_minutes, skill_ids, published_by)
  select l.id, 1, l.title, l.summary, s.old_body, l.level, l.estimated_minutes, l.skill_ids, 'bench'
  from lesson l join src s on l.slug = 'bench-lesson-' || s.i;
insert into lesson_version (lesson_id, version, title, summary, body, level, estimated_minutes, skill_ids, published_by)
  select l.id, 2, l.title, l.summary, l.body, l.level, l.estimated_minutes, l.skill_ids, 'bench'
  from lesson l join src s on l.slug = 'bench-lesson-' || s.i;
-- published at version 2 (the trigger fills lesson_search, as a publish through the API does)
update lesson set status = 'published', published_version = 2 where slug like 'bench-lesson-%' and status = 'draft';
vacuum analyze lesson, lesson_version, lesson_search;
SQL
  have=$n
  say "  content: $n bench lessons (2 versions each) in $(( $(date +%s) - t_fill )) s"
  if (( ${#QUERIES[@]} == 0 )); then
    # words found in about 20 %, 2 % and 0.2 % of the lessons: the matches grow with the lessons, as real ones do
    for share in 0.2 0.02 0.002; do
      # only a word that is its own lexeme (not a stem like "analys", nor "/products"): searching it finds its lessons
      QUERIES+=("$("${PSQL[@]}" -At -d content -c "select word from ts_stat('select search from lesson_search')
        where length(word) > 3 and word ~ '^[a-z]+\$' and to_tsquery('english', word)::text = quote_literal(word)
        order by abs(ndoc::float / $n - $share), word limit 1")")
    done
    say "  query words: ${QUERIES[*]}"
  fi
  for q in "${QUERIES[@]}"; do
    matches=$("${PSQL[@]}" -At -d content -c "select count(*) from lesson_search where search @@ websearch_to_tsquery('english', '$q')")
    p50s=(); p99s=()
    for _ in $(seq 1 "$RUNS"); do
      # open loop, 20 searches/s for BENCH_DURATION s after 2 s of warm-up, straight to content-service
      out=$(java -Xmx256m -cp "$WORK/classes" OpenLoop --url "http://$HOST:8081/api/v1/search?q=$q&size=20" --rate 20 \
        --seconds "$DURATION" --connections 8 2> >(grep -v '^OpenLoop: GET ' >&2) | grep '^RESULT' || true)
      [[ "$(kv errors "$out")" == 0 ]] || note "growth: search '$q' at $n lessons: $(kv errors "$out") searches not answered 2xx"
      p50s+=("$(kv p50_ms "$out")"); p99s+=("$(kv p99_ms "$out")")
    done
    read -r m lo hi <<<"$(stats "${p50s[@]}")"; SEARCH_P50["$q.$n"]=$m
    row growth "search '$q', $n lessons ($matches match), HTTP p50 (ms)" "$m" "$lo" "$hi"
    read -r m lo hi <<<"$(stats "${p99s[@]}")"; SEARCH_P99["$q.$n"]=$m
    row growth "search '$q', $n lessons, HTTP p99 (ms)" "$m" "$lo" "$hi"
  done
done
for q in "${QUERIES[@]}"; do
  pts=(); for n in $LESSON_SIZES; do pts+=("$n ${SEARCH_P50[$q.$n]}"); done
  row growth "search '$q': growth with lessons (p50)" "-" "-" "-" "exponent $(exponent "${pts[@]}")"
done
if [[ "${BENCH_KEEP_DBS:-0}" != 1 ]]; then forget_bench_lessons; fi

say "== growth b: SkillGraph path and frontier ($SKILL_SIZES skills)"
# shellcheck disable=SC2086
graph_out=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$ROOT/skills-service/target/classes" \
  bench/driver/GraphGrowth.java $SKILL_SIZES | grep '^RESULT')
for what in build path frontier; do
  pts=()
  while read -r line; do
    n=$(kv skills "$line"); ms=$(kv "${what}_ms" "$line"); pts+=("$n $ms")
    extra=""; [[ $what == path ]] && extra="path of $(kv path_len "$line") skills"
    [[ $what == frontier ]] && extra="30% mastered"
    row growth "graph $what, $n skills (ms) $extra" "$ms" "$ms" "$ms"
  done <<<"$graph_out"
  row growth "graph $what: growth with skills" "-" "-" "-" "exponent $(exponent "${pts[@]}")"
done

say "== growth c: skills-service consumer, quiz.attempt.graded events ($CONSUMER_SIZES)"
pts=()
for n in $CONSUMER_SIZES; do
  out=$(driver consumer --events "$n" --answers 4 --timeout 3000)
  say "  $n events: ${out#RESULT }"
  eps=$(kv events_per_s "$out"); secs=$(kv seconds "$out")
  row growth "consumer: $n graded events (4 answers each), events/s" "$eps" "$eps" "$eps" "$secs s in all"
  pts+=("$n $secs")
done
row growth "consumer: time to apply, growth with events" "-" "-" "-" "exponent $(exponent "${pts[@]}")"
