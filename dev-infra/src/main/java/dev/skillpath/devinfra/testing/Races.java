package dev.skillpath.devinfra.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Real races against a running service and its database: requests sent from one thread each, released together
 * by a barrier, so the service really serves them side by side. A race test runs several rounds, since one round
 * alone may well not overlap on two cores, and counts the statuses of each round.
 */
public final class Races {

    /** Racers per round, and rounds per race, unless a test says otherwise. */
    public static final int RACERS = 8;
    public static final int ROUNDS = 12;

    private Races() {
    }

    /** Runs every call at once; the answers in the order of the calls. */
    public static <T> List<T> together(List<? extends Callable<T>> calls) {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (Callable<T> call : calls) {
                pending.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> answer : pending) {
                answers.add(answer.get(90, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new IllegalStateException("a racing request did not complete", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends {@code request.apply(i)} from {@link #RACERS} threads at once; the answers in racer order. */
    public static <T> List<T> race(IntFunction<T> request) {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            int racer = i;
            calls.add(() -> request.apply(racer));
        }
        return together(calls);
    }

    /** A round's statuses counted, e.g. {201=1, 409=7}: what a race test asserts on. */
    public static <T> Map<Integer, Long> statuses(List<T> answers, ToIntFunction<T> status) {
        return answers.stream().collect(Collectors.groupingBy(status::applyAsInt, TreeMap::new, Collectors.counting()));
    }

    /** How many answers of 5xx the rounds saw in all. */
    public static long errors(List<Map<Integer, Long>> rounds) {
        return rounds.stream().mapToLong(r -> r.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue).sum()).sum();
    }

    /** Prints the rounds of one race, so a run on broken code shows how often it broke. */
    public static void report(String race, List<Map<Integer, Long>> rounds) {
        System.out.printf("[race] %s: %d answers of 5xx in %d rounds: %s%n", race, errors(rounds), rounds.size(), rounds);
    }
}
