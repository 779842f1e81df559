package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared assertions on rejected key material. */
final class KeyAssertions {

    private KeyAssertions() {
    }

    /**
     * Asserts an {@link InvalidKeyMaterialException} whose message contains {@code expected} and
     * none of {@code secrets} (nor their first 16 characters, to catch partial echoes).
     */
    static InvalidKeyMaterialException assertRejected(ThrowingCallable call, String expected, String... secrets) {
        InvalidKeyMaterialException e = catchThrowableOfType(InvalidKeyMaterialException.class, call);
        assertThat(e).as("expected InvalidKeyMaterialException containing \"%s\"", expected).isNotNull();
        assertThat(e.getMessage()).contains(expected);
        for (String secret : secrets) {
            assertThat(e.getMessage()).doesNotContain(secret);
            if (secret.length() >= 16) {
                assertThat(e.getMessage()).doesNotContain(secret.substring(0, 16));
            }
        }
        assertThat(e.getCause()).isNull();
        return e;
    }
}
