package dev.skillpath.devinfra.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded broker and database log a great deal at INFO. Test resources quiet them before they start
 * ({@link #apply()}) and hand the same levels to the application ({@link #config}), whose log configuration
 * takes over once it starts.
 */
public final class QuietLogs {

    // held so the configured loggers are not garbage-collected and reset
    private static final List<Logger> LOGGERS = List.of(
            Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"),
            Logger.getLogger("io.zonky"), Logger.getLogger("org.apache.zookeeper"));

    private QuietLogs() {
    }

    public static void apply() {
        for (Logger logger : LOGGERS) {
            logger.setLevel(Level.WARNING);
        }
    }

    /** The same levels as application configuration, which Quarkus applies once the application starts. */
    static Map<String, String> config(Map<String, String> others) {
        Map<String, String> config = new HashMap<>(others);
        for (Logger logger : LOGGERS) {
            config.put("quarkus.log.category.\"" + logger.getName() + "\".level", "WARN");
        }
        config.put("quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
        return config;
    }
}
