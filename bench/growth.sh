# Scenario 5, growth: sourced by bench/run (uses its row/stats/exponent/driver helpers).
#   a) search latency over 1k/10k/100k published lessons, in bench_content_<n> databases (schema of `content`)
#   b) SkillGraph path and frontier over 100/1k/10k skills (bench/driver/GraphGrowth.java)
#   c) skills-service consumer throughput for 10k/100k quiz.attempt.graded events (bench/driver/Load.java consumer)
# Growth exponent = least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic.

say "== growth a: search over generated lessons ($LESSON_SIZES)"
VOCAB="$WORK/vocab.txt"
# The vocabulary of the seeded lessons, in a fixed shuffled order; word k is used with probability ~1/k (Zipf)
"${PSQL[@]}" -At -d content -c "select word from search_word order by md5(word)" > "$VOCAB"
NW=$(wc -l < "$VOCAB")
(( NW > 100 )) || die "growth: the content database has only $NW search words (is the seed loaded?)"
QUERIES=()   # chosen on the first size by document frequency, then the same words for every size
declare -A SEARCH_MS=()
for n in $LESSON_SIZES; do
  db="bench_content_$n"
  t_fill=$(date +%s)
  "${PSQL[@]}" -d postgres -c "drop database if exists $db" -c "create database $db"
  pg_dump -s -h "$HOST" -p 15432 -U postgres content | "${PSQL[@]}" -d "$db" >/dev/null
  # title 5, summary 25, body 150 words; word i of the vocabulary with probability ~1/i (Zipf), fixed seed
  awk -v n="$n" -v seed=42 'NR == FNR { w[NR] = $1; nw = NR; next } END {
      srand(seed); lnw = log(nw)
      for (i = 1; i <= n; i++) { printf "%d,%s,%s,%s\n", i, text(5), text(25), text(150) } }
    function text(k,   s, j, r) { s = ""; for (j = 1; j <= k; j++) { r = int(exp(rand() * lnw)); if (r < 1) r = 1; s = s (j > 1 ? " " : "") w[r] }; return s }' \
    "$VOCAB" /dev/null > "$WORK/lessons.csv"
  "${PSQL[@]}" -d "$db" <<SQL
create temp table src (i int, title text, summary text, body text);
\copy src from '$WORK/lessons.csv' csv
insert into lesson (id, slug, status, title, summary, body, level, estimated_minutes, skill_ids, published_version,
                    unpublished_changes)
  select gen_random_uuid(), 'bench-lesson-' || i, 'published', title, summary, body,
         (array['foundation', 'intermediate', 'advanced'])[1 + i % 3], 10, array[gen_random_uuid()], 1, false
  from src;
insert into lesson_version (lesson_id, version, title, summary, body, level, estimated_minutes, skill_ids, published_by)
  select id, 1, title, summary, body, level, estimated_minutes, skill_ids, 'bench' from lesson;
vacuum analyze;
SQL
  say "  $db: $n lessons in $(( $(date +%s) - t_fill )) s"
  if (( ${#QUERIES[@]} == 0 )); then
    # words found in about 20 %, 2 % and 0.2 % of the lessons: the matches grow with the lessons, as real ones do
    for share in 0.2 0.02 0.002; do
      QUERIES+=("$("${PSQL[@]}" -At -d "$db" -c "select word from ts_stat('select search from lesson_version')
        where length(word) > 3 order by abs(ndoc::float / $n - $share), word limit 1")")
    done
    say "  query words: ${QUERIES[*]}"
  fi
  for q in "${QUERIES[@]}"; do
    # the two statements LessonSearch runs for one page (count, then the ranked page of 20 with headlines), 10 times after one to warm up
    {
      echo '\timing on'
      for _ in $(seq 11); do
        cat <<SQL
select count(*) from lesson l join lesson_version v on v.lesson_id = l.id and v.version = l.published_version
 where l.status = 'published' and v.search @@ websearch_to_tsquery('english', '$q');
with q as (select websearch_to_tsquery('english', '$q') as query),
 ranked as (select l.id, l.slug, v.title, v.summary, v.body, v.level, v.skill_ids, ts_rank(v.search, q.query, 1) as rank
   from lesson l join lesson_version v on v.lesson_id = l.id and v.version = l.published_version, q
   where l.status = 'published' and v.search @@ q.query order by rank desc, l.slug limit 20 offset 0)
select r.id, r.slug, r.title, r.summary, r.level, r.skill_ids, r.rank,
 ts_headline('english', r.title, q.query, 'HighlightAll=true'),
 ts_headline('english', r.summary || ' ' || r.body, q.query, 'MaxWords=30, MinWords=12, MaxFragments=2')
 from ranked r, q order by r.rank desc, r.slug;
SQL
      done
    } | "${PSQL[@]}" -d "$db" -o /dev/null > "$WORK/search-$n.timing"
    matches=$("${PSQL[@]}" -At -d "$db" -c "select count(*) from lesson_version where search @@ websearch_to_tsquery('english', '$q')")
    # pairs of (count, page) timings -> per-search totals; the first pair warms the cache and is dropped
    times=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$WORK/search-$n.timing" | paste - - | awk 'NR > 1 { print $1 + $2 }')
    # shellcheck disable=SC2086
    read -r m lo hi <<<"$(stats $times)"
    SEARCH_MS["$q.$n"]=$m
    row growth "search '$q', $n lessons ($matches match) (ms)" "$m" "$lo" "$hi"
  done
done
for q in "${QUERIES[@]}"; do
  pts=(); for n in $LESSON_SIZES; do pts+=("$n ${SEARCH_MS[$q.$n]}"); done
  row growth "search '$q': growth with lessons" "-" "-" "-" "exponent $(exponent "${pts[@]}")"
done
if [[ "${BENCH_KEEP_DBS:-0}" != 1 ]]; then
  for n in $LESSON_SIZES; do "${PSQL[@]}" -d postgres -c "drop database if exists bench_content_$n"; done
fi

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
