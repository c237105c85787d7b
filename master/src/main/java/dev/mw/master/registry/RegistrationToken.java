package dev.mw.master.registry;

import dev.mw.master.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared secret ({@code mw.token}) that registry writes must carry as a bearer token. */
@ApplicationScoped
public class RegistrationToken {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    RegistrationToken(@ConfigProperty(name = "mw.token") Optional<String> token) {
        this.expected = token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** @throws ProblemException 401 when a token is configured and the header does not carry it */
    public void check(String authorization) {
        if (expected == null) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("an \"Authorization: Bearer <token>\" header is required");
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // constant time, so the token cannot be guessed byte by byte from response times
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized("the bearer token is wrong");
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, Map.of("WWW-Authenticate", "Bearer realm=\"mw\""));
    }
}
