package dev.mw.master.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mw.master.problem.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationTokenTest {

    @Test
    void withoutATokenEveryoneMayRegister() {
        assertDoesNotThrow(() -> new RegistrationToken(Optional.empty()).check(null));
    }

    @Test
    void withATokenOnlyTheRightBearerPasses() {
        RegistrationToken token = new RegistrationToken(Optional.of("s3cret"));
        assertDoesNotThrow(() -> token.check("Bearer s3cret"));
        assertDoesNotThrow(() -> token.check("bearer s3cret"));
        for (String bad : new String[] {null, "", "Bearer", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret", "s3cret"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> token.check(bad), String.valueOf(bad));
            assertEquals(401, e.problem().status());
            assertEquals("Bearer realm=\"mw\"", e.headers().get("WWW-Authenticate"));
        }
    }
}
