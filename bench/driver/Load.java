import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Skillpath's load driver for the scenarios wrk cannot play: a learner's quiz attempt (start, save each answer,
 * submit) and the event pipeline behind it. Plain JDK 17 HTTP client, fixed concurrency or fixed rate, bounded in
 * time; latencies are kept whole and sorted for percentiles. Talks to 127.0.0.1 only.
 *
 * <pre>
 * CP='dev-infra/target/lib/*'     # kafka-clients, jackson, the PostgreSQL driver (after ./mvnw package)
 * java -cp "$CP" bench/driver/Load.java writes   [--concurrency 8] [--seconds 10]
 * java -cp "$CP" bench/driver/Load.java events   [--rate 4] [--seconds 20]
 * java -cp "$CP" bench/driver/Load.java consumer [--events 10000] [--answers 4] [--timeout 600]
 * java -cp "$CP" bench/driver/Load.java drain    [--group skills-service.mastery] [--timeout 600]
 * java -cp "$CP" bench/driver/Load.java skill    --slug bench-practice-100 [--skills http://127.0.0.1:8082]
 * java -cp "$CP" bench/driver/Load.java practice --skill ID [--learners 10] [--questions 100] [--warmup 1]
 *                                               [--direct http://127.0.0.1:8083]
 * java -cp "$CP" bench/driver/Load.java xapi     --learner ID [--reads 1000] [--warmup 200]
 *                                               [--direct http://127.0.0.1:8082]
 * </pre>
 *
 * Each mode prints progress on stderr and one line {@code RESULT key=value ...} on stdout for {@code bench/run}.
 * Tokens are RS256 JWTs signed with {@code .skillpath/keys/jwt-private.pem}; every attempt belongs to a fresh
 * learner ({@code bench-<run>-<n>}), so attempt limits never interfere and one learner's events are one attempt's.
 */
public class Load {

    static final String HOST = "127.0.0.1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROGRESS = "skillpath.progress";
    /** What quiz-service publishes (docs/events.md, "Versions"); the consumer scenario publishes it too. */
    static final String GRADED = "dev.skillpath.quiz.attempt.graded.v2";
    static final String MASTERY_CHANGED = "dev.skillpath.skill.mastery.changed.v1";

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Load writes|events|consumer [--option value]...");
            System.exit(2);
        }
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Options o = new Options(opt);
        switch (args[0]) {
            case "writes" -> new Writes(o).run();
            case "events" -> new EventLatency(o).run();
            case "consumer" -> new ConsumerThroughput(o).run();
            case "drain" -> drain(o);
            case "skill" -> benchSkill(o);
            case "practice" -> new PracticeNext(o).run();
            case "xapi" -> new XapiReads(o).run();
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** Command-line options with the local defaults of {@code ./skillpath up}. */
    record Options(Map<String, String> map) {
        String str(String k, String d) {
            return map.getOrDefault(k, d);
        }

        int num(String k, int d) {
            return Integer.parseInt(map.getOrDefault(k, String.valueOf(d)));
        }

        double dbl(String k, double d) {
            return Double.parseDouble(map.getOrDefault(k, String.valueOf(d)));
        }

        String gateway() {
            return str("gateway", "http://" + HOST + ":8080");
        }

        String kafka() {
            return str("kafka", HOST + ":9092");
        }

        String jdbc(String db) {
            return "jdbc:postgresql://" + HOST + ":" + str("pg-port", "15432") + "/" + db;
        }

        Path key() {
            return Path.of(str("key", ".skillpath/keys/jwt-private.pem"));
        }

        String run() {
            return str("run", Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
        }
    }

    // ------------------------------------------------------------------------------------------- tokens

    /** RS256 tokens as the local issuer would make them; signing is about a millisecond, done per learner. */
    static final class Tokens {
        private final PrivateKey key;

        Tokens(Path pem) throws Exception {
            String b64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        }

        String learner(String id) throws Exception {
            return token(id, "learner");
        }

        String token(String id, String group) throws Exception {
            long now = Instant.now().getEpochSecond();
            ObjectNode claims = JSON.createObjectNode().put("iss", "skillpath-local").put("sub", id).put("upn", id).put("aud", "skillpath")
                    .put("iat", now).put("exp", now + 3600);
            claims.putArray("groups").add(group);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String signingInput = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + url.encodeToString(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(s.sign());
        }
    }

    // ------------------------------------------------------------------------------------------- HTTP

    /** HTTP/1.1 with keep-alive (no h2c upgrade attempt, which a proxy would drop anyway). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body, long nanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static Reply call(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        long t = System.nanoTime() - t0;
        JsonNode json = r.body().length > 0 ? JSON.readTree(r.body()) : null;
        return new Reply(r.statusCode(), json, t);
    }

    static void check(Reply r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " answered " + r.status() + ": " + r.body());
        }
    }

    /** The id of the published quiz with that title (the seed's "Backend basics": 8 questions, no attempt limit). */
    static String quizId(String gateway, String title) throws Exception {
        Reply r = call("GET", gateway + "/api/v1/quizzes?size=100", null, null);
        check(r, "GET /api/v1/quizzes");
        for (JsonNode q : r.body().path("items")) {
            if (title.equals(q.path("title").asText())) {
                return q.path("id").asText();
            }
        }
        throw new IllegalStateException("no published quiz titled '" + title + "'");
    }

    /** A well-formed answer for the question's type (correctness does not matter for load; each one is evidence). */
    static String answerFor(JsonNode q) {
        JsonNode options = q.path("options"); // only the choice and ordering types have options
        ObjectNode a = JSON.createObjectNode();
        switch (q.path("type").asText()) {
            case "single_choice" -> a.put("choice", options.get(0).path("id").asText());
            case "multiple_choice" -> a.putArray("choices").add(options.get(0).path("id").asText());
            case "true_false" -> a.put("value", true);
            case "short_text" -> a.put("text", "git clone");
            case "numeric" -> a.put("number", 404);
            case "ordering" -> {
                ArrayNode order = a.putArray("order");
                options.forEach(o -> order.add(o.path("id").asText()));
            }
            default -> throw new IllegalStateException("unknown question type " + q.path("type"));
        }
        return a.toString();
    }

    /** Latencies of one kind of request, in nanoseconds, kept whole. */
    static final class Latencies {
        private final List<Long> values = Collections.synchronizedList(new ArrayList<>());

        void add(long nanos) {
            values.add(nanos);
        }

        int count() {
            return values.size();
        }

        /** The p-th percentile (nearest rank) in milliseconds; NaN when empty. */
        double pctMs(double p) {
            List<Long> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** One attempt by a fresh learner: start, save every answer, submit. Returns the submit's reply. */
    static Reply attempt(String gateway, String quiz, String token, Latencies start, Latencies save, Latencies submit)
            throws Exception {
        Reply started = call("POST", gateway + "/api/v1/quizzes/" + quiz + "/attempts", token, null);
        check(started, "start attempt");
        start.add(started.nanos());
        String attemptId = started.body().path("id").asText();
        for (JsonNode q : started.body().path("questions")) {
            Reply saved = call("PUT", gateway + "/api/v1/attempts/" + attemptId + "/answers/" + q.path("questionId").asText(),
                    token, answerFor(q));
            check(saved, "save answer");
            save.add(saved.nanos());
        }
        Reply submitted = call("POST", gateway + "/api/v1/attempts/" + attemptId + "/submit", token, null);
        check(submitted, "submit");
        submit.add(submitted.nanos());
        return submitted;
    }

    // ------------------------------------------------------------------------------------------- writes

    /** Scenario 2: quiz attempts through the gateway by a fixed number of learners at once, for a fixed time. */
    static final class Writes {
        private final Options o;

        Writes(Options o) {
            this.o = o;
        }

        void run() throws Exception {
            int concurrency = o.num("concurrency", 8);
            int seconds = o.num("seconds", 10);
            String gateway = o.gateway();
            String quiz = quizId(gateway, o.str("quiz", "Backend basics"));
            Tokens tokens = new Tokens(o.key());
            String run = o.run();
            Latencies start = new Latencies(), save = new Latencies(), submit = new Latencies();
            AtomicInteger next = new AtomicInteger(), done = new AtomicInteger(), errors = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> workers = new ArrayList<>();
            AtomicLong lastEnd = new AtomicLong(t0);
            for (int w = 0; w < concurrency; w++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < deadline && !stop.get()) {
                        try {
                            String token = tokens.learner("bench-" + run + "-w" + next.incrementAndGet());
                            attempt(gateway, quiz, token, start, save, submit);
                            done.incrementAndGet();
                            lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                        } catch (Exception e) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("writes: " + e.getMessage());
                            }
                            if (errors.get() > 100) {
                                stop.set(true);
                            }
                        }
                    }
                });
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join(); // an attempt started before the deadline is finished: at most 10 requests more per worker
            }
            double elapsed = Math.max(1e-3, (lastEnd.get() - t0) / 1e9);
            int requests = start.count() + save.count() + submit.count();
            System.out.printf(Locale.ROOT, "RESULT attempts=%d seconds=%s submits_per_s=%s requests_per_s=%s"
                            + " submit_p50_ms=%s submit_p99_ms=%s save_p50_ms=%s save_p99_ms=%s start_p50_ms=%s"
                            + " start_p99_ms=%s errors=%d%n",
                    done.get(), fmt(elapsed), fmt(done.get() / elapsed), fmt(requests / elapsed),
                    fmt(submit.pctMs(50)), fmt(submit.pctMs(99)), fmt(save.pctMs(50)), fmt(save.pctMs(99)),
                    fmt(start.pctMs(50)), fmt(start.pctMs(99)), errors.get());
        }
    }

    // ------------------------------------------------------------------------------------------- events

    static KafkaConsumer<String, byte[]> tailOf(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo pi : c.partitionsFor(topic)) {
            parts.add(new TopicPartition(topic, pi.partition()));
        }
        c.assign(parts); // no group: nothing to rebalance, nothing committed
        c.seekToEnd(parts);
        parts.forEach(c::position); // resolve the end now, before any event of the run is written
        return c;
    }

    static long count(Connection c, String sql) throws Exception {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Scenario 3: attempts at a fixed rate; for each, the time from the submit's response to the graded event on
     * {@code skillpath.progress} (quiz-service's outbox relay) and to the first {@code skill.mastery.changed} caused
     * by it (skills-service's consumer, then its own outbox relay). One attempt per learner, so the learner id
     * (the record key) matches them. The outbox backlogs of quiz and skills are sampled every 50 ms meanwhile.
     */
    static final class EventLatency {
        private final Options o;

        EventLatency(Options o) {
            this.o = o;
        }

        void run() throws Exception {
            double rate = o.dbl("rate", 4);
            int seconds = o.num("seconds", 20);
            String gateway = o.gateway();
            String quiz = quizId(gateway, o.str("quiz", "Backend basics"));
            Tokens tokens = new Tokens(o.key());
            String run = o.run();
            Map<String, Long> submittedAt = new ConcurrentHashMap<>();
            Map<String, Long> toGraded = new ConcurrentHashMap<>();
            Map<String, Long> toMastery = new ConcurrentHashMap<>();
            Map<String, String> gradedId = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger errors = new AtomicInteger();

            KafkaConsumer<String, byte[]> tail = tailOf(o.kafka(), PROGRESS);
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> r : tail.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        String learner = r.key();
                        if (learner == null || !learner.startsWith("bench-" + run + "-")) {
                            continue;
                        }
                        try {
                            JsonNode e = JSON.readTree(r.value());
                            String type = e.path("type").asText();
                            if (GRADED.equals(type)) {
                                gradedId.put(learner, e.path("id").asText());
                                toGraded.putIfAbsent(learner, now);
                            } else if (MASTERY_CHANGED.equals(type)) {
                                // a mastery change names its cause: it must be this learner's graded event
                                String cause = e.path("data").path("causeEventId").asText();
                                String expected = gradedId.get(learner);
                                if (expected == null || expected.equals(cause)) {
                                    toMastery.putIfAbsent(learner, now);
                                }
                            }
                        } catch (Exception ex) {
                            errors.incrementAndGet();
                        }
                    }
                }
                tail.close();
            }, "topic-reader");
            reader.start();

            List<long[]> backlogs = Collections.synchronizedList(new ArrayList<>());
            Thread sampler = new Thread(() -> {
                try (Connection quizDb = DriverManager.getConnection(o.jdbc("quiz"), "postgres", "");
                     Connection skillsDb = DriverManager.getConnection(o.jdbc("skills"), "postgres", "")) {
                    String sql = "select count(*) from outbox where published_at is null";
                    while (!stop.get()) {
                        backlogs.add(new long[] {count(quizDb, sql), count(skillsDb, sql)});
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    System.err.println("events: backlog sampler stopped: " + e.getMessage());
                }
            }, "backlog-sampler");
            sampler.start();

            Latencies start = new Latencies(), save = new Latencies(), submit = new Latencies();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            ExecutorService learners = Executors.newFixedThreadPool(32);
            int total = (int) Math.round(rate * seconds);
            AtomicInteger launched = new AtomicInteger();
            long periodMicros = Math.round(1_000_000 / rate);
            clock.scheduleAtFixedRate(() -> {
                int n = launched.incrementAndGet();
                if (n > total) {
                    return;
                }
                learners.submit(() -> {
                    String learner = "bench-" + run + "-e" + n;
                    try {
                        attempt(gateway, quiz, tokens.learner(learner), start, save, submit);
                        submittedAt.put(learner, System.nanoTime());
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("events: " + e.getMessage());
                        }
                    }
                });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            Thread.sleep(seconds * 1000L);
            clock.shutdown();
            learners.shutdown();
            learners.awaitTermination(60, TimeUnit.SECONDS);
            // let the pipeline drain, bounded
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.num("drain", 30));
            while (System.nanoTime() < drainUntil && !submittedAt.keySet().stream().allMatch(toMastery::containsKey)) {
                Thread.sleep(100);
            }
            stop.set(true);
            reader.join();
            sampler.join();

            Latencies graded = new Latencies(), mastery = new Latencies();
            int missing = 0;
            for (var e : submittedAt.entrySet()) {
                Long g = toGraded.get(e.getKey()), m = toMastery.get(e.getKey());
                // an event can reach the topic before the submit's response reaches the client: that is 0, not less
                if (g != null) {
                    graded.add(Math.max(0, g - e.getValue()));
                }
                if (m != null) {
                    mastery.add(Math.max(0, m - e.getValue()));
                } else {
                    missing++;
                }
            }
            long maxQuiz = 0, maxSkills = 0;
            double sumQuiz = 0, sumSkills = 0;
            for (long[] b : backlogs) {
                maxQuiz = Math.max(maxQuiz, b[0]);
                maxSkills = Math.max(maxSkills, b[1]);
                sumQuiz += b[0];
                sumSkills += b[1];
            }
            int samples = Math.max(1, backlogs.size());
            System.out.printf(Locale.ROOT, "RESULT submitted=%d rate=%s graded_p50_ms=%s graded_p99_ms=%s"
                            + " mastery_p50_ms=%s mastery_p99_ms=%s missing=%d quiz_backlog_max=%d quiz_backlog_mean=%s"
                            + " skills_backlog_max=%d skills_backlog_mean=%s submit_p50_ms=%s errors=%d%n",
                    submittedAt.size(), fmt(rate), fmt(graded.pctMs(50)), fmt(graded.pctMs(99)), fmt(mastery.pctMs(50)),
                    fmt(mastery.pctMs(99)), missing, maxQuiz, fmt(sumQuiz / samples), maxSkills,
                    fmt(sumSkills / samples), fmt(submit.pctMs(50)), errors.get());
        }
    }

    // ------------------------------------------------------------------------------------------- consumer

    /** Records of {@code topic} the group has not committed yet, over all partitions. */
    static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        long behind = 0;
        for (var e : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            behind += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return behind;
    }

    /**
     * Waits until skills-service's consumer has caught up with {@code skillpath.progress}, so that a scenario does
     * not measure the queue an earlier one left behind. Prints the lag found and how long it took to drain.
     */
    static void drain(Options o) throws Exception {
        System.out.println(drainQuietly(o));
    }

    static String drainQuietly(Options o) throws Exception {
        String group = o.str("group", "skills-service.mastery");
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
        long t0 = System.nanoTime(), deadline = t0 + TimeUnit.SECONDS.toNanos(o.num("timeout", 600));
        try (Admin admin = Admin.create(ap)) {
            long first = lag(admin, group, PROGRESS), now = first;
            while (now > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                now = lag(admin, group, PROGRESS);
            }
            return String.format(Locale.ROOT, "RESULT lag=%d seconds=%s left=%d", first, fmt((System.nanoTime() - t0) / 1e9), now);
        }
    }

    /**
     * Scenario 5c: publishes {@code --events} {@code quiz.attempt.graded.v2} events (fresh learners, {@code --answers}
     * answers each on distinct seeded skills, each a single choice question of 4 options) to
     * {@code skillpath.progress} as fast as the producer goes, then waits
     * until skills-service's consumer group has committed past the last of them. Events/s = events / (time from the
     * first send to that commit). The consumer also reads the mastery events it publishes itself meanwhile.
     */
    static final class ConsumerThroughput {
        private final Options o;

        ConsumerThroughput(Options o) {
            this.o = o;
        }

        void run() throws Exception {
            int events = o.num("events", 10_000);
            int answers = o.num("answers", 4);
            String group = o.str("group", "skills-service.mastery");
            String run = o.run();
            List<String> skills = new ArrayList<>();
            Reply r = call("GET", o.str("skills", "http://" + HOST + ":8082") + "/api/v1/skills?size=100", null, null);
            check(r, "GET /api/v1/skills");
            r.body().path("items").forEach(s -> skills.add(s.path("id").asText()));
            if (skills.size() < answers) {
                throw new IllegalStateException("need at least " + answers + " skills");
            }

            System.err.println("consumer: before publishing, " + drainQuietly(o)); // start from an idle consumer

            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            Map<TopicPartition, Long> last = new HashMap<>();
            java.util.Random random = new java.util.Random(42);
            long t0;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                producer.partitionsFor(PROGRESS); // metadata before the clock starts
                List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>(events);
                t0 = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    String learner = "bench-" + run + "-c" + i;
                    ObjectNode data = JSON.createObjectNode().put("learnerId", learner)
                            .put("quizId", UUID.randomUUID().toString()).put("attemptId", UUID.randomUUID().toString())
                            .put("score", answers / 2.0).put("maxScore", answers).put("passed", false)
                            .put("gradedAt", Instant.now().toString());
                    ArrayNode list = data.putArray("answers");
                    List<String> pick = new ArrayList<>(skills);
                    Collections.shuffle(pick, random);
                    for (int a = 0; a < answers; a++) {
                        // a v2 answer: one observation of a single choice question with 4 options, answered
                        boolean correct = random.nextBoolean();
                        ObjectNode ans = list.addObject().put("questionId", UUID.randomUUID().toString())
                                .put("questionVersion", 1).put("questionType", "single_choice").put("options", 4)
                                .put("correctOptions", 1).put("answered", true).put("correct", correct)
                                .put("credit", correct ? 1.0 : 0.0);
                        ans.putArray("skillIds").add(pick.get(a));
                    }
                    ObjectNode envelope = JSON.createObjectNode().put("specversion", "1.0")
                            .put("id", UUID.randomUUID().toString()).put("source", "/bench")
                            .put("type", GRADED).put("subject", data.path("attemptId").asText())
                            .put("time", Instant.now().toString()).put("datacontenttype", "application/json");
                    envelope.set("data", data);
                    ProducerRecord<String, byte[]> rec = new ProducerRecord<>(PROGRESS, learner, JSON.writeValueAsBytes(envelope));
                    rec.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                    sends.add(producer.send(rec));
                }
                producer.flush();
                for (var f : sends) {
                    RecordMetadata m = f.get();
                    last.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
                }
            }
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "consumer: %d events published in %.1f s, waiting for group %s%n",
                    events, publishSeconds, group);

            Properties ap = new Properties();
            ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
            long timeout = TimeUnit.SECONDS.toNanos(o.num("timeout", 600));
            long done = -1;
            long lastReport = System.nanoTime();
            try (Admin admin = Admin.create(ap)) {
                while (System.nanoTime() - t0 < timeout) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    long behind = 0;
                    for (var e : last.entrySet()) {
                        OffsetAndMetadata c = committed.get(e.getKey());
                        long at = c == null ? 0 : c.offset();
                        behind += Math.max(0, e.getValue() + 1 - at);
                    }
                    if (behind == 0) {
                        done = System.nanoTime();
                        break;
                    }
                    if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                        System.err.printf(Locale.ROOT, "consumer: %d records still to commit after %.0f s%n", behind,
                                (System.nanoTime() - t0) / 1e9);
                        lastReport = System.nanoTime();
                    }
                    Thread.sleep(100);
                }
            }
            if (done < 0) {
                System.out.printf(Locale.ROOT, "RESULT events=%d events_per_s=NaN seconds=NaN publish_s=%s timeout=1%n",
                        events, fmt(publishSeconds));
                return;
            }
            double seconds = (done - t0) / 1e9;
            System.out.printf(Locale.ROOT, "RESULT events=%d events_per_s=%s seconds=%s publish_s=%s timeout=0%n",
                    events, fmt(events / seconds), fmt(seconds), fmt(publishSeconds));
        }
    }

    // ------------------------------------------------------------------------------------------- practice

    /**
     * A skill for the practice scenario, created through skills-service's API as an admin (so the catalogue event
     * reaches quiz-service's projection and the learner model knows the skill the answers are evidence of), or the
     * existing one with that slug. Prints {@code RESULT id=...}.
     */
    static void benchSkill(Options o) throws Exception {
        String skills = o.str("skills", "http://" + HOST + ":8082");
        String slug = o.str("slug", "bench-practice");
        Reply found = call("GET", skills + "/api/v1/skills/" + slug, null, null);
        if (found.status() == 404) {
            String admin = new Tokens(o.key()).token("bench-admin", "admin");
            ObjectNode body = JSON.createObjectNode().put("slug", slug).put("name", "Bench practice " + slug)
                    .put("summary", "A skill the practice benchmark seeds questions for.")
                    .put("description", "Seeded by bench/run practice; its questions are true/false.")
                    .put("level", "foundation").put("category", o.str("category", "languages"));
            Reply created = call("POST", skills + "/api/v1/skills", admin, body.toString());
            check(created, "POST /api/v1/skills");
            found = created;
        } else {
            check(found, "GET /api/v1/skills/" + slug);
        }
        System.out.println("RESULT id=" + found.body().path("id").asText() + " slug=" + slug);
    }

    /**
     * Issue #15: the latency of {@code GET /practice-sessions/{id}/next} when it picks. {@code --learners} fresh
     * learners one after the other (so a figure is one request's cost, not a queue), each with one session of
     * {@code --questions} on {@code --skill}, loop next then answer ({@code {"value": false}} by default, {@code --value}: the pool is true/false)
     * until the session ends; every next that picked is timed. Even learners go through the gateway, odd ones to
     * quiz-service directly ({@code --direct}), so the two sets of figures separate the proxy. {@code --warmup}
     * learners first, not counted. Bounded: at most questions + 1 nexts per learner.
     */
    static final class PracticeNext {
        private final Options o;

        PracticeNext(Options o) {
            this.o = o;
        }

        void run() throws Exception {
            String skill = o.str("skill", null);
            if (skill == null) {
                throw new IllegalArgumentException("--skill ID is required");
            }
            int learners = o.num("learners", 10);
            int questions = o.num("questions", 100);
            int warmup = o.num("warmup", 1);
            // the pool's key is true: answering false keeps the estimate low, so the session runs to its question
            // limit instead of ending target-mastered after a few right answers
            boolean value = Boolean.parseBoolean(o.str("value", "false"));
            String gateway = o.gateway();
            String direct = o.str("direct", "http://" + HOST + ":8083");
            Tokens tokens = new Tokens(o.key());
            String run = o.run();
            Latencies viaGateway = new Latencies(), viaDirect = new Latencies(), answers = new Latencies();
            Latencies early = new Latencies(), late = new Latencies(); // positions 1-10 and the last 10, both paths
            int errors = 0;
            Map<String, Integer> ends = new HashMap<>();
            for (int l = -warmup; l < learners; l++) {
                boolean counted = l >= 0;
                String base = counted && l % 2 == 1 ? direct : gateway;
                String token = tokens.learner("bench-" + run + "-p" + (l + warmup));
                Reply started = call("POST", base + "/api/v1/practice-sessions", token, JSON.createObjectNode()
                        .put("target", "skill").put("skill", skill).put("maxQuestions", questions).toString());
                check(started, "POST /api/v1/practice-sessions");
                String session = started.body().path("id").asText();
                for (int i = 0; i <= questions; i++) {
                    Reply next = call("GET", base + "/api/v1/practice-sessions/" + session + "/next", token, null);
                    check(next, "GET next");
                    JsonNode q = next.body().path("question");
                    if (q.isMissingNode() || q.isNull()) {
                        ends.merge(next.body().path("endReason").asText(), counted ? 1 : 0, Integer::sum);
                        break;
                    }
                    if (counted) {
                        (base.equals(direct) ? viaDirect : viaGateway).add(next.nanos());
                        int position = q.path("position").asInt();
                        if (position <= 10) {
                            early.add(next.nanos());
                        } else if (position > questions - 10) {
                            late.add(next.nanos());
                        }
                    }
                    Reply answered = call("POST", base + "/api/v1/practice-sessions/" + session + "/answers", token,
                            JSON.createObjectNode().put("questionId", q.path("questionId").asText())
                                    .set("answer", JSON.createObjectNode().put("value", value)).toString());
                    if (!answered.ok()) {
                        if (++errors <= 3) {
                            System.err.println("practice: answer " + answered.status() + ": " + answered.body());
                        }
                        break;
                    }
                    if (counted) {
                        answers.add(answered.nanos());
                    }
                }
            }
            StringBuilder endReasons = new StringBuilder();
            ends.forEach((k, v) -> endReasons.append(endReasons.length() == 0 ? "" : ",").append(k).append(':').append(v));
            System.out.printf(Locale.ROOT, "RESULT learners=%d picks_gateway=%d picks_direct=%d gateway_p50_ms=%s"
                            + " gateway_p99_ms=%s gateway_max_ms=%s direct_p50_ms=%s direct_p99_ms=%s direct_max_ms=%s"
                            + " early_p50_ms=%s late_p50_ms=%s answer_p50_ms=%s answer_p99_ms=%s ends=%s errors=%d%n",
                    learners, viaGateway.count(), viaDirect.count(), fmt(viaGateway.pctMs(50)),
                    fmt(viaGateway.pctMs(99)), fmt(viaGateway.pctMs(100)), fmt(viaDirect.pctMs(50)),
                    fmt(viaDirect.pctMs(99)), fmt(viaDirect.pctMs(100)), fmt(early.pctMs(50)), fmt(late.pctMs(50)),
                    fmt(answers.pctMs(50)), fmt(answers.pctMs(99)), endReasons, errors);
        }
    }

    // ------------------------------------------------------------------------------------------- xAPI reads

    /**
     * {@code GET /api/v1/xapi/statements?limit=100} over whatever the skills database holds, one request at a time
     * (the latency of a read, not the throughput of many): a learner's own statements, an admin's newest of everyone's,
     * an admin's filtered by a verb, and the second page through the {@code more} link of the admin's first; each
     * through the gateway and direct to skills-service, interleaved, after {@code --warmup} untimed rounds.
     */
    static final class XapiReads {
        private final Options o;

        XapiReads(Options o) {
            this.o = o;
        }

        void run() throws Exception {
            String learner = o.str("learner", null);
            if (learner == null) {
                throw new IllegalArgumentException("--learner ID is required (one with statements)");
            }
            int reads = o.num("reads", 1000);
            int warmup = o.num("warmup", 200);
            String direct = o.str("direct", "http://" + HOST + ":8082");
            Tokens tokens = new Tokens(o.key());
            String learnerToken = tokens.learner(learner);
            String adminToken = tokens.token("bench-xapi-admin", "admin");
            String path = "/api/v1/xapi/statements?limit=100";
            String verb = "&verb=" + java.net.URLEncoder.encode("http://adlnet.gov/expapi/verbs/answered",
                    StandardCharsets.UTF_8);
            Reply first = call("GET", direct + path, adminToken, null);
            check(first, "GET /xapi/statements (admin)");
            String more = first.body().path("more").asText();
            if (more.isEmpty()) {
                throw new IllegalStateException("the admin's first page has no more link: too few statements stored");
            }
            String[] shapes = {"learner", "admin", "verb", "more"};
            Map<String, Latencies> byShape = new java.util.LinkedHashMap<>();
            int errors = 0;
            long rows = 0;
            for (int i = -warmup; i < reads; i++) {
                for (String base : new String[] {o.gateway(), direct}) {
                    for (String shape : shapes) {
                        String url = switch (shape) {
                            case "learner" -> base + path;
                            case "admin" -> base + path;
                            case "verb" -> base + path + verb;
                            default -> base + more;
                        };
                        Reply r = call("GET", url, shape.equals("learner") ? learnerToken : adminToken, null);
                        if (!r.ok()) {
                            if (++errors <= 3) {
                                System.err.println("xapi: " + shape + " " + r.status() + ": " + r.body());
                            }
                            continue;
                        }
                        if (i >= 0) {
                            byShape.computeIfAbsent(shape + (base.equals(direct) ? "_direct" : "_gateway"),
                                    k -> new Latencies()).add(r.nanos());
                            rows += r.body().path("statements").size();
                        }
                    }
                }
                if (i > 0 && i % 250 == 0) {
                    System.err.println("xapi: " + i + " rounds of " + reads);
                }
            }
            StringBuilder out = new StringBuilder("RESULT reads=" + reads + " rows=" + rows + " errors=" + errors);
            byShape.forEach((k, l) -> out.append(' ').append(k).append("_p50_ms=").append(fmt(l.pctMs(50)))
                    .append(' ').append(k).append("_p99_ms=").append(fmt(l.pctMs(99)))
                    .append(' ').append(k).append("_max_ms=").append(fmt(l.pctMs(100))));
            System.out.println(out);
        }
    }
}
