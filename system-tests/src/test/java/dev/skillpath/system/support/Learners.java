package dev.skillpath.system.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Learners who keep taking a one-question quiz through the gateway (start an attempt, save the answer, submit),
 * each in its own thread, until stopped or until each has made {@code maxSubmissions}. A submission is
 * <em>acknowledged</em> when the submit answered 200 with the attempt graded: from then on its result must reach
 * mastery exactly once, whatever happens to the broker or the services.
 */
public final class Learners {

    /** One submit: when it was answered (ms since the load started), by whom, and how. */
    public record Submission(long atMillis, String learner, UUID attemptId, int status, long millis, boolean acknowledged) {
    }

    private final Http gateway;
    private final String quizId;
    private final String questionId;
    private final Map<String, String> tokens;
    private final int maxSubmissions;
    private final Duration pause;
    private final List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> failedSteps = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private long startedAt;

    /** {@code tokens}: learner id → token. */
    public Learners(Http gateway, String quizId, String questionId, Map<String, String> tokens, int maxSubmissions,
            Duration pause) {
        this.gateway = gateway;
        this.quizId = quizId;
        this.questionId = questionId;
        this.tokens = tokens;
        this.maxSubmissions = maxSubmissions;
        this.pause = pause;
    }

    public void start() {
        running.set(true);
        startedAt = System.nanoTime();
        tokens.forEach((learner, token) -> {
            Thread t = new Thread(() -> loop(learner, token), "learner-" + learner);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        });
    }

    public void stop() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public long elapsedMillis() {
        return Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
    }

    private void loop(String learner, String token) {
        int made = 0;
        boolean correct = false;
        while (running.get() && made < maxSubmissions) {
            correct = !correct; // alternate, so that mastery moves both ways and never sticks at a bound
            Http.Answer started = gateway.post("/api/v1/quizzes/" + quizId + "/attempts", token, null);
            if (started.status() != 201 && started.status() != 200) {
                failedSteps.merge("start " + started.status(), 1, Integer::sum);
                Waits.pause(pause);
                continue;
            }
            String attempt = started.json().path("id").asText();
            Http.Answer saved = gateway.put("/api/v1/attempts/" + attempt + "/answers/" + questionId, token,
                    Map.of("value", correct));
            if (saved.status() != 200) {
                failedSteps.merge("save " + saved.status(), 1, Integer::sum);
            }
            Http.Answer submitted = gateway.post("/api/v1/attempts/" + attempt + "/submit", token, null);
            boolean ack = submitted.status() == 200 && "graded".equals(submitted.json().path("status").asText());
            if (!ack) {
                failedSteps.merge("submit " + submitted.status(), 1, Integer::sum);
            }
            submissions.add(new Submission(elapsedMillis(), learner, UUID.fromString(attempt), submitted.status(),
                    submitted.millis(), ack));
            made++;
            Waits.pause(pause);
        }
    }

    public List<Submission> submissions() {
        synchronized (submissions) {
            return List.copyOf(submissions);
        }
    }

    public Set<UUID> acknowledged() {
        return Set.copyOf(submissions().stream().filter(Submission::acknowledged).map(Submission::attemptId).toList());
    }

    /** Steps that did not answer as expected, by step and status (e.g. {@code "submit 503" → 2}). */
    public Map<String, Integer> failedSteps() {
        return Map.copyOf(failedSteps);
    }
}
