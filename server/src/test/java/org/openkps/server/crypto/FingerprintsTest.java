package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    @Test
    void md5OfEmptyInputIsTheWellKnownValue() {
        assertThat(Fingerprints.md5(new byte[0])).isEqualTo("d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e");
    }

    @Test
    void sha1OfAbcIsTheFips180Vector() {
        assertThat(Fingerprints.sha1("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("a9:99:3e:36:47:06:81:6a:ba:3e:25:71:78:50:c2:6c:9c:d0:d8:9d");
    }

    @Test
    void colonHexKeepsLeadingZeros() {
        assertThat(Fingerprints.colonHex(new byte[] {0x00, 0x0f, (byte) 0xff})).isEqualTo("00:0f:ff");
        assertThat(Fingerprints.colonHex(new byte[0])).isEmpty();
    }
}
