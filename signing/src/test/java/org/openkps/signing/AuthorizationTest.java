package org.openkps.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizationTest {

    private static final String SIG = "fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d";

    @Test
    void parsesTheSdkFormat() {
        Authorization auth = Authorization.parse(
                "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;user-agent;x-project-id;x-sdk-date, Signature="
                        + SIG);

        assertThat(auth.accessKey()).isEqualTo("AccessKey");
        assertThat(auth.signedHeaders()).containsExactly("host", "user-agent", "x-project-id", "x-sdk-date");
        assertThat(auth.signature()).isEqualTo(SIG);
    }

    @Test
    void toleratesExtraWhitespaceFieldOrderAndCase() {
        Authorization auth = Authorization.parse("  SDK-HMAC-SHA256   Signature = " + SIG.toUpperCase()
                + " ,SignedHeaders= Host ; X-Sdk-Date ,\tAccess=AK  ");

        assertThat(auth).isEqualTo(new Authorization("AK", List.of("host", "x-sdk-date"), SIG));
    }

    @Test
    void headerValueRoundTrip() {
        Authorization auth = new Authorization("AK", List.of("host", "x-sdk-date"), SIG);

        assertThat(auth.toHeaderValue())
                .isEqualTo("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=" + SIG);
        assertThat(Authorization.parse(auth.toHeaderValue())).isEqualTo(auth);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|Authorization header is missing",
        "\"   \"|Authorization header is missing",
        "Bearer abc|Authorization header is not SDK-HMAC-SHA256;",
        "sdk-hmac-sha256 Access=AK, SignedHeaders=host, Signature=SIG|Authorization header is not SDK-HMAC-SHA256;",
        "SDK-HMAC-SHA256Access=AK, SignedHeaders=host, Signature=SIG|not SDK-HMAC-SHA256: missing space after SDK-HMAC-SHA256",
        "SDK-HMAC-SHA1 Access=AK, SignedHeaders=host, Signature=SIG|Authorization header is not SDK-HMAC-SHA256;",
        "SDK-HMAC-SM3 Access=AK, SignedHeaders=host, Signature=SIG|Unsupported signing algorithm SDK-HMAC-SM3",
        "V11-HMAC-SHA256 Credential=x|Unsupported signing algorithm V11-HMAC-SHA256",
        "SDK-HMAC-SHA256|not SDK-HMAC-SHA256: no Access, SignedHeaders and Signature fields",
        "SDK-HMAC-SHA256 Access=AK, Signature=SIG|not SDK-HMAC-SHA256: missing SignedHeaders",
        "SDK-HMAC-SHA256 SignedHeaders=host, Signature=SIG|not SDK-HMAC-SHA256: missing Access",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host|not SDK-HMAC-SHA256: missing Signature",
        "SDK-HMAC-SHA256 Access=AK SignedHeaders=host, Signature=SIG|not SDK-HMAC-SHA256: missing SignedHeaders",
        "SDK-HMAC-SHA256 Access=AK,, SignedHeaders=host, Signature=SIG|not SDK-HMAC-SHA256: empty field",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=SIG,|not SDK-HMAC-SHA256: empty field",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders, Signature=SIG|field 'SignedHeaders' has no '='",
        "SDK-HMAC-SHA256 access=AK, SignedHeaders=host, Signature=SIG|unknown field 'access'",
        "SDK-HMAC-SHA256 Credential=AK, SignedHeaders=host, Signature=SIG|unknown field 'Credential'",
        "SDK-HMAC-SHA256 Access=AK, Access=AK, SignedHeaders=host, Signature=SIG|duplicate Access",
        "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=SIG|Access must be a non-empty access key",
        "SDK-HMAC-SHA256 Access=A K, SignedHeaders=host, Signature=SIG|Access must be a non-empty access key",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=, Signature=SIG|SignedHeaders is empty",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x-sdk-date, Signature=SIG|SignedHeaders must be header names",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host x-sdk-date, Signature=SIG|SignedHeaders must be header names",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=abc|Signature must be 64 hex digits",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=|Signature must be 64 hex digits",
    })
    void rejectsAnythingElse(String header, String message) {
        String value = header.replace("SIG", SIG);
        assertThatThrownBy(() -> Authorization.parse(value))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining(message);
    }

    @Test
    void nullIsMissing() {
        assertThatThrownBy(() -> Authorization.parse(null))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("Authorization header is missing");
    }

    @Test
    void missingFieldMessageShowsTheExpectedFormat() {
        assertThatThrownBy(() -> Authorization.parse("SDK-HMAC-SHA256 Access=AK, Signature=" + SIG))
                .hasMessage("Authorization header is not SDK-HMAC-SHA256: missing SignedHeaders; expected "
                        + "'SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;...>, Signature=<hex>'");
    }
}
