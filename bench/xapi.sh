# Scenario 7, xapi (issue #16, "GET /xapi/statements?limit=100 p99 under 50 ms with 1 million statements stored"):
# sourced by bench/run (uses its row/stats/driver helpers and PSQL).
#   a) the skills database's xapi_statement filled to BENCH_XAPI_STATEMENTS (default 1,000,000) by psql: learners
#      bench-xapi-0 ... bench-xapi-9999 (100 statements each at the default), the six verbs, stored over the last 60
#      days, each statement a whole xAPI document of the size the projection writes (about 0.9 kB); rows already
#      there (the projection's, an earlier run's) count, and the table is analysed
#   b) the driver's xapi mode (bench/driver/Load.java): one request at a time, BENCH_XAPI_READS rounds after a
#      warm-up, each round a learner's own page, an admin's newest page of everyone's, an admin's page filtered by a
#      verb and the second page through the admin's more link, each through the gateway and direct to :8082

XAPI_STATEMENTS=${BENCH_XAPI_STATEMENTS:-1000000}
XAPI_READS=${BENCH_XAPI_READS:-1000}
XAPI_LEARNERS=10000

say "== xapi: GET /api/v1/xapi/statements?limit=100 over $XAPI_STATEMENTS stored statements ($XAPI_READS rounds, one request at a time)"
have=$("${PSQL[@]}" -At -d skills -c "select count(*) from xapi_statement")
if (( have < XAPI_STATEMENTS )); then
  missing=$(( XAPI_STATEMENTS - have ))
  say "  inserting $missing statements (there are $have)"
  t0=$(date +%s)
  # the document as StatementMapper writes an answered statement (actor, verb, object, result, context, timestamp,
  # stored, authority, version), so the rows and the answers have the projection's size
  "${PSQL[@]}" -d skills <<SQL
insert into xapi_statement (id, event_id, event_index, event_type, learner_id, verb_id, activity_id, registration,
                            "timestamp", stored, statement)
select s.id, gen_random_uuid(), 0, 'bench', s.learner, s.verb, s.activity, s.registration, s.at, s.at,
       json_build_object(
         'id', s.id,
         'actor', json_build_object('objectType', 'Agent',
                                    'account', json_build_object('homePage', 'https://skillpath.example', 'name', s.learner)),
         'verb', json_build_object('id', s.verb, 'display', json_build_object('en-US', s.verb_name)),
         'object', json_build_object('objectType', 'Activity', 'id', s.activity,
                                     'definition', json_build_object('type', 'http://adlnet.gov/expapi/activities/cmi.interaction',
                                                                     'interactionType', 'choice')),
         'result', json_build_object('success', s.n % 3 <> 0, 'completion', true,
                                     'score', json_build_object('scaled', (s.n % 3 <> 0)::int, 'raw', (s.n % 3 <> 0)::int, 'min', 0, 'max', 1)),
         'context', json_build_object('registration', s.registration,
                                      'contextActivities', json_build_object(
                                        'parent', json_build_array(json_build_object('objectType', 'Activity',
                                          'id', 'https://skillpath.example/activities/quizzes/' || s.quiz)),
                                        'grouping', json_build_array(json_build_object('objectType', 'Activity',
                                          'id', 'https://skillpath.example/activities/skills/' || s.skill)))),
         'timestamp', s.at, 'stored', s.at,
         'authority', json_build_object('objectType', 'Agent',
                                        'account', json_build_object('homePage', 'https://skillpath.example', 'name', 'skillpath')),
         'version', '1.0.3')
from (
  select gen_random_uuid() as id, n, 'bench-xapi-' || (n % $XAPI_LEARNERS) as learner,
         'http://adlnet.gov/expapi/verbs/' || v.name as verb, v.name as verb_name,
         'https://skillpath.example/activities/questions/' || md5((n % 5000)::text)::uuid as activity,
         md5('attempt' || (n / 8))::uuid as registration, md5('quiz' || (n % 7))::uuid as quiz,
         md5('skill' || (n % 43))::uuid as skill,
         now() - interval '60 days' * (1 - n::double precision / $missing) as at
  from generate_series(1, $missing) n
  cross join lateral (select (array['answered', 'answered', 'answered', 'completed', 'passed', 'failed',
                                    'progressed', 'mastered'])[1 + n % 8] as name) v
) s;
vacuum analyze xapi_statement;
SQL
  say "  inserted in $(( $(date +%s) - t0 )) s"
fi
stored=$("${PSQL[@]}" -At -d skills -c "select count(*) from xapi_statement")
size=$("${PSQL[@]}" -At -d skills -c "select pg_size_pretty(pg_total_relation_size('xapi_statement'))")
row xapi "statements stored" "$stored" "-" "-" "table and indexes $size"
out=$(driver xapi --learner bench-xapi-17 --reads "$XAPI_READS" --warmup 200)
say "  ${out#RESULT }"
[[ "$(kv errors "$out")" == 0 ]] || note "xapi: $(kv errors "$out") reads failed"
for shape in learner admin verb more; do
  case $shape in
    learner) what="a learner's own, newest 100" ;;
    admin) what="an admin's newest 100 of everyone's" ;;
    verb) what="an admin's newest 100 answered" ;;
    more) what="an admin's second page (more link)" ;;
  esac
  for via in gateway direct; do
    row xapi "$what, via $via: p99 (ms)" "$(kv ${shape}_${via}_p99_ms "$out")" "-" "-" \
      "p50 $(kv ${shape}_${via}_p50_ms "$out") ms, max $(kv ${shape}_${via}_max_ms "$out") ms"
  done
done
