package dev.skillpath.gateway.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency histograms for the gateway's requests ({@code http_server_requests_seconds_bucket}, per
 * route pattern, method and status), with fixed buckets from 5 ms to 10 s: enough to compute
 * percentiles across replicas in Prometheus, few enough to keep the series count small.
 */
public class RequestHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter requestLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(seconds(0.005), seconds(0.01), seconds(0.025), seconds(0.05), seconds(0.1),
                                seconds(0.25), seconds(0.5), seconds(1), seconds(2.5), seconds(5), seconds(10))
                        .build()
                        .merge(config);
            }
        };
    }

    private static double seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9)).toNanos();
    }
}
