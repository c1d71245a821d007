package uk.sendplan.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs test JWTs (RS256) with a key pair generated for this run; the service trusts its public key as it would
 * an identity provider's. No key is committed.
 */
public final class TestJwts {

    public static final String ISSUER = "https://login.test.sendplan.uk";
    public static final String AUDIENCE = "send-api";

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestJwts() {
    }

    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("send-test-jwt", ".pub");
                publicKeyFile.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(publicKeyFile, pem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "file:" + publicKeyFile;
    }

    /** A token for the subject, valid for 5 minutes, from our issuer to our audience. */
    public static String token(String subject) {
        return sign(KEYS, ISSUER, List.of(AUDIENCE), subject, Instant.now().plusSeconds(300));
    }

    public static String token(String subject, String issuer, List<String> audiences, Instant expires) {
        return sign(KEYS, issuer, audiences, subject, expires);
    }

    /** Signed with a key the service has never seen. */
    public static String forgedToken(String subject) {
        return sign(generate(), ISSUER, List.of(AUDIENCE), subject, Instant.now().plusSeconds(300));
    }

    private static String sign(KeyPair keys, String issuer, List<String> audiences, String subject, Instant expires) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String payload = url.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"aud\":["
                + audiences.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",")) + "],\"iat\":" + now
                + ",\"nbf\":" + now + ",\"exp\":" + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign((RSAPrivateKey) keys.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + url.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
