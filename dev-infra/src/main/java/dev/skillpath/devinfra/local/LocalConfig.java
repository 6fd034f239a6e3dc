package dev.skillpath.devinfra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the local dev-infra keeps its data and pid files, and which ports it uses.
 *
 * <p>The data folder comes from {@code --data-dir DIR} (or the first plain argument), else the environment
 * variable {@code SKILLPATH_DATA_DIR}, else {@code <repo>/.skillpath/data}. The pid files go to
 * {@code --run-dir DIR}, else {@code SKILLPATH_RUN_DIR}, else {@code <repo>/.skillpath/run}. {@code <repo>} is the
 * nearest folder at or above the working directory that holds {@code mvnw}, else the working directory.
 */
public record LocalConfig(Path dataDir, Path runDir, String host, int kafkaPort, int controllerPort, int postgresPort,
                          List<String> databases) {

    public static final String HOST = "127.0.0.1";
    public static final int KAFKA_PORT = 9092;
    public static final int CONTROLLER_PORT = 9093;
    public static final int POSTGRES_PORT = 15432;
    public static final List<String> DATABASES = List.of("content", "skills", "quiz");

    /** Thrown for arguments the launcher does not understand. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static final String USAGE = "usage: DevInfraMain [--data-dir DIR | DIR] [--run-dir DIR]\n"
            + "  defaults: data in $SKILLPATH_DATA_DIR or <repo>/.skillpath/data, pid files in $SKILLPATH_RUN_DIR or"
            + " <repo>/.skillpath/run";

    public static LocalConfig from(String[] args, Map<String, String> env, Path workingDir) {
        String data = null;
        String run = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--data-dir") || a.equals("--run-dir")) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a folder");
                }
                if (a.equals("--data-dir")) {
                    data = args[++i];
                } else {
                    run = args[++i];
                }
            } else if (a.startsWith("--data-dir=")) {
                data = a.substring("--data-dir=".length());
            } else if (a.startsWith("--run-dir=")) {
                run = a.substring("--run-dir=".length());
            } else if (a.equals("-h") || a.equals("--help")) {
                throw new UsageException("");
            } else if (!a.startsWith("-") && data == null) {
                data = a;
            } else {
                throw new UsageException("unknown argument: " + a);
            }
        }
        Path base = repoRoot(workingDir).resolve(".skillpath");
        Path dataDir = pick(data, env.get("SKILLPATH_DATA_DIR"), base.resolve("data"), workingDir);
        Path runDir = pick(run, env.get("SKILLPATH_RUN_DIR"), base.resolve("run"), workingDir);
        return new LocalConfig(dataDir, runDir, HOST, KAFKA_PORT, CONTROLLER_PORT, POSTGRES_PORT, DATABASES);
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    /** The launcher JVM's own pid. */
    public Path launcherPidFile() {
        return runDir.resolve("dev-infra.pid");
    }

    /** The postmaster's pid, recorded so that the next start can stop it if this JVM dies without cleaning up. */
    public Path postgresPidFile() {
        return runDir.resolve("postgres.pid");
    }

    static Path repoRoot(Path workingDir) {
        Path abs = workingDir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        return abs;
    }

    private static Path pick(String arg, String env, Path fallback, Path workingDir) {
        String chosen = arg != null && !arg.isBlank() ? arg : env != null && !env.isBlank() ? env : null;
        Path p = chosen == null ? fallback : workingDir.resolve(chosen);
        return p.toAbsolutePath().normalize();
    }
}
