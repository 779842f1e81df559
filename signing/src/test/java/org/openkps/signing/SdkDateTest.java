package org.openkps.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdkDateTest {

    @Test
    void parsesUtcBasicFormat() {
        assertThat(SdkHmacSha256.parseSdkDate("20191115T033655Z")).isEqualTo(Instant.parse("2019-11-15T03:36:55Z"));
        assertThat(SdkHmacSha256.parseSdkDate("20240229T235959Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @Test
    void formatsInUtcDroppingFractions() {
        assertThat(SdkHmacSha256.formatSdkDate(Instant.parse("2019-11-15T03:36:55.999Z"))).isEqualTo("20191115T033655Z");
        assertThat(SdkHmacSha256.parseSdkDate(SdkHmacSha256.formatSdkDate(Instant.parse("2030-01-02T03:04:05Z"))))
                .isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2019-11-15T03:36:55Z", "20191115T033655", "20191115033655Z", "20191115T033655z",
        "20191115T033655+0000", "20190230T000000Z", "20191115T246000Z", "20191115T033655.000Z", "Fri, 15 Nov 2019"})
    void rejectsOtherFormats(String value) {
        assertThatThrownBy(() -> SdkHmacSha256.parseSdkDate(value))
                .isInstanceOf(SignatureException.class)
                .hasMessage("X-Sdk-Date '" + value
                        + "' is not in the format yyyyMMdd'T'HHmmss'Z' (UTC), e.g. 20191115T033655Z");
    }

    @Test
    void missingDate() {
        assertThatThrownBy(() -> SdkHmacSha256.parseSdkDate(null))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("Missing X-Sdk-Date header");
    }
}
