package dev.skillpath.devinfra.testing;

import java.util.Map;

import dev.skillpath.devinfra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real Kafka broker (KRaft) inside the test JVM. A test that needs to stop and restart the broker
 * declares a {@link KafkaBroker} field annotated with {@link InjectKafkaBroker}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        QuietLogs.apply();
        broker = KafkaBroker.ephemeral().start();
        return QuietLogs.config(Map.of("kafka.bootstrap.servers", broker.bootstrapServers()));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
