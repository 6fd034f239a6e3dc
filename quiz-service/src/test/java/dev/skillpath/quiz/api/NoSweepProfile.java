package dev.skillpath.quiz.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service without its expiry sweep, for tests that need an attempt to stay ungraded past its deadline until
 * a request of theirs meets it (the sweep would otherwise grade it within a second, whoever asked).
 */
public class NoSweepProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("skillpath.quiz.expiry-sweep", "off");
    }
}
