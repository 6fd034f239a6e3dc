package dev.skillpath.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fresh RS256 key pair per test run, in a temporary folder: the gateway verifies with the public
 * key and its local issuer signs with the private one; {@link Tokens} signs test tokens with it too.
 *
 * <p>The gateway has its own small helper instead of dev-infra's {@code JwtTestResource}: depending on
 * dev-infra would build and test the Kafka and PostgreSQL launcher with every gateway build, and the
 * gateway's tests also need tokens from another issuer.
 */
public final class TestKeys {

    public static final String ISSUER = "skillpath-test";
    public static final String PRIVATE_KEY_PROPERTY = "skillpath.test.jwt.private-key-location";

    private TestKeys() {
    }

    /** Makes the pair and answers the configuration that points the gateway at it. */
    public static Map<String, String> generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("skillpath-gateway-jwt-");
            dir.toFile().deleteOnExit();
            Path publicKey = dir.resolve("public.pem");
            Path privateKey = dir.resolve("private.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            publicKey.toFile().deleteOnExit();
            privateKey.toFile().deleteOnExit();
            Map<String, String> config = new LinkedHashMap<>();
            config.put("mp.jwt.verify.publickey.location", publicKey.toUri().toString());
            config.put("mp.jwt.verify.issuer", ISSUER);
            config.put("skillpath.gateway.auth.local-issuer.issuer", ISSUER);
            config.put("skillpath.gateway.auth.local-issuer.private-key-location", privateKey.toString());
            config.put(PRIVATE_KEY_PROPERTY, privateKey.toString());
            return config;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot make a test key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
