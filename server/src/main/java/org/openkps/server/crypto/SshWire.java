package org.openkps.server.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251 section 5): uint32, string and mpint. */
final class SshWire {

    private SshWire() {
    }

    /** Reads fields in order; every failure becomes an {@link InvalidKeyMaterialException}. */
    static final class Reader {

        private final ByteBuffer buffer;
        private final String context;

        /** {@code context} starts every error message, e.g. "public_key is not a valid OpenSSH public key". */
        Reader(byte[] data, String context) {
            this.buffer = ByteBuffer.wrap(data);
            this.context = context;
        }

        long readUint32() {
            if (buffer.remaining() < 4) {
                throw fail("the key blob is truncated");
            }
            return Integer.toUnsignedLong(buffer.getInt());
        }

        byte[] readBytes() {
            long length = readUint32();
            if (length > buffer.remaining()) {
                throw fail("the key blob is truncated");
            }
            byte[] out = new byte[(int) length];
            buffer.get(out);
            return out;
        }

        /** A name such as a key type; ISO-8859-1 maps every byte so odd input cannot throw here. */
        String readName() {
            return new String(readBytes(), StandardCharsets.ISO_8859_1);
        }

        BigInteger readMpint() {
            byte[] bytes = readBytes();
            if (bytes.length > 0 && bytes[0] < 0) {
                throw fail("a number in the key blob is negative");
            }
            return new BigInteger(1, bytes);
        }

        int remaining() {
            return buffer.remaining();
        }

        byte[] readRest() {
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        }

        void expectEnd() {
            if (buffer.hasRemaining()) {
                throw fail("the key blob has unexpected trailing data");
            }
        }

        InvalidKeyMaterialException fail(String detail) {
            return new InvalidKeyMaterialException(context + ": " + detail);
        }
    }

    /** Builds a blob field by field. */
    static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(long value) {
            out.write((int) (value >>> 24));
            out.write((int) (value >>> 16));
            out.write((int) (value >>> 8));
            out.write((int) value);
            return this;
        }

        Writer string(byte[] value) {
            uint32(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer string(String value) {
            return string(value.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Two's complement, minimal length; zero is the empty string as RFC 4251 requires. */
        Writer mpint(BigInteger value) {
            return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
        }

        Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Quotes a name from untrusted input only when it is short and looks like a name, so base64 is never echoed. */
    static String describeName(String name) {
        if (name.matches("[a-z][a-z0-9@._-]{0,63}")) {
            return "'" + name + "'";
        }
        return "(unreadable)";
    }
}
