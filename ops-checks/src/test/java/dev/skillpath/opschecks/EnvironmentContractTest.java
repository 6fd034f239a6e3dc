package dev.skillpath.opschecks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The contract itself: found where expected, and what is still only promised (printed for the build log). */
class EnvironmentContractTest {

    @Test
    void theServicesOwnExpressionsAreFound() {
        EnvironmentContract contract = EnvironmentContract.load();
        for (String service : Repo.SERVICES.keySet()) {
            assertTrue(contract.of(service).get("PORT") != null, service + " reads PORT");
        }
        for (String service : Repo.DATABASES.keySet()) {
            // from the service's own application.properties and from platform's shared defaults
            assertTrue(contract.of(service).get("DB_URL").startsWith("${DB_URL} in " + service), service);
            assertTrue(contract.of(service).get("DB_USER").contains("microprofile-config.properties"), service);
        }
    }

    @Test
    void printTheVariablesTheServicesDoNotReadYet() {
        EnvironmentContract contract = EnvironmentContract.load();
        Map<String, String> promised = new TreeMap<>();
        for (String service : Repo.SERVICES.keySet()) {
            contract.of(service).forEach((variable, where) -> {
                if (where.startsWith("allow-list") && where.contains("contract")) {
                    promised.merge(variable, service, (a, b) -> a + ", " + b);
                }
            });
        }
        System.out.println("ops-checks: contract variables not yet found as ${VAR} in the services' properties:");
        promised.forEach((variable, services) -> System.out.println("  " + variable + ": " + services));
    }
}
