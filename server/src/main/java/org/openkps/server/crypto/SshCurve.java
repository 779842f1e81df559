package org.openkps.server.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The three NIST curves OpenSSH supports, with their JDK parameters and point arithmetic. */
enum SshCurve {
    NISTP256("nistp256", "secp256r1", SECObjectIdentifiers.secp256r1, 256),
    NISTP384("nistp384", "secp384r1", SECObjectIdentifiers.secp384r1, 384),
    NISTP521("nistp521", "secp521r1", SECObjectIdentifiers.secp521r1, 521);

    final String sshName;
    final ASN1ObjectIdentifier oid;
    final int bits;
    private final String jdkName;
    private final ECParameterSpec spec;

    SshCurve(String sshName, String jdkName, ASN1ObjectIdentifier oid, int bits) {
        this.sshName = sshName;
        this.jdkName = jdkName;
        this.oid = oid;
        this.bits = bits;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(jdkName));
            this.spec = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not provide the curve " + jdkName, e);
        }
    }

    String sshType() {
        return "ecdsa-sha2-" + sshName;
    }

    ECParameterSpec spec() {
        return spec;
    }

    int fieldBytes() {
        return (bits + 7) / 8;
    }

    static Optional<SshCurve> bySshType(String type) {
        return Arrays.stream(values()).filter(c -> c.sshType().equals(type)).findFirst();
    }

    static Optional<SshCurve> byOid(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
    }

    /** Matches by value because keys from other providers carry equal but distinct spec objects. */
    static Optional<SshCurve> of(ECParameterSpec other) {
        return Arrays.stream(values()).filter(c -> c.spec.getCurve().equals(other.getCurve())
                && c.spec.getGenerator().equals(other.getGenerator())
                && c.spec.getOrder().equals(other.getOrder())).findFirst();
    }

    /** Uncompressed SEC1 point: 0x04 || X || Y, each coordinate padded to the field size. */
    byte[] encodePoint(ECPoint point) {
        int size = fieldBytes();
        byte[] out = new byte[1 + 2 * size];
        out[0] = 0x04;
        copyPadded(point.getAffineX(), out, 1, size);
        copyPadded(point.getAffineY(), out, 1 + size, size);
        return out;
    }

    /** Decodes and validates an uncompressed point; {@code context} prefixes error messages. */
    ECPoint decodePoint(byte[] encoded, String context) {
        int size = fieldBytes();
        if (encoded.length > 0 && (encoded[0] == 0x02 || encoded[0] == 0x03)) {
            throw new InvalidKeyMaterialException(context + ": compressed EC points are not supported");
        }
        if (encoded.length != 1 + 2 * size || encoded[0] != 0x04) {
            throw new InvalidKeyMaterialException(
                    context + ": the EC point is not a valid uncompressed " + sshName + " point");
        }
        ECPoint point = new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + size)),
                new BigInteger(1, Arrays.copyOfRange(encoded, 1 + size, encoded.length)));
        if (!isOnCurve(point)) {
            throw new InvalidKeyMaterialException(context + ": the EC point is not on the curve " + sshName);
        }
        return point;
    }

    /** y^2 = x^3 + ax + b (mod p); with cofactor 1 this also puts the point in the right subgroup. */
    boolean isOnCurve(ECPoint point) {
        if (ECPoint.POINT_INFINITY.equals(point)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        return y.modPow(BigInteger.TWO, p).equals(right);
    }

    /** d * G, the public point of private scalar d. */
    ECPoint multiplyGenerator(BigInteger d) {
        X9ECParameters parameters = ECNamedCurveTable.getByName(jdkName);
        org.bouncycastle.math.ec.ECPoint q =
                new FixedPointCombMultiplier().multiply(parameters.getG(), d).normalize();
        return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    boolean isValidScalar(BigInteger d) {
        return d.signum() > 0 && d.compareTo(spec.getOrder()) < 0;
    }

    private static void copyPadded(BigInteger value, byte[] out, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > size && bytes[0] == 0 ? 1 : 0;
        int length = bytes.length - start;
        if (length > size) {
            throw new IllegalArgumentException("coordinate does not fit the field size");
        }
        System.arraycopy(bytes, start, out, offset + size - length, length);
    }
}
