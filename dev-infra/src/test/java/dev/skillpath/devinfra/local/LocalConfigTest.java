package dev.skillpath.devinfra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalConfigTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsToTheRepositorysSkillpathFolderFromASubfolder() throws Exception {
        Files.createFile(tmp.resolve("mvnw"));
        Path sub = Files.createDirectories(tmp.resolve("dev-infra/target"));
        LocalConfig c = LocalConfig.from(new String[0], Map.of(), sub);
        Path root = tmp.toAbsolutePath().normalize();
        assertEquals(root.resolve(".skillpath/data"), c.dataDir());
        assertEquals(root.resolve(".skillpath/data/kafka"), c.kafkaDir());
        assertEquals(root.resolve(".skillpath/data/postgres"), c.postgresDir());
        assertEquals(root.resolve(".skillpath/run/dev-infra.pid"), c.launcherPidFile());
        assertEquals(root.resolve(".skillpath/run/postgres.pid"), c.postgresPidFile());
        assertEquals(9092, c.kafkaPort());
        assertEquals(9093, c.controllerPort());
        assertEquals(15432, c.postgresPort());
        assertEquals("127.0.0.1", c.host());
        assertEquals(java.util.List.of("content", "skills", "quiz"), c.databases());
    }

    @Test
    void anArgumentBeatsTheEnvironment() {
        Map<String, String> env = Map.of("SKILLPATH_DATA_DIR", "/env/data", "SKILLPATH_RUN_DIR", "/env/run");
        assertEquals(Path.of("/env/data"), LocalConfig.from(new String[0], env, tmp).dataDir());
        assertEquals(Path.of("/env/run"), LocalConfig.from(new String[0], env, tmp).runDir());
        assertEquals(Path.of("/arg/data"), LocalConfig.from(new String[] {"--data-dir", "/arg/data"}, env, tmp).dataDir());
        assertEquals(Path.of("/arg/data"), LocalConfig.from(new String[] {"--data-dir=/arg/data"}, env, tmp).dataDir());
        assertEquals(Path.of("/arg/data"), LocalConfig.from(new String[] {"/arg/data"}, env, tmp).dataDir());
        assertEquals(Path.of("/arg/run"), LocalConfig.from(new String[] {"--run-dir", "/arg/run"}, env, tmp).runDir());
    }

    @Test
    void relativeFoldersAreResolvedAgainstTheWorkingDirectory() {
        LocalConfig c = LocalConfig.from(new String[] {"mydata"}, Map.of(), tmp);
        assertEquals(tmp.toAbsolutePath().resolve("mydata"), c.dataDir());
    }

    @Test
    void unknownOrIncompleteArgumentsAreUsageErrors() {
        assertThrows(LocalConfig.UsageException.class, () -> LocalConfig.from(new String[] {"--port", "1"}, Map.of(), tmp));
        assertThrows(LocalConfig.UsageException.class, () -> LocalConfig.from(new String[] {"--data-dir"}, Map.of(), tmp));
        assertThrows(LocalConfig.UsageException.class, () -> LocalConfig.from(new String[] {"a", "b"}, Map.of(), tmp));
    }
}
